# linkguard: `make` builds everything, `make test` runs every test, `make bench` the benchmarks.
# On a fresh Debian machine these install what they need first (scripts/setup.sh).

CARGO      ?= cargo
BUILD      := .build
# Where cargo writes: CARGO_TARGET_DIR when it is set, as for cargo itself.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
WASM_RAW   := $(TARGET_DIR)/wasm32-unknown-unknown/wasm/linkguard.wasm
WASM_OUT   := $(BUILD)/wasm
# www's second engine, with the `mail` feature (the link checker page reads whole messages with
# it); its own target directory, so the two feature sets never overwrite each other's output.
WASM_MAIL_TARGET := $(TARGET_DIR)/wasm-mail
WASM_MAIL_RAW    := $(WASM_MAIL_TARGET)/wasm32-unknown-unknown/wasm/linkguard.wasm
WASM_MAIL_OUT    := $(BUILD)/wasm-mail
# The features rustc's wasm32 target emits (--all-features lets wasm-opt 108 write typed
# function references, which V8 rejects).
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                     --enable-mutable-globals --enable-reference-types --enable-multivalue
# --low-memory-unused: rustc's wasm puts the stack first (growing down from 1 MiB) and the data
# after it, so the low 1 KiB is the stack's far end; with it binaryen folds constant offsets into
# loads and stores (0.5 KB smaller gzipped).
WASM_OPT_FLAGS := -Oz $(WASM_OPT_FEATURES) --low-memory-unused
# The extension's engine: --converge runs -Oz again until the module stops shrinking (0.7 KB
# gzipped, ~10 s more).
WASM_OPT_SHIPPED_FLAGS := --converge $(WASM_OPT_FLAGS)
# The name and producers sections: nothing reads them in the extension (0.3 KB gzipped).
WASM_BINDGEN_FLAGS := --target no-modules --no-typescript --remove-name-section --remove-producers-section
# Panic messages hold the source paths of this checkout, of the crates (under CARGO_HOME) and of
# build.rs's output (in the target directory): mapped to fixed names, the wasm and the CLI are the
# same bytes wherever they are built. rustc applies the last prefix that matches: the target
# directory may be inside the checkout. (cargo leaves these flags out of its artifacts' hashes.)
CARGO_HOME_DIR := $(or $(CARGO_HOME),$(HOME)/.cargo)
REMAP_PATHS := --remap-path-prefix=$(CARGO_HOME_DIR)=/cargo --remap-path-prefix=$(CURDIR)=/linkguard \
               --remap-path-prefix=$(abspath $(TARGET_DIR))=/target
RELEASE_RUSTFLAGS := $(strip $(RUSTFLAGS) $(REMAP_PATHS))
# The release's timestamp (zip entries): the commit's time, unless given (BUILDING.md gives it
# when there is no git history, in the source package).
SOURCE_DATE_EPOCH ?= $(shell [ -e .git ] && git log -1 --format=%ct)
export SOURCE_DATE_EPOCH
RUST_SRC   := $(shell find src -name '*.rs') $(wildcard build.rs) Cargo.toml Cargo.lock $(shell find data -type f)
EXT_SRC    := $(shell find extension data/locales -type f 2>/dev/null) scripts/build-extension.mjs package-lock.json tests/data/cases.json \
              scripts/build-store.mjs store/permissions.json

.PHONY: all setup cli wasm wasm-mail extension packages release store-images www test test-rust test-wasm test-e2e test-release lint bench print-wasm-flags serve fuzz clean previous

all: setup cli extension

setup:
	@scripts/setup.sh

# The native command-line scanner.
cli: dist/linkguard
dist/linkguard: $(RUST_SRC)
	RUSTFLAGS="$(RELEASE_RUSTFLAGS)" $(CARGO) build --release --locked --bin linkguard
	@mkdir -p dist && cp $(TARGET_DIR)/release/linkguard dist/linkguard

