#!/usr/bin/env node
// @ts-check
// The store listing and the site's privacy page, from the one source of text and the built
// manifests:
//   store/listing.<lang>.md        what goes into the Chrome Web Store's and addons.mozilla.org's
//                                  forms, in each language (in git, so a reviewer reads it there)
//   www/privacy/permissions.json   the permissions and the keys of their texts, for www/privacy/
// The texts are data/locales/<lang>/messages.json's (store_*, privacy_*, and the name and
// description the manifests show, app_name and app_description; www/privacy/ shows the privacy_*
// and store_permission_* ones through the catalogs, like every www page); what each permission
// is for is store/permissions.json. Run by `make extension` after scripts/build-extension.mjs,
// whose dist/{chrome,firefox}/manifest.json it reads.
//
//   node scripts/build-store.mjs           writes the files
//   node scripts/build-store.mjs --check   fails when store/listing.*.md is not what it would write
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LANGS = ['en', 'ja'];
/** The manifest keys that grant access: the listing says what each of their entries is for. */
export const PERMISSION_KEYS = ['permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions'];

/** @param {string} file */
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** Both built manifests. */
export function builtManifests() {
  return ['chrome', 'firefox'].map((browser) => readJson(`dist/${browser}/manifest.json`));
}

/** @param {string} lang @returns {Record<string, string>} every text of `lang` (messages.json) */
export function texts(lang) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, entry] of Object.entries(readJson(`data/locales/${lang}/messages.json`))) out[key] = entry.message;
  return out;
}

/**
 * The manifests' permissions, grouped by the text that says what they are for (in the order of
 * store/permissions.json), then the sites the content script runs on, then Firefox's data
 * collection declaration. Fails on a permission store/permissions.json doesn't explain.
 * @param {any[]} manifests
 * @returns {Array<{key: string, names: string[], kind: string}>}
 */
export function permissionGroups(manifests) {
  const explained = readJson('store/permissions.json');
  /** @type {Map<string, {key: string, names: string[], kind: string}>} */
  const groups = new Map();
  for (const kind of PERMISSION_KEYS) {
    const granted = new Set(manifests.flatMap((m) => m[kind] ?? []));
    for (const [name, key] of Object.entries(explained[kind] ?? {})) {
      if (!granted.has(name)) continue;
      if (!groups.has(key)) groups.set(key, { key, names: [], kind });
      groups.get(key).names.push(name);
      granted.delete(name);
    }
    if (granted.size) throw new Error(`store/permissions.json does not say what ${kind} ${[...granted].join(', ')} is for`);
  }
  const sites = [...new Set(manifests.flatMap((m) => (m.content_scripts ?? []).flatMap((s) => s.matches)))];
  const result = [...groups.values()];
  if (sites.length) result.push({ key: explained.content_scripts, names: sites, kind: 'content_scripts' });
  const collected = manifests.flatMap((m) => {
    const declared = m.browser_specific_settings?.gecko?.data_collection_permissions;
    return declared ? [...(declared.required ?? []), ...(declared.optional ?? [])] : [];
  });
  if (collected.some((c) => c !== 'none')) {
    throw new Error(`a manifest declares data collection (${collected.join(', ')}); the listing says it collects none`);
  }
  if (collected.length) result.push({ key: explained.data_collection_permissions, names: ['none'], kind: 'data_collection_permissions' });
  return result;
}

