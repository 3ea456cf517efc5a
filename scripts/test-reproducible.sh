#!/usr/bin/env bash
# The release is reproducible: `make release` in two clones of this commit (in /tmp, each with its
# own CARGO_TARGET_DIR, so nothing is shared but the crates' sources and node_modules) gives the
# same bytes: rustc's wasm, the packaged wasm and its glue, both packages, the source package,
# BUILDING.md and SHA256SUMS. Neither wasm may hold a path of the machine it was built on.
# On failure it names the files that differ (and, in an archive, the entries).
#
# Run by `make test` (`make test-release`). It tests the commit checked out, not uncommitted changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$root" rev-parse HEAD)
cargo_home=${CARGO_HOME:-$HOME/.cargo}
work=$(mktemp -d "${TMPDIR:-/tmp}/linkguard-reproducible.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

if [ -n "$(git -C "$root" status --porcelain)" ]; then
  echo "test-reproducible: the working tree has uncommitted changes; this tests commit $commit" >&2
fi
if [ ! -f "$root/node_modules/.package-lock.json" ]; then
  echo "test-reproducible: node_modules is not installed (scripts/setup.sh)" >&2
  exit 1
fi

# Each clone's own make, not the one that may be running this: its flags, its SOURCE_DATE_EPOCH.
unset MAKEFLAGS MAKELEVEL MFLAGS SOURCE_DATE_EPOCH

for side in a b; do
  dir="$work/$side"
  git clone --quiet --local --no-checkout "$root" "$dir"
  git -C "$dir" -c advice.detachedHead=false checkout --quiet --detach "$commit"
  # The clones use this checkout's node_modules (npm ci would fetch them again for each); it
  # must have been installed from the same package-lock.json. Dated as old as node_modules'
  # stamp, the clone's lock file doesn't make setup.sh run `npm ci` (which would empty the link).
  if ! git -C "$root" diff --quiet "$commit" -- package-lock.json; then
    echo "test-reproducible: package-lock.json differs from the commit's: node_modules can't be shared" >&2
    exit 1
  fi
  ln -s "$root/node_modules" "$dir/node_modules"
  touch -r "$root/node_modules/.package-lock.json" "$dir/package-lock.json"
  echo "test-reproducible: make release in $dir (CARGO_TARGET_DIR=$work/target-$side)"
  if ! (cd "$dir" && CARGO_TARGET_DIR="$work/target-$side" make release) >"$work/$side.log" 2>&1; then
    tail -n 40 "$work/$side.log" >&2
    echo "test-reproducible: FAILED: make release failed in clone $side (log above)" >&2
    exit 1
  fi
done

version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$root/Cargo.toml" | head -n 1)
files=(
  "target/wasm32-unknown-unknown/wasm/linkguard.wasm"
  ".build/wasm/linkguard_bg.wasm"
  ".build/wasm/linkguard.js"
  "dist/linkguard-$version-chrome.zip"
  "dist/linkguard-$version-firefox.xpi"
  "dist/linkguard-$version-source.tar.gz"
  "dist/BUILDING.md"
  "dist/SHA256SUMS"
)
path_of() { # side, file: where the file is (rustc's output is in the side's target directory)
  case "$2" in
    target/*) echo "$work/target-$1/${2#target/}" ;;
    *) echo "$work/$1/$2" ;;
  esac
}

failed=0
for f in "${files[@]}"; do
  a=$(path_of a "$f")
  b=$(path_of b "$f")
  if [ ! -s "$a" ] || [ ! -s "$b" ]; then
    echo "test-reproducible: missing or empty: $f" >&2
    failed=1
  elif ! cmp -s "$a" "$b"; then
    echo "test-reproducible: differs: $f ($(stat -c %s "$a") and $(stat -c %s "$b") bytes)" >&2
    case "$f" in
      *.zip | *.xpi | *.tar.gz) python3 - "$a" "$b" >&2 <<'EOF'
import sys, tarfile, zipfile
def entries(path):
    if path.endswith(".tar.gz"):
        with tarfile.open(path) as t:
            return {m.name: (m.size, m.mtime, m.mode, t.extractfile(m).read() if m.isfile() else b"") for m in t.getmembers()}
    with zipfile.ZipFile(path) as z:
        return {i.filename: (i.CRC, i.date_time, i.external_attr, i.compress_size) for i in z.infolist()}
a, b = entries(sys.argv[1]), entries(sys.argv[2])
for name in sorted(set(a) | set(b)):
    if a.get(name) != b.get(name):
        print("    entry differs:", name, "" if name in a and name in b else "(only in one)")
with open(sys.argv[1], "rb") as fa, open(sys.argv[2], "rb") as fb:
    if fa.read() != fb.read() and a == b:
        print("    every entry is the same: the archive's own bytes differ (order, headers, compression)")
EOF
      ;;
    esac
    failed=1
  fi
done

# A path of the build machine (the clone, the target directory, the crates' sources) in a wasm
# would be the same in both builds only by luck of the layout: look for it.
for f in "target/wasm32-unknown-unknown/wasm/linkguard.wasm" ".build/wasm/linkguard_bg.wasm"; do
  for side in a b; do
    leaked=$(grep -a -o -E "($work|$cargo_home)[^\"[:cntrl:]]{0,60}" "$(path_of "$side" "$f")" | head -n 3 || true)
    if [ -n "$leaked" ]; then
      echo "test-reproducible: $f (clone $side) holds a build path:" >&2
      echo "$leaked" | sed 's/^/    /' >&2
      failed=1
    fi
  done
done

elapsed=$(( $(date +%s) - start ))
if [ "$failed" != 0 ]; then
  echo "test-reproducible: FAILED for commit $commit (${elapsed}s)" >&2
  exit 1
fi
echo "test-reproducible: ok: ${#files[@]} files byte-identical from two clones of $commit (${elapsed}s):"
(cd "$work/a/dist" && sha256sum "linkguard-$version-chrome.zip" "linkguard-$version-firefox.xpi" "linkguard-$version-source.tar.gz")
