#!/usr/bin/env python3
"""Builds the fuzzers' working corpora in fuzz/corpus/<target>/ (gitignored) from:

- fuzz/seeds/<target>/ (small, committed, hand-written),
- the benchmark corpus target/bench-corpus.jsonl (`cargo bench --bench engine -- --corpus-only`
  writes it): every 50th (href, text) pair for `analyze`, and HTML/plain-text messages made of
  those pairs in several transfer encodings and charsets for `message`,
- the project's own test messages (tests/**/*.eml).

Deterministic: the same inputs give the same files (named by content hash).
"""
import base64
import hashlib
import json
import pathlib
import quopri
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
BENCH_CORPUS = ROOT / "target" / "bench-corpus.jsonl"
SEP = b"\xff"  # the analyze target's field separator (never in UTF-8)


def put(target: str, data: bytes) -> None:
    out = FUZZ / "corpus" / target
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def message(pairs, i: int) -> bytes:
    links = "\n".join(f'<p><a href="{html_escape(h)}">{html_escape(t)}</a></p>' for h, t in pairs)
    html = f"<html><head><title>n{i}</title></head><body>{links}</body></html>\n"
    kind = i % 4
    head = f"From: \"Sender {i}\" <news@sender{i}.example>\nTo: you@example.com\nSubject: corpus {i}\nMIME-Version: 1.0\n"
    if kind == 0:
        body = quopri.encodestring(html.encode("utf-8"))
        return (head + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n").encode() + body
    if kind == 1:
        body = base64.encodebytes(html.encode("utf-8"))
        return (head + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n").encode() + body
    if kind == 2:
        text = "\n".join(f"{t}: {h}" for h, t in pairs)
        boundary = f"b{i}"
        return (
            head
            + f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
            + f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
            + f"--{boundary}\nContent-Type: text/html; charset=utf-8\n\n{html}\n--{boundary}--\n"
        ).encode("utf-8")
    # Shift_JIS where the text allows it (Japanese mail still uses it), UTF-8 otherwise.
    try:
        return (head + "Content-Type: text/html; charset=shift_jis\n\n").encode() + html.encode("shift_jis")
    except UnicodeEncodeError:
        return (head + "Content-Type: text/html; charset=utf-8\n\n").encode() + html.encode("utf-8")


def main() -> int:
    for target in ("analyze", "message"):
        shutil.rmtree(FUZZ / "corpus" / target, ignore_errors=True)
        for seed in sorted((FUZZ / "seeds" / target).glob("*")):
            put(target, seed.read_bytes())
    for eml in sorted((ROOT / "tests").rglob("*.eml")):
        put("message", eml.read_bytes())

    if not BENCH_CORPUS.exists():
        print(f"{BENCH_CORPUS} missing: run `cargo bench --bench engine -- --corpus-only` for a larger corpus", file=sys.stderr)
    else:
        pairs = [json.loads(line) for line in BENCH_CORPUS.read_text(encoding="utf-8").splitlines() if line]
        pairs = [(p["href"], p["text"]) for p in pairs]
        for href, text in pairs[::50]:
            put("analyze", href.encode("utf-8") + SEP + text.encode("utf-8"))
        for i in range(200):
            put("message", message(pairs[i * 20 : i * 20 + 20], i))

    for target in ("analyze", "message"):
        n = len(list((FUZZ / "corpus" / target).iterdir()))
        print(f"fuzz/corpus/{target}: {n} inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
