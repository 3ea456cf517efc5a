#!/bin/sh
# The previous release's packages, for tests/e2e/update.test.mjs (settings survive an update):
# built from its commit ($1, Makefile's PREVIOUS_RELEASE) with the tools of this checkout, into
# .build/previous/<commit>/dist/{chrome,firefox}. Built once per commit: the directory stays.
set -eu
ref=$1
root=$(pwd)
commit=$(git rev-parse --verify "$ref^{commit}")
out=.build/previous/$commit
if [ -f "$out/dist/chrome/manifest.json" ] && [ -f "$out/dist/firefox/manifest.json" ]; then
  echo "build-previous: $out/dist (built before)"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"
git archive "$commit" | tar -x -C "$out"
ln -s "$root/node_modules" "$out/node_modules"
# Its engine, with its own target directory (its sources are not this checkout's).
make -C "$out" wasm CARGO_TARGET_DIR="$root/$out/target"
# Its packages; www's mail engine (not in the packages) is this checkout's, which the script
# only copies.
(cd "$out" && LINKGUARD_MAIL_ENGINE_DIR="$root/.build/wasm-mail" node scripts/build-extension.mjs)
rm -rf "$out/target"
echo "build-previous: $out/dist"