const HEADINGS = {
  en: {
    title: 'linkguard: store listing (English)',
    generated: 'Written by `scripts/build-store.mjs` from `data/locales/en/messages.json`, `store/permissions.json` and the built manifests: edit those, not this.',
    name: 'Name',
    short: 'Short description (the manifest\'s; Chrome Web Store summary, at most 132 characters)',
    summary: 'Summary (addons.mozilla.org, at most 250 characters)',
    long: 'Description',
    kinds: {
      permissions: 'permission', optional_permissions: 'optional permission', host_permissions: 'host permission',
      optional_host_permissions: 'optional host permission', content_scripts: 'content script',
      data_collection_permissions: 'Firefox data_collection_permissions',
    },
    privacy: 'Privacy',
    sep: ': ',
    privacyPage: 'The same statement on the site: `www/privacy/` (`privacy/` of the published site).',
  },
  ja: {
    title: 'linkguard：ストアの掲載情報（日本語）',
    generated: '`scripts/build-store.mjs` が `data/locales/ja/messages.json`、`store/permissions.json` とビルドしたマニフェストから書き出しています。編集はそれらに対して行ってください。',
    name: '名前',
    short: '短い説明（マニフェストの説明。Chrome ウェブストアの概要、132 文字以内）',
    summary: '概要（addons.mozilla.org、250 文字以内）',
    long: '説明',
    kinds: {
      permissions: '権限', optional_permissions: '任意の権限', host_permissions: 'ホスト権限',
      optional_host_permissions: '任意のホスト権限', content_scripts: 'コンテンツスクリプト',
      data_collection_permissions: 'Firefox の data_collection_permissions',
    },
    privacy: 'プライバシー',
    sep: '：',
    privacyPage: 'サイトにも同じ説明があります：`www/privacy/`（公開サイトの `privacy/`）。',
  },
};

const DESCRIPTION_KEYS = ['store_description_intro', 'store_description_catches', 'store_description_where', 'store_description_privacy'];
export const PRIVACY_KEYS = ['privacy_lead', 'privacy_reads', 'privacy_sends', 'privacy_stores', 'privacy_command'];

/**
 * The listing of `lang` as Markdown.
 * @param {string} lang
 * @param {Array<{key: string, names: string[], kind: string}>} groups
 */
export function renderListing(lang, groups) {
  const t = texts(lang);
  const h = HEADINGS[lang];
  /** @param {string} key */
  const text = (key) => {
    if (typeof t[key] !== 'string' || !t[key].trim()) throw new Error(`data/locales/${lang}: no text for ${key}`);
    return t[key];
  };
  const code = (/** @type {string} */ s) => `\`${s}\``;
  const permissionLines = groups.map((g) => {
    const names = g.names.map(code).join(', ');
    if (g.kind === 'content_scripts') return `- ${h.kinds[g.kind]}${h.sep}${text(g.key)} ${names}`;
    return `- ${h.kinds[g.kind]} ${names}${h.sep}${text(g.key)}`;
  });
  return [
    `# ${h.title}`,
    '',
    h.generated,
    '',
    `## ${h.name}`,
    '',
    text('app_name'),
    '',
    `## ${h.short}`,
    '',
    text('app_description'),
    '',
    `## ${h.summary}`,
    '',
    text('store_summary'),
    '',
    `## ${h.long}`,
    '',
    ...DESCRIPTION_KEYS.flatMap((k) => [text(k), '']),
    `## ${text('store_permissions_heading')}`,
    '',
    ...permissionLines,
    '',
    `## ${h.privacy}`,
    '',
    ...PRIVACY_KEYS.flatMap((k) => [text(k), '']),
    h.privacyPage,
    '',
  ].join('\n');
}

/** @param {boolean} check */
function main(check) {
  const groups = permissionGroups(builtManifests());
  const stale = [];
  for (const lang of LANGS) {
    const file = path.join(root, 'store', `listing.${lang}.md`);
    const listing = renderListing(lang, groups);
    if (check) {
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== listing) stale.push(path.relative(root, file));
    } else if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== listing) {
      fs.writeFileSync(file, listing);
    }
  }
  if (check) {
    if (stale.length) {
      console.error(`build-store: ${stale.join(', ')} not up to date: run \`make extension\` (scripts/build-store.mjs)`);
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(path.join(root, 'www', 'privacy', 'permissions.json'), `${JSON.stringify(groups, null, 2)}\n`);
  console.log('build-store: store/listing.{en,ja}.md, www/privacy/permissions.json');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.includes('--check'));
  } catch (e) {
    console.error(`build-store: ${e.message}`);
    process.exit(1);
  }
}
