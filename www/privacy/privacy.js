// @ts-check
// The privacy page: its texts are the catalogs' (i18n.js fills the data-i18n elements); the
// permissions, and the key of what each is for, are the built manifests' (permissions.json,
// written by scripts/build-store.mjs). The list is drawn again when the language changes.
import { t } from '../assets/i18n.js';

/** @typedef {{key: string, names: string[], kind: string}} PermissionGroup */

const permissions = /** @type {Promise<PermissionGroup[]>} */ (
  fetch('permissions.json').then((r) => (r.ok ? r.json() : [])).catch(() => [])
);

/** @param {string} text */
function code(text) {
  const el = document.createElement('code');
  el.textContent = text;
  return el;
}

/**
 * One permission group as a list item: its names, then what they are for (the sites a content
 * script runs on after the text, on their own line).
 * @param {PermissionGroup} group
 */
function permissionItem(group) {
  const li = document.createElement('li');
  li.dataset.key = group.key;
  const names = group.names.flatMap((name, i) => (i ? [', ', code(name)] : [code(name)]));
  if (group.kind === 'content_scripts') {
    const sites = document.createElement('span');
    sites.className = 'sites';
    sites.append(...names);
    li.append(t(group.key), sites);
  } else {
    li.append(...names, window.lgLang.get() === 'ja' ? '：' : ': ', t(group.key));
  }
  return li;
}

async function render() {
  const groups = await permissions;
  document.getElementById('permissions').replaceChildren(...groups.map(permissionItem));
}

window.lgLang.onChange(render);
render();
