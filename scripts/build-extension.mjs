#!/usr/bin/env node
// @ts-check
// Builds the browser extension from extension/ and the engine in .build/wasm/:
//   dist/chrome/   unpacked, loadable in Chrome/Chromium (MV3, background.service_worker)
//   dist/firefox/  unpacked, loadable in Firefox (MV3, background.scripts, gecko settings)
//   dist/linkguard-chrome.zip, dist/linkguard-firefox.xpi (scripts/deterministic_zip.py: the
//                  same files always give the same bytes; `make release` names them by version)
//   www/engine/    the engines for the web pages: the extension's (the demo webmail) and the one
//                  with the mail reader (.build/wasm-mail, `make wasm-mail`: the link checker)
//   www/_locales/  the user-facing texts for the web pages: each messages.json, and catalogs.js,
//                  both as one classic script the pages load in <head> (their static texts are
//                  filled in before the first paint, with no fetch to wait for)
//   www/shared/    extension/shared/, the modules both wings use (www loads them as ES modules)
//   www/version.json   the version (Cargo.toml's), for the about page
//   extension/shared/reason-codes.js   the engine's reason codes (reasonCodes()), written before
//                  the bundles and www/shared/ are made from extension/shared/ (git ignores it)
// `--packages-only` (`make packages`, `make release`): the two packages, not www, so the mail
// engine is not needed.
// Every user-facing text has one source, data/locales/<lang>/messages.json: copied into each
// package's _locales/ and into www/_locales/.
// Both manifests come from the one source extension/manifest.base.json. The build also checks
// that every message key used (manifest, HTML, JS) exists in both locales, and that en and ja have
// the same keys, so a missing translation fails the build instead of showing a bare key, and that
// every file the manifest and the pages name is in the package.
//
// The extension's scripts are ES modules (extension/background/, content/, pages/, shared/); a
// content script, Firefox's background scripts and Chrome's classic service worker can't load
// modules, so each script of the package is one classic script bundled by esbuild from its entry
// module (BUNDLES): not minified, so that it reads as its sources do, and the same sources always
// give the same bytes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { loadWasm } from './node-engine.mjs';

const packagesOnly = process.argv.includes('--packages-only');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'extension');
const localesDir = path.join(root, 'data', 'locales');
// LINKGUARD_ENGINE_DIR: package an engine built elsewhere (default: what `make wasm` writes).
const engineDir = process.env.LINKGUARD_ENGINE_DIR ? path.resolve(process.env.LINKGUARD_ENGINE_DIR) : path.join(root, '.build', 'wasm');
const dist = path.join(root, 'dist');
const ENGINE_FILES = ['linkguard.js', 'linkguard_bg.wasm'];
const mailEngineDir = process.env.LINKGUARD_MAIL_ENGINE_DIR
  ? path.resolve(process.env.LINKGUARD_MAIL_ENGINE_DIR)
  : path.join(root, '.build', 'wasm-mail');
const MAIL_ENGINE_FILES = ['linkguard_mail.js', 'linkguard_mail_bg.wasm'];
/** Each script of the package (a path in it) and the module under extension/ it is bundled from. */
const BUNDLES = {
  'background.js': 'background/main.js',
  'content-start.js': 'content/start.js',
  'content.js': 'content/main.js',
  'link-texts.js': 'content/link-texts.js',
  'pages/link.js': 'pages/link.js',
  'pages/options.js': 'pages/options.js',
  'pages/popup.js': 'pages/popup.js',
  'pages/warning.js': 'pages/warning.js',
};
/** The package's other files (a path in it) and their source under extension/: copied as they are. */
const STATIC_FILES = {
  'content.css': 'content/content.css',
  icons: 'icons',
  pages: 'pages',
  // The one type scale: the pages link it; the content script has it bundled as text.
  'shared/type.css': 'shared/type.css',
  // What an administrator may set in managed storage (Chrome reads it: manifest
  // storage.managed_schema; Firefox takes policies.json's 3rdparty.Extensions as they are).
  'managed-schema.json': 'managed-schema.json',
};

/** @param {string} message @returns {never} */
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

/**
 * Copies `from` (a file, or a folder's files but its scripts, which are bundled) to `to`.
 * @param {string} from
 * @param {string} to
 */
function copyStatic(from, to) {
  if (!fs.statSync(from).isDirectory()) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    return;
  }
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || (entry.isFile() && entry.name.endsWith('.js'))) continue;
    copyStatic(path.join(from, entry.name), path.join(to, entry.name));
  }
}

/**
 * Bundles each entry module of BUNDLES into its classic script under `out`: an IIFE in strict
 * mode (the modules are), for the browsers the manifest names as its minimum.
 * @param {string} out
 * @param {string[]} target esbuild's targets, e.g. ['chrome121', 'firefox140']
 */
