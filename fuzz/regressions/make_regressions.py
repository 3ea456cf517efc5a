#!/usr/bin/env python3
"""Writes the inputs that broke linkguard (too large to commit as files) into
fuzz/regressions/<target>/. See README.md for what each one did and its status.
tests/bad_input.rs keeps the same cases as integration tests."""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def write(target: str, name: str, data: bytes) -> None:
    out = HERE / target
    out.mkdir(exist_ok=True)
    (out / name).write_bytes(data)
    print(f"fuzz/regressions/{target}/{name}: {len(data):,} bytes")


# message/rfc822 nested 100,000 deep: mail-parser builds the nesting without a limit and drops
# it recursively -> stack overflow (SIGABRT) in `linkguard scan`; 60,000 deep under the fuzz build.
write("message", "rfc822-nested-100000.eml",
      b"From: a@example.com\r\nContent-Type: message/rfc822\r\n\r\n" * 100_000
      + b"From: b@example.com\r\n\r\nhttps://checkid.ddnsking.com/\r\n")

# 40,000 nested <div>: html5ever's tree builder is quadratic in nesting depth (in_scope_named):
# 6 s for this 440 KB message; a few MB of it take minutes.
write("message", "html-nested-div-40000.eml",
      b"From: a@example.com\r\nContent-Type: text/html\r\n\r\n" + b"<div>" * 40_000
      + b'<a href="https://checkid.ddnsking.com/">in</a>' + b"</div>" * 40_000)

# A host of 1 MB (labels "a." x 512K): the verdict keeps target.host whole (1 MB verdict).
write("analyze", "host-1mb-labels", b"https://" + b"a." * (1 << 19) + b"com/")
# 1 MB of Japanese sentences as link text: extract_claim scanned each run of host characters to
# its end from every start inside it (ideographic full stops count as dots): 20 s for 336 KB.
write("analyze", "japanese-sentences-1mb", b"https://checkid.ddnsking.com/\xff" + "詳細はこちら。".encode() * ((1 << 20) // 21))
# One 1 MB label: target.host and target.registrable_domain are both 1 MB.
write("analyze", "host-1mb-label", b"https://" + b"a" * (1 << 20) + b".com/")