# The engine as WebAssembly (no CLI dependencies: --no-default-features), bound for the browser.
wasm: $(WASM_OUT)/linkguard_bg.wasm
$(WASM_OUT)/linkguard_bg.wasm: $(RUST_SRC) scripts/merge-data-segments.mjs
	# `cargo rustc --crate-type cdylib`: with both crate types of Cargo.toml (rlib, cdylib) cargo
	# silently links the cdylib without LTO (rust-lang/cargo#4611); with LTO the wasm is 22 KB
	# smaller gzipped and ~15 % faster per link.
	RUSTFLAGS="$(RELEASE_RUSTFLAGS)" $(CARGO) rustc --locked --lib --target wasm32-unknown-unknown --profile wasm --no-default-features --crate-type cdylib
	@mkdir -p $(WASM_OUT) $(BUILD)/opt
	# wasm-opt before wasm-bindgen: Debian's binaryen 108 breaks wasm-bindgen's externref table.
	wasm-opt $(WASM_OPT_SHIPPED_FLAGS) -o $(BUILD)/opt/linkguard-split.wasm $(WASM_RAW)
	# One data segment again: 7 KB smaller gzipped (what the zip/xpi ships), 77 KB larger raw.
	node scripts/merge-data-segments.mjs $(BUILD)/opt/linkguard-split.wasm $(BUILD)/opt/linkguard.wasm
	wasm-bindgen $(WASM_BINDGEN_FLAGS) --out-dir $(WASM_OUT) $(BUILD)/opt/linkguard.wasm

# The engine with the mail reader (`mail` feature: mail-parser, html5ever, linkify), for www's
# link checker only: 741 KB gzipped (gzip -9) against the extension's 349 KB.
wasm-mail: $(WASM_MAIL_OUT)/linkguard_mail_bg.wasm
$(WASM_MAIL_OUT)/linkguard_mail_bg.wasm: $(RUST_SRC) scripts/merge-data-segments.mjs
	RUSTFLAGS="$(RELEASE_RUSTFLAGS)" $(CARGO) rustc --locked --lib --target wasm32-unknown-unknown --profile wasm --no-default-features --features mail --crate-type cdylib --target-dir $(WASM_MAIL_TARGET)
	@mkdir -p $(WASM_MAIL_OUT) $(BUILD)/opt
	wasm-opt $(WASM_OPT_FLAGS) -o $(BUILD)/opt/linkguard_mail-split.wasm $(WASM_MAIL_RAW)
	node scripts/merge-data-segments.mjs $(BUILD)/opt/linkguard_mail-split.wasm $(BUILD)/opt/linkguard_mail.wasm
	wasm-bindgen $(WASM_BINDGEN_FLAGS) --out-dir $(WASM_MAIL_OUT) $(BUILD)/opt/linkguard_mail.wasm

# dist/chrome, dist/firefox, dist/linkguard-chrome.zip, dist/linkguard-firefox.xpi (each script
# bundled from extension/'s modules by esbuild), and www's copies of the engines, the texts,
# extension/shared/ and the golden cases (tests/data/cases.json); then the store listing
# (store/listing.*.md) and the privacy page's data, from the manifests just built.
extension: $(WASM_OUT)/linkguard_bg.wasm $(WASM_MAIL_OUT)/linkguard_mail_bg.wasm $(EXT_SRC)
	node scripts/build-extension.mjs
	node scripts/build-store.mjs

# The two packages alone (no www, so no mail engine).
packages: $(WASM_OUT)/linkguard_bg.wasm $(EXT_SRC)
	node scripts/build-extension.mjs --packages-only

# dist/linkguard-<version>-{chrome.zip,firefox.xpi,source.tar.gz}, dist/BUILDING.md and
# dist/SHA256SUMS, from the commit checked out (a clean tree), with the tools BUILDING.md names
# (scripts/release.py checks them). The engine is always built again: an old .build/ may come
# from other tools or flags. The same commit gives the same bytes: `make test-release`.
release:
	@scripts/setup.sh --build
	python3 scripts/release.py check
	rm -rf $(WASM_OUT) $(BUILD)/opt dist/chrome dist/firefox dist/linkguard-*
	$(MAKE) packages
	python3 scripts/release.py package

