// @ts-check
// The release's parts that need no browser: one version everywhere, and packages whose bytes
// depend only on their files (scripts/deterministic_zip.py). The whole release built twice and
// compared is scripts/test-reproducible.sh (`make test-release`).
//
// Needs `make` first (dist/, www/version.json).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Cargo.toml's [package] as cargo reads it. */
function cargoPackage() {
  const out = execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out).packages.find((/** @type {{name: string}} */ p) => p.name === 'linkguard');
}

test('one version, Cargo.toml\'s: both manifests, the CLI\'s --version, the site\'s about page', () => {
  const { version } = cargoPackage();
  assert.match(version, /^\d+\.\d+\.\d+$/, 'a version browsers accept as it is');
  for (const browser of ['chrome', 'firefox']) {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'dist', browser, 'manifest.json'), 'utf8'));
    assert.equal(manifest.version, version, `dist/${browser}/manifest.json`);
  }
  assert.equal(execFileSync(path.join(root, 'dist', 'linkguard'), ['--version'], { encoding: 'utf8' }).trim(), `linkguard ${version}`);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'www', 'version.json'), 'utf8')), { version });
});

/**
 * The entries of a zip from its central directory: name, DOS time and date, external attributes.
 * @param {Buffer} zip
 */
function centralDirectory(zip) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory header');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      time: zip.readUInt16LE(at + 12),
      date: zip.readUInt16LE(at + 14),
      mode: zip.readUInt32LE(at + 38) >>> 16,
      extraLength,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** @param {string} out @param {string} dir @param {Record<string, string>} env */
function zipWith(out, dir, env) {
  execFileSync('python3', [path.join(root, 'scripts', 'deterministic_zip.py'), out, dir], { env: { ...process.env, ...env } });
  return fs.readFileSync(out);
}

test('deterministic_zip.py: the same files give the same bytes, whatever their times, modes and order on disk', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linkguard-zip-'));
  try {
    const files = { 'b.js': 'b', 'a/z.json': '{}', 'a/b/c.txt': 'c'.repeat(1000), 'A.txt': 'upper' };
    const one = path.join(tmp, 'one');
    const two = path.join(tmp, 'two');
    /** @type {Array<[string, string[]]>} */
    const layouts = [[one, Object.keys(files)], [two, Object.keys(files).reverse()]];
    for (const [dir, order] of layouts) {
      for (const name of order) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), files[name]);
      }
    }
    fs.utimesSync(path.join(two, 'b.js'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    fs.chmodSync(path.join(two, 'A.txt'), 0o755);
    // 2024-12-07 02:54:29 UTC: a zip holds even seconds.
    const env = { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 11, 7, 2, 54, 29) / 1000) };
    const a = zipWith(path.join(tmp, 'one.zip'), one, env);
    const b = zipWith(path.join(tmp, 'two.zip'), two, env);
    assert.ok(a.equals(b), 'the two archives differ');

    const entries = centralDirectory(a);
    assert.deepEqual(entries.map((e) => e.name), ['A.txt', 'a/b/c.txt', 'a/z.json', 'b.js'], 'files only, in byte order');
    const dosDate = ((2024 - 1980) << 9) | (12 << 5) | 7;
    const dosTime = (2 << 11) | (54 << 5) | (28 / 2);
    for (const e of entries) {
      assert.deepEqual([e.date, e.time, e.mode, e.extraLength], [dosDate, dosTime, 0o100644, 0], e.name);
    }

    const other = zipWith(path.join(tmp, 'three.zip'), one, { SOURCE_DATE_EPOCH: '1000000000' });
    assert.ok(!other.equals(a), 'SOURCE_DATE_EPOCH is the entries\' time');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the packages are written by deterministic_zip.py: every entry dated SOURCE_DATE_EPOCH or 1980, mode 0644', () => {
  for (const archive of ['linkguard-chrome.zip', 'linkguard-firefox.xpi']) {
    const entries = centralDirectory(fs.readFileSync(path.join(root, 'dist', archive)));
    assert.ok(entries.some((e) => e.name === 'manifest.json'), `${archive} has manifest.json`);
    const names = entries.map((e) => e.name);
    assert.deepEqual(names, [...names].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))), `${archive}: byte order`);
    assert.equal(new Set(entries.map((e) => `${e.date} ${e.time}`)).size, 1, `${archive}: one time for every entry`);
    assert.ok(entries.every((e) => e.mode === 0o100644 && !e.name.endsWith('/')), `${archive}: files, mode 0644`);
  }
});
