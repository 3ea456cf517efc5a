// @ts-check
// One mail reader: the link checker page's (`scanMessage` of the wasm built with the `mail`
// feature, .build/wasm-mail) is the command's (`linkguard scan --json`, dist/linkguard). Every
// sample message of the page and every mail fixture of the command's tests gives the same report
// through both. Needs `make` (the CLI and both wasm builds).
//   node --test tests/e2e/scan-message.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadWasm } from '../../scripts/node-engine.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'linkguard');
const MESSAGES = [
  ...fs.readdirSync(path.join(ROOT, 'www', 'check', 'samples')).filter((f) => f.endsWith('.eml')).map((f) => path.join('www', 'check', 'samples', f)),
  ...fs.readdirSync(path.join(ROOT, 'tests', 'fixtures', 'mail'), { recursive: true }).map(String).filter((f) => f.endsWith('.eml')).sort()
    .map((f) => path.join('tests', 'fixtures', 'mail', f)),
];
const CATALOGS = Object.fromEntries(['en', 'ja'].map((lang) => [lang, JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'locales', lang, 'messages.json'), 'utf8'))]));

const guard = new (loadWasm(path.join(ROOT, '.build', 'wasm-mail'), 'linkguard_mail').LinkGuard)();

/** `linkguard scan --json FILE`'s report of its one message, without where it was read. @param {string} file */
function scanned(file) {
  let out;
  try {
    out = execFileSync(CLI, ['scan', '--json', file], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    out = error.stdout; // exit status 1: a dangerous link was found
  }
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 1, `${file}: one message`);
  const report = JSON.parse(lines[0]);
  delete report.file;
  delete report.index;
  return report;
}

describe('scanMessage (the mail wasm) reads and judges a message as linkguard scan does', () => {
  test('the fixtures are there', () => {
    assert.ok(MESSAGES.length >= 50, MESSAGES.join(', '));
  });

  for (const file of MESSAGES) {
    test(file, () => {
      const report = guard.scanMessage(fs.readFileSync(path.join(ROOT, file)));
      assert.ok(!('error' in report), `${file}: ${JSON.stringify(report)}`);
      assert.deepEqual(report, scanned(file));
      assert.ok(report.parts.length > 0, `${file}: its parts`);
    });
  }

  test('bytes that are no mail message: the reason as a message of the catalogs', () => {
    for (const [bytes, key] of [['just some words\nwithout headers\n', 'mail_error_no_headers'], [' \r\n', 'mail_error_empty']]) {
      const report = guard.scanMessage(new TextEncoder().encode(bytes));
      assert.deepEqual(report, { error: { key, args: [] } });
      for (const catalog of Object.values(CATALOGS)) assert.ok(catalog[key]?.message, key);
    }
  });
});