# The stores' screenshots and promo tiles, taken again into store/ (`make test` takes them into
# .build/store-images/ only).
store-images: all
	LINKGUARD_STORE_IMAGES=store node --test tests/e2e/store-screenshots.test.mjs

test: all
	$(MAKE) test-rust test-wasm lint test-e2e test-release

test-rust:
	$(CARGO) test --locked --all-targets
	python3 scripts/update_catalog.py --check
	python3 scripts/check_brands.py --self-test
	python3 scripts/check_brands.py

# The engine's unit tests again, compiled to wasm, in headless Chromium (chromium-driver).
# Optimized (debug assertions and overflow checks stay on): wasm-bindgen-test runs every
# synchronous test inside one task of the page, and ChromeDriver gives up on a renderer busy for
# 30 s; unoptimized, the suite takes about 32 s on a quiet 2-core machine, optimized about 5 s.
test-wasm:
	CARGO_PROFILE_TEST_OPT_LEVEL=1 \
	CHROMEDRIVER=/usr/bin/chromedriver \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	WASM_BINDGEN_TEST_TIMEOUT=300 \
	$(CARGO) test --locked --lib --target wasm32-unknown-unknown --no-default-features

# Type checks (tsc: tsconfig.json for the browser's JS, tsconfig.node.json for node's), ESLint, and
# Mozilla's linter on the Firefox package.
lint: extension
	npx --no-install tsc -p tsconfig.json
	npx --no-install tsc -p tsconfig.node.json
	npx --no-install eslint .
	npx --no-install web-ext lint --source-dir dist/firefox --self-hosted=false --warnings-as-errors

# The release before this one, whose settings update.test.mjs updates from: 0.1.0 as it was
# before the settings got a schema version.
PREVIOUS_RELEASE := 0e865c0
previous: extension
	scripts/build-previous.sh $(PREVIOUS_RELEASE)

test-e2e: previous
	LINKGUARD_PREVIOUS_DIST=.build/previous/$$(git rev-parse --verify $(PREVIOUS_RELEASE)^{commit})/dist \
	  node --test --test-concurrency=1 tests/e2e/

# Builds the release twice, from two clones of this commit in /tmp, and compares the bytes.
test-release:
	scripts/test-reproducible.sh

bench: all
	node benches/run.mjs

# The extension engine's build flags, for benches/run.mjs's size floor (built the same way).
print-wasm-flags:
	@echo 'RUSTFLAGS=$(RELEASE_RUSTFLAGS)'
	@echo 'WASM_OPT_FLAGS=$(WASM_OPT_SHIPPED_FLAGS)'
	@echo 'WASM_BINDGEN_FLAGS=$(WASM_BINDGEN_FLAGS)'

serve: extension
	node scripts/serve.mjs www

# Ten minutes per target (four targets) (cargo-fuzz needs a nightly toolchain: `rustup toolchain install nightly`).
FUZZ_SECONDS ?= 600
fuzz:
	$(CARGO) bench --locked --bench engine -- --corpus-only
	python3 fuzz/make_corpus.py
	cd fuzz && cargo +nightly fuzz run analyze corpus/analyze -O -- -dict=analyze.dict -max_len=8192 -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048
	cd fuzz && cargo +nightly fuzz run message corpus/message -O -- -dict=message.dict -max_len=65536 -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048
	# The two fast paths, each against what it stands in for (seeds: the bench corpus's hrefs, texts).
	mkdir -p fuzz/corpus/url_view fuzz/corpus/text_claim
	python3 -c "import json,hashlib;[open('fuzz/corpus/'+d+'/'+hashlib.sha1(v.encode()).hexdigest(),'w').write(v) for l in open('target/bench-corpus.jsonl') for d,v in (('url_view',json.loads(l)['href']),('text_claim',json.loads(l)['text']))]"
	cd fuzz && cargo +nightly fuzz run url_view corpus/url_view -O -- -dict=url_view.dict -max_len=4096 -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048
	cd fuzz && cargo +nightly fuzz run text_claim corpus/text_claim -O -- -dict=text_claim.dict -max_len=4096 -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048

clean:
	rm -rf $(BUILD) dist
