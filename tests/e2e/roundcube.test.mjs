// linkguard on a real webmail: Roundcube 1.6 + Dovecot on loopback, in Chromium and Firefox.
//
// The `before` hook runs tests/roundcube/setup.sh (installs Debian's dovecot-imapd, roundcube,
// php-cli... on the first run as root, then starts both services on free 127.0.0.1 ports in a temp
// dir and loads tests/roundcube/messages/*.eml into the test user's INBOX). The `after` hook runs
// tests/roundcube/teardown.sh, which stops every process setup.sh started, also when a test failed.
// A missing package or a failed start fails the tests with setup.sh's message; nothing is skipped.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SETUP = path.join(ROOT, 'tests/roundcube/setup.sh');
const TEARDOWN = path.join(ROOT, 'tests/roundcube/teardown.sh');

// Subjects of tests/roundcube/messages/*.eml as Roundcube must show them (decoded MIME words,
// ISO-2022-JP and UTF-8).
const SUBJECTS = {
  founding: '【えきねっと】アカウント利用制限のお知らせ',
  safelinks: 'パスワードの有効期限のお知らせ / Password expiry notice',
  proofpoint: 'Invoice 8842 awaiting your signature',
  newsletter: 'くも旅 ニュースレター 2026年3月号',
  plain: '会議資料 / meeting notes',
};

/** The running webmail: setup.sh's JSON (url, imapPort, user, password, state, pgid). */
let webmail = null;
// Chosen here rather than by setup.sh so that teardown knows the dir even if setup.sh was
// interrupted (hook timeout) before it printed anything.
const stateDir = mkdtempSync(path.join(tmpdir(), 'linkguard-roundcube.'));
let tornDown = false;

function teardown() {
  if (tornDown) return;
  tornDown = true;
  if (readdirSync(stateDir).length === 0) {
    rmdirSync(stateDir); // setup.sh never got as far as writing anything
    return;
  }
  execFileSync(TEARDOWN, [stateDir], { stdio: ['ignore', 'inherit', 'inherit'] });
}
// Last resort if the runner exits without reaching `after` (the hook is the normal path).
process.on('exit', () => {
  try { teardown(); } catch { /* reported by the after hook when it runs */ }
});

// A failed setup is kept and reported by the first test (as a failure with setup.sh's message),
// and every later test fails on it too: a hook failure would only mark them "cancelled".
let setupError = null;
let setupSeconds = null;

before(async () => {
  const started = Date.now();
  const { stdout, stderr, code } = await new Promise((resolve) => {
    execFile(SETUP, [], {
      env: { ...process.env, LINKGUARD_RC_STATE: stateDir },
      maxBuffer: 64 * 1024 * 1024,
    }, (error, stdout, stderr) => resolve({ stdout, stderr, code: error ? (error.code ?? error.signal) : 0 }));
  });
  setupSeconds = (Date.now() - started) / 1000;
  if (code !== 0) {
    setupError = new Error(`tests/roundcube/setup.sh failed (exit ${code}); its output:\n${stderr}`);
    return;
  }
  try {
    webmail = JSON.parse(stdout.trim().split('\n').pop());
  } catch (e) {
    setupError = new Error(`tests/roundcube/setup.sh printed no JSON line: ${e.message}\n${stdout}\n${stderr}`);
  }
}, { timeout: 20 * 60_000 });

/** The running webmail, or a failure that points at the setup test. */
function requireWebmail() {
  if (!webmail) {
    throw new Error(`the test webmail is not running (${setupError ? 'setup.sh failed, see the first test' : 'setup.sh did not finish'})`);
  }
  return webmail;
}

