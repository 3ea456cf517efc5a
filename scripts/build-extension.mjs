#!/usr/bin/env node
// Builds the browser extension from extension/ and the engine in .build/wasm/:
//   dist/chrome/   unpacked, loadable in Chrome/Chromium (MV3, background.service_worker)
//   dist/firefox/  unpacked, loadable in Firefox (MV3, background.scripts, gecko settings)
//   dist/linkguard-chrome.zip, dist/linkguard-firefox.xpi
//   www/engine/    the engine for the web page
//   www/_locales/  the user-facing texts for the web page
//   www/shared/    extension/shared/, the modules both wings use (www loads them as ES modules)
// Every user-facing text has one source, data/locales/<lang>/messages.json: copied into each
// package's _locales/ and into www/_locales/.
// Both manifests come from the one source extension/manifest.base.json. The build also checks
// that every message key used (manifest, HTML, JS) exists in both locales, and that en and ja have
// the same keys, so a missing translation fails the build instead of showing a bare key.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'extension');
const localesDir = path.join(root, 'data', 'locales');
// LINKGUARD_ENGINE_DIR: package an engine built elsewhere (default: what `make wasm` writes).
const engineDir = process.env.LINKGUARD_ENGINE_DIR ? path.resolve(process.env.LINKGUARD_ENGINE_DIR) : path.join(root, '.build', 'wasm');
const dist = path.join(root, 'dist');
const ENGINE_FILES = ['linkguard.js', 'linkguard_bg.wasm'];
// Source files that are not part of the package (shared/: the modules www/ loads).
const EXCLUDE = new Set(['manifest.base.json', 'shared']);

function fail(message) {
  console.error(`build-extension: ${message}`);
  process.exit(1);
}

function cargoVersion() {
  const toml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const pkg = toml.split(/^\[/m).find((s) => s.startsWith('package]'));
  const m = pkg?.match(/^version\s*=\s*"([^"]+)"/m);
  if (!m) fail('no [package] version in Cargo.toml');
  // Browsers want 1-4 dot-separated integers: drop any pre-release suffix.
  return m[1].replace(/[-+].*$/, '');
}

/** manifest.base.json -> the manifest of one browser. */
function renderManifest(base, browser) {
  const manifest = {};
  for (const [key, value] of Object.entries(base)) {
    if (key === '//' || key.startsWith('$')) continue;
    manifest[key] = structuredClone(value);
  }
  Object.assign(manifest, structuredClone(base[`$${browser}`] ?? {}));
  manifest.version = cargoVersion();
  for (const script of manifest.content_scripts ?? []) {
    script.matches = script.matches.flatMap((m) => (m === '$webmail' ? base.$webmail : [m]));
  }
  return manifest;
}

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (EXCLUDE.has(entry.name) || entry.name.startsWith('.')) continue;
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(a, b);
    else fs.copyFileSync(a, b);
  }
}

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

function checkMessages(manifestText) {
  const locales = {};
  for (const lang of fs.readdirSync(localesDir)) {
    const file = path.join(localesDir, lang, 'messages.json');
    try {
      locales[lang] = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      fail(`${path.relative(root, file)}: ${e.message}`);
    }
  }
  const langs = Object.keys(locales);
  const problems = [];
  for (const a of langs) {
    for (const b of langs) {
      for (const key of Object.keys(locales[a])) {
        if (!(key in locales[b])) problems.push(`key "${key}" is in ${a} but not in ${b}`);
      }
    }
    for (const [key, entry] of Object.entries(locales[a])) {
      if (typeof entry.message !== 'string' || entry.message.trim() === '') {
        problems.push(`${a}: "${key}" has no message`);
      }
    }
  }
  // Keys used by the code: __MSG_x__, data-i18n="x", data-i18n-attr="attr:x", msg('x').
  const used = new Set();
  for (const m of manifestText.matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
  for (const file of listFiles(src)) {
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.html')) {
      for (const m of text.matchAll(/data-i18n="(\w+)"/g)) used.add(m[1]);
      for (const m of text.matchAll(/data-i18n-attr="([^"]+)"/g)) {
        for (const pair of m[1].split(',')) used.add(pair.split(':')[1]?.trim());
      }
    } else if (file.endsWith('.js')) {
      for (const m of text.matchAll(/\bmsg\('(\w+)'/g)) used.add(m[1]);
    }
  }
  used.delete(undefined);
  for (const key of used) {
    if (key.startsWith('@@')) continue;
    for (const lang of langs) {
      if (!(key in locales[lang])) problems.push(`key "${key}" is used but missing in ${lang}`);
    }
  }
  if (problems.length) fail(`locale problems:\n  ${problems.join('\n  ')}`);
}

