#!/usr/bin/env bash
# Installs what building and testing linkguard needs, on a fresh Debian/Ubuntu machine.
# Idempotent: every step checks first. Run as root for the apt packages; otherwise it names them.
# `--build`: only what building the release needs (`make release`; no browsers).
set -euo pipefail
cd "$(dirname "$0")/.."

# binaryen: wasm-opt, at the version Cargo.toml's [package.metadata.linkguard.build-tools] names
# (scripts/release.py checks it); python3: the packages' zip writer (scripts/deterministic_zip.py);
# git: the source package and the reproducibility test's clones.
want_apt=(binaryen python3 ca-certificates git)
if [ "${1:-}" != "--build" ]; then
  # fonts-noto-cjk: Japanese text in the screenshots the end-to-end tests take.
  # firefox-esr-l10n-ja: Firefox in Japanese (an extension speaks the browser's language, and
  # Firefox offers only the languages it has installed): tests/e2e/a11y.test.mjs runs it in both.
  want_apt+=(chromium chromium-driver firefox-esr firefox-esr-l10n-ja unzip openssl fonts-noto-cjk)
fi
missing=()
for p in "${want_apt[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing packages: ${missing[*]} (install them with: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

command -v rustup >/dev/null || { echo "setup: rustup not found; install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
# The compiler rust-toolchain.toml names, with its wasm target.
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup toolchain list | grep -q "^$channel-"; then
  echo "setup: rustup toolchain install $channel"
  rustup toolchain install "$channel" --profile minimal --component clippy,rustfmt --target wasm32-unknown-unknown
fi
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "setup: rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wb_version" ]; then
  echo "setup: cargo install wasm-bindgen-cli $wb_version (have: ${have:-none})"
  # --locked first; the registry mirror lacks some locked versions, so fall back to fresh resolution.
  cargo install wasm-bindgen-cli --version "$wb_version" --locked --force \
    || cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

command -v node >/dev/null || { echo "setup: node not found (apt-get install nodejs npm)" >&2; exit 1; }
if [ -f package-lock.json ]; then
  stamp=node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
