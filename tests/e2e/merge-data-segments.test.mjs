// scripts/merge-data-segments.mjs (a step of `make wasm`): the merged module starts with the same
// memory as the one wasm-opt wrote, byte for byte, and modules it can't merge safely are refused.
//
// Needs `make wasm` first (it reads .build/opt/).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'scripts/merge-data-segments.mjs');

/// The module's memory right after instantiation, every import a stub that throws.
async function initialMemory(bytes) {
  const module = new WebAssembly.Module(bytes);
  const imports = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    assert.equal(kind, 'function', `import ${from}.${name}`);
    (imports[from] ??= {})[name] = () => {
      throw new Error(`${from}.${name} called during instantiation`);
    };
  }
  const { exports } = await WebAssembly.instantiate(module, imports);
  return new Uint8Array(exports.memory.buffer);
}

function dataSegmentCount(bytes) {
  // Section 11's first LEB128 is the count; the sections before it are walked by their sizes.
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return [value, at];
    }
  };
  for (let at = 8; at < bytes.length; ) {
    const [size, start] = leb(at + 1);
    if (bytes[at] === 11) return leb(start)[0];
    at = start + size;
  }
  return 0;
}

test('the engine wasm: one data segment, the same initial memory as wasm-opt wrote', async () => {
  const split = fs.readFileSync(path.join(root, '.build/opt/linkguard-split.wasm'));
  const merged = fs.readFileSync(path.join(root, '.build/opt/linkguard.wasm'));
  assert.ok(dataSegmentCount(split) > 100, 'wasm-opt split the data');
  assert.equal(dataSegmentCount(merged), 1);
  const [before, after] = await Promise.all([initialMemory(split), initialMemory(merged)]);
  assert.equal(after.length, before.length);
  assert.ok(Buffer.compare(Buffer.from(before), Buffer.from(after)) === 0, 'initial memory differs');
});

test('modules it cannot merge safely are refused, not guessed at', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-data-segments-'));
  // (module (import "m" "mem" (memory 1)) (data (i32.const 0) "a") (data (i32.const 8) "b"))
  const importedMemory = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x02, 0x0a, 0x01, 0x01, 0x6d, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x01,
    0x0b, 0x0d, 0x02, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x61, 0x00, 0x41, 0x08, 0x0b, 0x01, 0x62,
  ]);
  assert.ok(WebAssembly.validate(importedMemory), 'the test module itself is valid');
  const input = path.join(dir, 'in.wasm');
  fs.writeFileSync(input, importedMemory);
  const run = spawnSync(process.execPath, [script, input, path.join(dir, 'out.wasm')], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /imported/);
  assert.ok(!fs.existsSync(path.join(dir, 'out.wasm')));

  // The same two segments in a memory of its own: merged, "a" at 0 and "b" at 8.
  const ownMemory = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x05, 0x03, 0x01, 0x00, 0x01,
    0x07, 0x07, 0x01, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00,
    0x0b, 0x0d, 0x02, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x61, 0x00, 0x41, 0x08, 0x0b, 0x01, 0x62,
  ]);
  fs.writeFileSync(input, ownMemory);
  execFileSync(process.execPath, [script, input, path.join(dir, 'out.wasm')], { stdio: 'pipe' });
  const out = fs.readFileSync(path.join(dir, 'out.wasm'));
  assert.equal(dataSegmentCount(out), 1);
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(out));
  const memory = new Uint8Array(exports.mem.buffer);
  assert.deepEqual([...memory.subarray(0, 10)], [0x61, 0, 0, 0, 0, 0, 0, 0, 0x62, 0]);
  fs.rmSync(dir, { recursive: true });
});