/** Copies each language's messages.json into `to`/<lang>/messages.json (the WebExtension _locales layout). */
function copyLocales(to) {
  fs.rmSync(to, { recursive: true, force: true });
  for (const lang of fs.readdirSync(localesDir)) {
    fs.mkdirSync(path.join(to, lang), { recursive: true });
    fs.copyFileSync(path.join(localesDir, lang, 'messages.json'), path.join(to, lang, 'messages.json'));
  }
}

function zipDir(dir, out) {
  fs.rmSync(out, { force: true });
  // -X: no extra file attributes, so the archive depends only on the content.
  execFileSync('zip', ['-q', '-r', '-X', out, '.'], { cwd: dir, stdio: 'inherit' });
}

const base = JSON.parse(fs.readFileSync(path.join(src, 'manifest.base.json'), 'utf8'));
checkMessages(JSON.stringify(base));
for (const f of ENGINE_FILES) {
  if (!fs.existsSync(path.join(engineDir, f))) fail(`missing ${path.join('.build/wasm', f)}: run \`make wasm\` first`);
}

/**
 * Loads the engine the way the background does (the no-modules glue, then the wasm) and asks it
 * about one link, so a package whose engine can't be instantiated (e.g. a wasm-opt that mangles
 * the reference-types tables) is never built.
 */
async function smokeTestEngine() {
  const glue = fs.readFileSync(path.join(engineDir, 'linkguard.js'), 'utf8');
  try {
    // eslint-disable-next-line no-new-func -- the glue is a classic script defining one global
    const wasmBindgen = new Function(`${glue}\nreturn wasm_bindgen;`)();
    await wasmBindgen({ module_or_path: fs.readFileSync(path.join(engineDir, 'linkguard_bg.wasm')) });
    const guard = new wasmBindgen.LinkGuard();
    const [verdict] = guard.analyzeBatch([{ href: 'https://example.org/', text: 'example' }]);
    if (!verdict || typeof verdict.level !== 'string') throw new Error(`unexpected answer ${JSON.stringify(verdict)}`);
  } catch (e) {
    fail(`the engine in .build/wasm does not work: ${e.message}`);
  }
}

await smokeTestEngine();

const outputs = { chrome: 'linkguard-chrome.zip', firefox: 'linkguard-firefox.xpi' };
for (const [browser, archive] of Object.entries(outputs)) {
  const out = path.join(dist, browser);
  fs.rmSync(out, { recursive: true, force: true });
  copyTree(src, out);
  copyLocales(path.join(out, '_locales'));
  fs.mkdirSync(path.join(out, 'engine'), { recursive: true });
  for (const f of ENGINE_FILES) fs.copyFileSync(path.join(engineDir, f), path.join(out, 'engine', f));
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(renderManifest(base, browser), null, 2)}\n`);
  zipDir(out, path.join(dist, archive));
  console.log(`build-extension: dist/${browser}/ and dist/${archive}`);
}

const www = path.join(root, 'www', 'engine');
fs.mkdirSync(www, { recursive: true });
for (const f of ENGINE_FILES) fs.copyFileSync(path.join(engineDir, f), path.join(www, f));
copyLocales(path.join(root, 'www', '_locales'));
// The demo webmail and the link checker fetch the golden cases from the site.
fs.copyFileSync(path.join(root, 'tests', 'data', 'cases.json'), path.join(root, 'www', 'mail', 'cases.json'));
const wwwShared = path.join(root, 'www', 'shared');
fs.rmSync(wwwShared, { recursive: true, force: true });
fs.cpSync(path.join(src, 'shared'), wwwShared, { recursive: true });
console.log('build-extension: www/engine/, www/_locales/, www/shared/ and www/mail/cases.json');
