import { launch, startWeb, DIST } from './harness.mjs';
import fs from 'node:fs';
const env = JSON.parse(fs.readFileSync('/tmp/rc-env.json','utf8'));
const name = process.argv[2];
const web = await startWeb();
const b = await launch(name, web);
const page = await b.newPage();
page.on('console', m => console.log('console', m.text()));
const t00=Date.now(); page.on('request', r => console.log('req', Date.now()-t00, r.method(), r.url().slice(0,80))); page.on('requestfinished', r => console.log('fin', Date.now()-t00, r.url().slice(0,80))); page.on('requestfailed', r => console.log('failed', Date.now()-t00, r.url().slice(0,80), r.failure()?.errorText));
const t0 = Date.now();
try {
  const r = await page.goto(env.url, { timeout: 20000 });
  console.log('goto', r?.status(), Date.now() - t0, page.url());
  await page.type('#rcmloginuser', env.user);
  await page.type('#rcmloginpwd', env.password);
  console.log('typed', Date.now()-t0, await page.$eval('#rcmloginpwd', e => e.value.length));
  await Promise.all([page.waitForNavigation({timeout: 20000}), (process.argv[3]==='enter' ? page.keyboard.press('Enter') : process.argv[3]==='eval' ? page.$eval('#rcmloginsubmit', b => b.click()) : page.click('#rcmloginsubmit')).then(() => console.log('clicked', Date.now()-t0))]);
  console.log('login', Date.now() - t0, page.url());
} catch (e) { console.log('ERR', e.message, page.url()); }

try {
  const ext = await b.newPage();
  await ext.goto(b.extensionUrl('pages/options.html'));
  console.log('ext ok', ext.url());
} catch (e) { console.log('EXT ERR', e.message.slice(0, 200)); }
await page.screenshot({ path: `/tmp/probe-${name}.png` });
await b.close(); await web.close();
