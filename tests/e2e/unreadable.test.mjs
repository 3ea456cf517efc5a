// @ts-check
// The `unreadable` verdict the content script makes when the engine can't be reached
// (extension/content/unreadable.js) is the one the engine makes for a link it fails on
// (`unreadable` in src/wasm.rs), explanation included: one verdict, whichever side makes it.
// Needs `make wasm`.   node --test tests/e2e/unreadable.test.mjs
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { unreadableVerdict } from '../../extension/content/unreadable.js';
import { loadWasm } from '../../scripts/node-engine.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const wasm = loadWasm(path.join(ROOT, '.build', 'wasm'));

test("the content script's unreadable verdict is the engine's", () => {
  for (const [href, why] of [['https://www.example.org/\uFFFD', 'no verdict in time'], [' https://checkid.ddnsking.com/ ', 'no answer from the background'], ['', '']]) {
    assert.deepEqual(unreadableVerdict(href, why), JSON.parse(wasm.unreadable(href, why)), href);
  }
});
