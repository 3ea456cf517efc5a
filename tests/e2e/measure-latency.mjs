#!/usr/bin/env node
// Prints how long the extension takes to answer, in both browsers (a measurement, not a test):
//   - messaging round trip extension page -> background engine -> back, for batches of 1, 50, 500 links
//   - in a webmail page: a link inserted into the DOM until it carries data-linkguard-level
//     (MutationObserver + idle batching + message + engine + marking)
// Run after `make extension`: node tests/e2e/measure-latency.mjs
import { BROWSERS, launch, startWeb, waitForLevel } from './harness.mjs';

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, n=${s.length}`;
};

for (const name of BROWSERS) {
  const web = await startWeb();
  const b = await launch(name, web);
  try {
    const ext = await b.openExtensionPage('pages/options.html');
    for (const [size, rounds] of [[1, 60], [50, 30], [500, 10]]) {
      const times = await ext.evaluate(async (n, r) => {
        const api = globalThis.browser ?? globalThis.chrome;
        const out = [];
        for (let i = 0; i < r; i++) {
          const links = Array.from({ length: n }, (_, k) => ({
            href: `https://host${i}-${k}.example-${k % 7}.com/path?x=${k}`,
            text: k % 3 ? `https://www.example-${k % 5}.org/` : 'Click here',
          }));
          const t0 = performance.now();
          const reply = await api.runtime.sendMessage({ type: 'analyze', links });
          if (reply.verdicts.length !== n) throw new Error('short answer');
          out.push(performance.now() - t0);
        }
        return out;
      }, size, rounds);
      console.log(`${name}: round trip, ${size} link(s) per batch: ${stats(times.slice(1))} (first: ${times[0].toFixed(1)} ms)`);
    }
    const page = await b.newPage();
    await page.bringToFront();
    await page.goto(web.url('mail.google.com', '/founding.html'));
    await waitForLevel(page, '#founding');
    const insertTimes = [];
    for (let i = 0; i < 30; i++) {
      insertTimes.push(await page.evaluate((k) => new Promise((resolve) => {
        const a = document.createElement('a');
        a.href = `https://checkid.ddnsking.com/measure-${k}`;
        a.textContent = `https://secure-${k}.example-account.workers.dev/`;
        const t0 = performance.now();
        new MutationObserver((_, obs) => {
          if (a.hasAttribute('data-linkguard-level')) {
            obs.disconnect();
            resolve(performance.now() - t0);
          }
        }).observe(a, { attributes: true });
        document.body.append(a);
      }), i));
    }
    console.log(`${name}: inserted link -> marked: ${stats(insertTimes)}`);
  } finally {
    await b.close();
    await web.close();
  }
}
