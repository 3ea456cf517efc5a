// @ts-check
// A wasm build of the engine in node (the build's smoke test, the verdict comparison, the tests):
// its no-modules glue, a classic script that defines one global `wasm_bindgen`, run as a
// function that hands the binding back, then its wasm instantiated.
import fs from 'node:fs';
import path from 'node:path';

/**
 * The engine of the build in `dir` (e.g. `.build/wasm`): `name.js` and `name_bg.wasm`.
 * @param {string} dir
 * @param {string} [name]
 * @returns {WasmBindgen}
 */
export function loadWasm(dir, name = 'linkguard') {
  const glue = fs.readFileSync(path.join(dir, `${name}.js`), 'utf8');
  // eslint-disable-next-line no-new-func -- the glue is a classic script defining one global
  const wasmBindgen = new Function(`${glue}\n;return wasm_bindgen;`)();
  wasmBindgen.initSync({ module: fs.readFileSync(path.join(dir, `${name}_bg.wasm`)) });
  return wasmBindgen;
}