async function bundleScripts(out, target) {
  for (const [script, entry] of Object.entries(BUNDLES)) {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [path.join(src, entry)],
      outfile: path.join(out, script),
      bundle: true,
      format: 'iife',
      target,
      charset: 'utf8',
      // `import TYPE_CSS from '../shared/type.css'`: a style sheet as text, for a shadow root.
      loader: { '.css': 'text' },
      banner: { js: `// linkguard: ${script}, bundled from extension/${entry} (scripts/build-extension.mjs).\n'use strict';` },
      logLevel: 'silent',
    }).catch((/** @type {esbuild.BuildFailure} */ e) => fail(`bundling extension/${entry}: ${e.message}`));
    if (result.warnings.length) {
      const text = await esbuild.formatMessages(result.warnings, { kind: 'warning' });
      fail(`bundling extension/${entry}:\n${text.join('')}`);
    }
  }
}

/**
 * The files a manifest and the package's pages name (scripts, styles, icons, pages), each
 * checked to be in the package at `out`.
 * @param {string} out
 * @param {any} manifest
 */
function checkReferences(out, manifest) {
  const named = new Set();
  for (const script of manifest.content_scripts ?? []) {
    for (const f of [...(script.js ?? []), ...(script.css ?? [])]) named.add(f);
  }
  for (const f of [manifest.background?.service_worker, ...(manifest.background?.scripts ?? [])]) named.add(f);
  for (const f of [...Object.values(manifest.icons ?? {}), ...Object.values(manifest.action?.default_icon ?? {})]) named.add(f);
  named.add(manifest.action?.default_popup);
  named.add(manifest.options_ui?.page);
  named.add(manifest.storage?.managed_schema);
  named.delete(undefined);
  for (const page of listFiles(out).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(page, 'utf8');
    for (const m of html.matchAll(/\b(?:src|href)="([^"#?:]+)"/g)) {
      named.add(path.relative(out, path.resolve(path.dirname(page), m[1])));
    }
  }
  const missing = [...named].filter((f) => !fs.existsSync(path.join(out, f)));
  if (missing.length) fail(`${path.relative(root, out)} lacks files it names: ${missing.join(', ')}`);
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
  // Keys used by the code: __MSG_x__, data-i18n="x", data-i18n-attr="attr:x", msg('x'), and the
  // www pages' t('x').
  const used = new Set();
  for (const m of manifestText.matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
  const wwwOwn = listFiles(path.join(root, 'www')).filter((f) => !/[/\\]www[/\\](engine|shared|_locales)[/\\]/.test(f));
  for (const file of wwwOwn.filter((f) => f.endsWith('.js'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\('(\w+)'/g)) used.add(m[1]);
  }
  for (const file of [...listFiles(src), ...wwwOwn.filter((f) => f.endsWith('.html'))]) {
    const text = fs.readFileSync(file, 'utf8');
    if (file.endsWith('.html')) {
      for (const m of text.matchAll(/data-i18n(?:-html)?="(\w+)"/g)) used.add(m[1]);
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

/**
 * `to`/catalogs.js: every language's messages.json as one classic script (`lgCatalogs`), which
 * the www pages load before their own scripts.
 */
function writeCatalogsScript(to) {
  const catalogs = {};
  for (const lang of fs.readdirSync(localesDir).sort()) {
    catalogs[lang] = JSON.parse(fs.readFileSync(path.join(localesDir, lang, 'messages.json'), 'utf8'));
  }
  fs.writeFileSync(path.join(to, 'catalogs.js'),
    `// Generated by scripts/build-extension.mjs from data/locales/*/messages.json: not to be edited.\n` +
    `self.lgCatalogs = ${JSON.stringify(catalogs)};\n`);
}

/**
 * esbuild's targets for a browser's manifest: its minimum versions.
 * @param {any} manifest
 */
function browserTargets(manifest) {
  const chrome = manifest.minimum_chrome_version;
  const firefox = manifest.browser_specific_settings?.gecko?.strict_min_version;
  return [chrome && `chrome${chrome}`, firefox && `firefox${firefox}`].filter(Boolean);
}

function zipDir(dir, out) {
  fs.rmSync(out, { force: true });
  execFileSync('python3', [path.join(root, 'scripts', 'deterministic_zip.py'), out, dir], { stdio: 'inherit' });
}

const base = JSON.parse(fs.readFileSync(path.join(src, 'manifest.base.json'), 'utf8'));
checkMessages(JSON.stringify(base));
for (const f of ENGINE_FILES) {
  if (!fs.existsSync(path.join(engineDir, f))) fail(`missing ${path.join('.build/wasm', f)}: run \`make wasm\` first`);
}
for (const f of packagesOnly ? [] : MAIL_ENGINE_FILES) {
  if (!fs.existsSync(path.join(mailEngineDir, f))) fail(`missing ${path.join('.build/wasm-mail', f)}: run \`make wasm-mail\` first`);
}

/**
 * Loads the engine the way the background does (the no-modules glue, then the wasm) and asks it
 * about one link, so a package whose engine can't be instantiated (e.g. a wasm-opt that mangles
 * the reference-types tables) is never built. Returns the engine's reason codes.
 * @returns {string[]}
 */
function smokeTestEngine() {
  try {
    const wasmBindgen = loadWasm(engineDir);
    const guard = new wasmBindgen.LinkGuard();
    const [verdict] = guard.analyzeBatch([{ href: 'https://example.org/', text: 'example' }]);
    if (!verdict || typeof verdict.level !== 'string') throw new Error(`unexpected answer ${JSON.stringify(verdict)}`);
    const codes = wasmBindgen.reasonCodes();
    if (!Array.isArray(codes) || !codes.length || !codes.every((c) => /^[a-z]+(-[a-z]+)*$/.test(c))) {
      throw new Error(`unexpected reason codes ${JSON.stringify(codes)}`);
    }
    return codes;
  } catch (e) {
    fail(`the engine in .build/wasm does not work: ${e.message}`);
  }
}

/**
 * extension/shared/reason-codes.js: the engine's reason codes, for the options page (the checks
 * one can switch off) and the engine's options (unknown codes dropped). Generated, so the list
 * can't differ from the engine's; written only when it changes.
 * @param {string[]} codes
 */
function writeReasonCodes(codes) {
  const file = path.join(src, 'shared', 'reason-codes.js');
  const text = `// @ts-check
// Generated by scripts/build-extension.mjs from the engine's reasonCodes() (src/verdict.rs
// ReasonCode::ALL, in its order): not in git, not to be edited.

/** The reason codes the engine knows. @type {readonly string[]} */
export const REASON_CODES = Object.freeze(${JSON.stringify(codes)});
`;
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
}

writeReasonCodes(smokeTestEngine());

/** The mail engine reads a message and judges its links (see smokeTestEngine). */
function smokeTestMailEngine() {
  try {
    const guard = new (loadWasm(mailEngineDir, 'linkguard_mail').LinkGuard)();
    const mail = 'From: a@example.org\r\nContent-Type: text/html\r\n\r\n<a href="https://checkid.ddnsking.com/">x</a>\r\n';
    const report = guard.scanMessage(new TextEncoder().encode(mail));
    if (!('links' in report) || report.links[0]?.verdict?.level !== 'danger') throw new Error(`unexpected answer ${JSON.stringify(report)}`);
  } catch (e) {
    fail(`the engine in .build/wasm-mail does not work: ${e.message}`);
  }
}
if (!packagesOnly) smokeTestMailEngine();

const outputs = { chrome: 'linkguard-chrome.zip', firefox: 'linkguard-firefox.xpi' };
for (const [browser, archive] of Object.entries(outputs)) {
  const out = path.join(dist, browser);
  fs.rmSync(out, { recursive: true, force: true });
  for (const [file, from] of Object.entries(STATIC_FILES)) copyStatic(path.join(src, from), path.join(out, file));
  const manifest = renderManifest(base, browser);
  await bundleScripts(out, browserTargets(manifest));
  copyLocales(path.join(out, '_locales'));
  fs.mkdirSync(path.join(out, 'engine'), { recursive: true });
  for (const f of ENGINE_FILES) fs.copyFileSync(path.join(engineDir, f), path.join(out, 'engine', f));
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  checkReferences(out, manifest);
  zipDir(out, path.join(dist, archive));
  console.log(`build-extension: dist/${browser}/ and dist/${archive}`);
}

if (packagesOnly) process.exit(0);

const www = path.join(root, 'www', 'engine');
fs.mkdirSync(www, { recursive: true });
for (const f of ENGINE_FILES) fs.copyFileSync(path.join(engineDir, f), path.join(www, f));
for (const f of MAIL_ENGINE_FILES) fs.copyFileSync(path.join(mailEngineDir, f), path.join(www, f));
copyLocales(path.join(root, 'www', '_locales'));
writeCatalogsScript(path.join(root, 'www', '_locales'));
// The demo webmail and the link checker fetch the golden cases from the site.
fs.copyFileSync(path.join(root, 'tests', 'data', 'cases.json'), path.join(root, 'www', 'mail', 'cases.json'));
const wwwShared = path.join(root, 'www', 'shared');
fs.rmSync(wwwShared, { recursive: true, force: true });
fs.cpSync(path.join(src, 'shared'), wwwShared, { recursive: true });
fs.writeFileSync(path.join(root, 'www', 'version.json'), `${JSON.stringify({ version: cargoVersion() })}\n`);
console.log('build-extension: www/engine/, www/_locales/, www/shared/, www/mail/cases.json and www/version.json');
