#!/usr/bin/env node
// @ts-check
// Joins a wasm module's active data segments back into one, zero-filling the gaps:
//
//   node scripts/merge-data-segments.mjs IN.wasm OUT.wasm
//
// Why: `wasm-opt -Oz` (its memory-packing pass) splits the data into segments around every run of
// zeros, ~2,100 of them for the engine. That saves raw bytes, but each segment header interrupts
// the data that deflate would otherwise match across, and the extension ships deflated (zip/xpi):
// one segment made the gzip -9 wasm 5 KB smaller, the raw one 74 KB larger. Binaryen 108 (Debian)
// has no way to skip that one pass, so the build undoes it.
//
// Only the layout changes: the same bytes at the same addresses in a memory that starts zeroed
// (an exported, not imported, memory). Anything else (passive segments, another memory, an
// offset that isn't a constant, overlapping segments) stops with an error instead of guessing.

import fs from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: merge-data-segments.mjs IN.wasm OUT.wasm');
  process.exit(2);
}
const wasm = fs.readFileSync(input);
const fail = (why) => {
  console.error(`merge-data-segments: ${input}: ${why}`);
  process.exit(1);
};

/** A LEB128 number at `at`: [value, the offset after it]; `signed` for the SLEB128 form. */
function readLeb128(bytes, at, signed) {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    if (at >= bytes.length) fail('truncated LEB128');
    const byte = bytes[at++];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if (byte < 0x80) {
      if (signed && byte & 0x40) value -= 1n << shift;
      return [Number(value), at];
    }
  }
}

const readUnsigned = (bytes, at) => readLeb128(bytes, at, false);
const readSigned = (bytes, at) => readLeb128(bytes, at, true);

function unsigned(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

function signed(value) {
  const out = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) {
      out.push(byte);
      return Buffer.from(out);
    }
    out.push(byte | 0x80);
  }
}

if (wasm.readUInt32LE(0) !== 0x6d736100) fail('not a wasm module');
const sections = []; // [id, body]
for (let at = 8; at < wasm.length; ) {
  const id = wasm[at];
  const [size, start] = readUnsigned(wasm, at + 1);
  if (start + size > wasm.length) fail('truncated section');
  sections.push([id, wasm.subarray(start, start + size)]);
  at = start + size;
}
const data = sections.find(([id]) => id === 11);
if (!data) {
  fs.copyFileSync(input, output);
  process.exit(0);
}

const body = data[1];
let [count, at] = readUnsigned(body, 0);
const segments = [];
for (let i = 0; i < count; i++) {
  const flags = body[at++];
  if (flags !== 0) fail(`segment ${i} is not an active segment of memory 0 (flags ${flags})`);
  if (body[at++] !== 0x41) fail(`segment ${i}: offset is not an i32.const`);
  let offset;
  [offset, at] = readSigned(body, at);
  if (body[at++] !== 0x0b) fail(`segment ${i}: offset expression longer than one constant`);
  let size;
  [size, at] = readUnsigned(body, at);
  segments.push({ offset, bytes: body.subarray(at, at + size) });
  at += size;
}
if (at !== body.length) fail('data section has trailing bytes');
if (segments.length < 2) {
  fs.copyFileSync(input, output);
  process.exit(0);
}

// The memory must start zeroed for the gaps to be zeros: it is defined here, not imported.
const importsMemory = (() => {
  const imports = sections.find(([id]) => id === 2);
  if (!imports) return false;
  const bytes = imports[1];
  let [n, p] = readUnsigned(bytes, 0);
  for (let i = 0; i < n; i++) {
    for (let name = 0; name < 2; name++) {
      let length;
      [length, p] = readUnsigned(bytes, p);
      p += length;
    }
    const kind = bytes[p++];
    if (kind === 0x02) return true;
    if (kind === 0x00) [, p] = readUnsigned(bytes, p); // function: type index
    else if (kind === 0x01) {
      p++; // table: reference type, then limits
      const limitFlags = bytes[p++];
      [, p] = readUnsigned(bytes, p);
      if (limitFlags & 1) [, p] = readUnsigned(bytes, p);
    } else if (kind === 0x03) p += 2; // global: value type, mutability
    else if (kind === 0x04) { p++; [, p] = readUnsigned(bytes, p); } // tag
    else fail(`import ${i}: unknown kind ${kind}`);
  }
  return false;
})();
if (importsMemory) fail('the memory is imported: its initial contents are not known to be zero');

segments.sort((a, b) => a.offset - b.offset);
const first = segments[0].offset;
const last = segments[segments.length - 1];
const merged = Buffer.alloc(last.offset + last.bytes.length - first);
let end = first;
for (const { offset, bytes } of segments) {
  if (offset < end) fail(`segments overlap at ${offset}`);
  bytes.copy(merged, offset - first);
  end = offset + bytes.length;
}

const newData = Buffer.concat([
  unsigned(1),
  Buffer.from([0x00, 0x41]),
  signed(first),
  Buffer.from([0x0b]),
  unsigned(merged.length),
  merged,
]);
const parts = [wasm.subarray(0, 8)];
for (const [id, sectionBody] of sections) {
  // The data count section (bulk memory) now counts one segment. Code that named another one
  // (memory.init, data.drop: only useful on passive segments, and there are none) would make the
  // module invalid, which the validation below catches.
  const content = id === 11 ? newData : id === 12 ? unsigned(1) : sectionBody;
  parts.push(Buffer.from([id]), unsigned(content.length), content);
}
const out = Buffer.concat(parts);
if (!WebAssembly.validate(out)) fail('the merged module does not validate');
fs.writeFileSync(output, out);
console.error(`merge-data-segments: ${segments.length} data segments -> 1 (${merged.length} bytes)`);