test('setup.sh installs and starts Dovecot + Roundcube on loopback', (t) => {
  if (setupError) throw setupError;
  const wm = requireWebmail();
  assert.match(wm.url, /^http:\/\/127\.0\.0\.1:\d+\/$/, 'Roundcube listens on loopback');
  assert.equal(wm.imapHost, '127.0.0.1', 'Dovecot listens on loopback');
  assert.equal(wm.messages.length, 5, 'all five test messages were appended');
  // Reported, not asserted: install and start times are information, not a pass criterion.
  t.diagnostic(`setup.sh took ${setupSeconds.toFixed(1)} s; Roundcube ${wm.url}`);
});

after(() => {
  teardown();
});

// --- Roundcube over plain HTTP (no browser): proves the services before the browser tests ------

/** A tiny cookie-keeping client for Roundcube's login flow. */
class RoundcubeClient {
  constructor(base) { this.base = base; this.cookies = new Map(); }
  async get(query, headers = {}) { return this.request('GET', query, undefined, headers); }
  async post(query, form) {
    return this.request('POST', query, new URLSearchParams(form).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' });
  }
  async request(method, query, body, headers) {
    const res = await fetch(new URL(query, this.base), {
      method, body, redirect: 'manual',
      headers: { ...headers, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }
  async login(user, password) {
    const form = await (await this.get('./')).text();
    const token = form.match(/name="_token" value="([^"]+)"/)?.[1];
    assert.ok(token, 'the login page has a _token field');
    const res = await this.post('./?_task=login', {
      _token: token, _task: 'login', _action: 'login', _timezone: 'Asia/Tokyo', _url: '',
      _user: user, _pass: password,
    });
    assert.equal(res.status, 302, 'a good login redirects');
    assert.match(res.headers.get('location') ?? '', /_task=mail/, 'the login lands in the mail task');
    const mail = await (await this.get('./?_task=mail&_mbox=INBOX')).text();
    this.requestToken = mail.match(/"request_token":"([^"]+)"/)?.[1];
    assert.ok(this.requestToken, 'the mail view carries a request token (logged in)');
  }
}

describe('Roundcube test webmail (HTTP, no browser)', () => {
  test('a wrong password is refused', async () => {
    const client = new RoundcubeClient(requireWebmail().url);
    const form = await (await client.get('./')).text();
    const token = form.match(/name="_token" value="([^"]+)"/)?.[1];
    const res = await client.post('./?_task=login', {
      _token: token, _task: 'login', _action: 'login', _user: webmail.user, _pass: 'wrong-password',
    });
    assert.notEqual(res.status, 302, 'no redirect into the mailbox with a wrong password');
  });

  test('logs in through the login form and lists the five test messages', async () => {
    const client = new RoundcubeClient(requireWebmail().url);
    await client.login(webmail.user, webmail.password);
    const res = await client.get('./?_task=mail&_action=list&_mbox=INBOX&_remote=1',
      { 'x-roundcube-request': client.requestToken });
    const list = JSON.parse(await res.text());
    for (const [name, subject] of Object.entries(SUBJECTS)) {
      assert.ok(list.exec.includes(JSON.stringify(subject).slice(1, -1)),
        `message list shows the ${name} message's subject "${subject}"`);
    }
  });

  test('the founding case reaches the page intact (ISO-2022-JP decoded, href and text kept)', async () => {
    const client = new RoundcubeClient(requireWebmail().url);
    await client.login(webmail.user, webmail.password);
    const uid = webmail.messages.indexOf('01-ekinet-founding-case.eml') + 1;
    assert.ok(uid > 0, 'setup.sh loaded the founding case');
    const html = await (await client.get(`./?_task=mail&_action=preview&_uid=${uid}&_mbox=INBOX&_framed=1`)).text();
    assert.match(html, /えきねっと会員 様/, 'the Japanese body text is decoded');
    assert.match(html,
      /<a href="https:\/\/checkid\.ddnsking\.com\/"[^>]*>https:\/\/eki-net-members\.k7q2x\.workers\.dev\/login\/verify<\/a>/,
      'the anchor keeps its No-IP href and its workers.dev text');
  });
});
