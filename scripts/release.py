#!/usr/bin/env python3
"""The release's two steps around the build (`make release`).

    python3 scripts/release.py check     # before the build: a clean tree, the pinned tools
    python3 scripts/release.py package   # after `make packages`: the files of the release in dist/

`package` writes, for the version of Cargo.toml:
    dist/linkguard-<v>-chrome.zip      dist/linkguard-chrome.zip, renamed
    dist/linkguard-<v>-firefox.xpi     dist/linkguard-firefox.xpi, renamed
    dist/linkguard-<v>-source.tar.gz   `git archive` of the commit, with BUILDING.md added: what
                                       addons.mozilla.org asks for when an add-on ships compiled
                                       or bundled code (the sources and how to rebuild the same files)
    dist/BUILDING.md                   that BUILDING.md (scripts/BUILDING.template.md, filled in)
    dist/SHA256SUMS
In the source package itself (no git history) there is no source package to make again: `package`
writes the two packages and their sums, for comparing with the published ones.

Every pin is read from its one place: rustc from rust-toolchain.toml, wasm-bindgen from Cargo.lock,
esbuild from package-lock.json, binaryen and node from Cargo.toml's
[package.metadata.linkguard.build-tools].
"""

import hashlib
import json
import os
import re
import shutil
import string
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def fail(message):
    sys.exit(f"release: {message}")


def read_toml(name):
    with open(ROOT / name, "rb") as f:
        return tomllib.load(f)


def locked_version(crate):
    versions = [p["version"] for p in read_toml("Cargo.lock")["package"] if p["name"] == crate]
    if len(versions) != 1:
        fail(f"Cargo.lock has {len(versions)} versions of {crate}, want one")
    return versions[0]


def pins():
    """The version of every tool that shapes the release's bytes, from where each is pinned."""
    cargo = read_toml("Cargo.toml")
    tools = cargo["package"]["metadata"]["linkguard"]["build-tools"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return {
        "version": cargo["package"]["version"],
        "rust": read_toml("rust-toolchain.toml")["toolchain"]["channel"],
        "wasm_bindgen": locked_version("wasm-bindgen"),
        "binaryen": tools["binaryen"],
        "node": tools["node"],
        "esbuild": lock["packages"]["node_modules/esbuild"]["version"],
    }


def output_of(*cmd):
    try:
        return subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        fail(f"`{' '.join(cmd)}` failed: {e}")


def in_git_checkout():
    """Whether ROOT is a git checkout of its own (not the unpacked source package, wherever it is)."""
    if not (ROOT / ".git").exists():
        return False
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ROOT, capture_output=True, text=True)
    return top.returncode == 0 and Path(top.stdout.strip()).resolve() == ROOT


def installed_versions():
    """The versions of the tools on this machine, each in the form its pin is written in."""
    rustc = output_of("rustc", "--version")  # rustc 1.95.0 (59807616e 2026-04-14)
    bindgen = output_of("wasm-bindgen", "--version")  # wasm-bindgen 0.2.130
    wasm_opt = output_of("wasm-opt", "--version")  # wasm-opt version 108
    node = output_of("node", "--version")  # v20.20.2
    esbuild = output_of("node", "-e", "console.log(require('esbuild/package.json').version)")
    return {
        "rust": rustc.split()[1],
        "wasm_bindgen": bindgen.split()[-1],
        "binaryen": re.sub(r"^wasm-opt version\s+", "", wasm_opt).split()[0],
        "node": node.lstrip("v").split(".")[0],
        "esbuild": esbuild,
    }


def source_date_epoch():
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not raw.isdigit():
        fail("SOURCE_DATE_EPOCH is not set: `make release` sets it from the commit; in the source "
             "package, BUILDING.md gives it")
    return int(raw)


def check():
    problems = []
    if in_git_checkout():
        dirty = output_of("git", "status", "--porcelain", "--untracked-files=normal")
        if dirty:
            problems.append("the working tree has changes: a release is built from a commit, as it is\n"
                            + "\n".join("    " + line for line in dirty.splitlines()[:20]))
        epoch = output_of("git", "log", "-1", "--format=%ct")
        if os.environ.get("SOURCE_DATE_EPOCH") != epoch:
            problems.append(f"SOURCE_DATE_EPOCH is {os.environ.get('SOURCE_DATE_EPOCH')!r}, not the commit's time {epoch}")
    else:
        source_date_epoch()
    want = pins()
    have = installed_versions()
    for tool in have:
        if have[tool] != want[tool]:
            problems.append(f"{tool}: {have[tool]} is installed, the release is built with {want[tool]} (BUILDING.md)")
    if problems:
        fail("not building a release:\n  " + "\n  ".join(problems))
    print(f"release: linkguard {want['version']}: the tree and the tools are as pinned")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def building_md(values):
    template = string.Template((ROOT / "scripts" / "BUILDING.template.md").read_text(encoding="utf-8"))
    try:
        return template.substitute(values)
    except (KeyError, ValueError) as e:
        fail(f"scripts/BUILDING.template.md: {e}")


def package():
    values = pins()
    version = values["version"]
    epoch = source_date_epoch()
    packages = {}
    for built, kind in (("linkguard-chrome.zip", "chrome.zip"), ("linkguard-firefox.xpi", "firefox.xpi")):
        src = DIST / built
        if not src.exists():
            fail(f"dist/{built} is missing: `make packages` first")
        dest = DIST / f"linkguard-{version}-{kind}"
        shutil.copyfile(src, dest)
        packages[dest.name] = sha256(dest)
    outputs = list(packages)
    if in_git_checkout():
        commit = output_of("git", "rev-parse", "HEAD")
        values.update(
            commit=commit,
            source_date_epoch=epoch,
            chrome_zip=f"linkguard-{version}-chrome.zip",
            firefox_xpi=f"linkguard-{version}-firefox.xpi",
            chrome_sha256=packages[f"linkguard-{version}-chrome.zip"],
            firefox_sha256=packages[f"linkguard-{version}-firefox.xpi"],
        )
        text = building_md(values)
        (DIST / "BUILDING.md").write_text(text, encoding="utf-8")
        prefix = f"linkguard-{version}"
        tarball = DIST / f"{prefix}-source.tar.gz"
        # The entries' times are the commit's; git's own gzip writes no name or time.
        with open(tarball, "wb") as out:
            subprocess.run(
                ["git", "archive", "--format=tar.gz", f"--prefix={prefix}/",
                 f"--add-virtual-file={prefix}/BUILDING.md:{text}", commit],
                cwd=ROOT, check=True, stdout=out,
            )
        outputs.append(tarball.name)
    sums = "".join(f"{sha256(DIST / name)}  {name}\n" for name in sorted(outputs))
    (DIST / "SHA256SUMS").write_text(sums, encoding="utf-8")
    for name in sorted(outputs) + ["SHA256SUMS"] + (["BUILDING.md"] if in_git_checkout() else []):
        print(f"release: dist/{name}")


def main(argv):
    steps = {"check": check, "package": package}
    if len(argv) != 2 or argv[1] not in steps:
        sys.exit("usage: release.py check|package")
    steps[argv[1]]()


if __name__ == "__main__":
    main(sys.argv)
