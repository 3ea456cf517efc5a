#!/usr/bin/env python3
"""Regenerate and validate data/hosts.tsv, linkguard's host catalog.

The catalog is built from two hand-kept inputs:

  data/catalog_sources.tsv  which provider blocks of the Public Suffix List's private section
                            to import, with a category and a display name (source "psl");
  data/hosts_extra.tsv      linkguard's own additions the PSL lacks (source "linkguard");

and data/public_suffix_list.dat (vendored; see data/public_suffix_list.VERSION).

    python3 scripts/update_catalog.py           write data/hosts.tsv
    python3 scripts/update_catalog.py --check   exit 1 unless data/hosts.tsv is up to date

Both modes validate, and fail with one message per problem: duplicate suffixes, unknown
categories, malformed names, "psl" rows that aren't in the PSL's private section, "linkguard"
rows that the PSL already lists (import those from the PSL instead), and source lines that
select nothing (a provider block renamed or removed by a PSL update).

Python 3 standard library only.
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PSL_PATH = DATA / "public_suffix_list.dat"
PSL_VERSION_PATH = DATA / "public_suffix_list.VERSION"
SOURCES_PATH = DATA / "catalog_sources.tsv"
EXTRA_PATH = DATA / "hosts_extra.tsv"
CATALOG_PATH = DATA / "hosts.tsv"

# Must match HostCategory in src/verdict.rs.
CATEGORIES = ("dynamic-dns", "free-hosting", "shortener", "tracker", "wrapper")

LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class CatalogError(Exception):
    """Validation failed; args[0] is the list of problems."""


@dataclass(frozen=True)
class Row:
    suffix: str
    category: str
    provider: str
    source: str  # "psl" or "linkguard"
    origin: str  # where it came from, for error messages


@dataclass
class PslBlock:
    name: str  # the block's first comment line, without "//"
    line: int
    suffixes: list[str]  # rules with "*." removed; exceptions ("!") left out


@dataclass
class Psl:
    private_blocks: list[PslBlock]
    private_suffixes: set[str]  # every private rule, "*." removed
    all_suffixes: set[str]  # every rule of both sections, "*." and "!" removed, ASCII


def to_ascii(name: str) -> str:
    """ASCII (punycode) form of a PSL rule; the stdlib codec is enough for list entries."""
    if name.isascii():
        return name
    try:
        return ".".join(
            label if label.isascii() or label == "*" else label.encode("idna").decode("ascii")
            for label in name.split(".")
        )
    except UnicodeError:
        return name


def parse_psl(path: Path) -> Psl:
    """Split the PSL into sections and, in the private section, into provider blocks.

    A provider block starts with the first comment line after a blank line (the list's
    documented convention: "// Provider : URL", "// Submitted by ...", then the rules).
    """
    section = None
    blocks: list[PslBlock] = []
    private: set[str] = set()
    everything: set[str] = set()
    block = None
    after_blank = True
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if "===BEGIN ICANN DOMAINS===" in line:
            section = "icann"
        elif "===BEGIN PRIVATE DOMAINS===" in line:
            section = "private"
        elif "===END ICANN DOMAINS===" in line or "===END PRIVATE DOMAINS===" in line:
            section = None
        if not line:
            after_blank = True
            continue
        if line.startswith("//"):
            if after_blank and section == "private" and "===" not in line:
                block = PslBlock(name=line[2:].strip(), line=number, suffixes=[])
                blocks.append(block)
            after_blank = False
            continue
        after_blank = False
        if section is None:
            continue
        rule = to_ascii(line.split()[0])
        bare = rule.lstrip("!")
        bare = bare[2:] if bare.startswith("*.") else bare
        everything.add(bare)
        if section == "private" and not rule.startswith("!"):
            private.add(bare)
            if block is not None:
                block.suffixes.append(bare)
    if not blocks:
        raise CatalogError([f"{path}: no private section found"])
    return Psl(private_blocks=blocks, private_suffixes=private, all_suffixes=everything)


def read_tsv(path: Path) -> list[tuple[int, list[str]]]:
    """Non-comment, non-blank lines as (line number, fields)."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((number, line.split("\t")))
    return rows


def name_problem(suffix: str) -> str | None:
    """Why `suffix` isn't a usable catalog name, or None."""
    if not suffix:
        return "empty suffix"
    if suffix != suffix.strip() or suffix != suffix.lower() or not suffix.isascii():
        return f"{suffix!r}: not lowercase ASCII without spaces"
    if len(suffix) > 253:
        return f"{suffix!r}: longer than 253 characters"
    labels = suffix.split(".")
    if len(labels) < 2:
        return f"{suffix!r}: a single label would cover a whole top-level domain"
    bad = [label for label in labels if not LABEL_RE.match(label)]
    if bad:
        return f"{suffix!r}: invalid label {bad[0]!r} (letters, digits, inner hyphens; 1-63)"
    if labels[-1].isdigit():
        return f"{suffix!r}: looks like an IP address"
    return None


def provider_problem(provider: str) -> str | None:
    if not provider.strip():
        return "empty provider"
    if provider != provider.strip() or any(ord(c) < 0x20 for c in provider):
        return f"provider {provider!r}: surrounding spaces or control characters"
    return None


def rules_match(suffix: str, patterns: list[str]) -> bool:
    includes = [p for p in patterns if not p.startswith("!")]
    excludes = [p[1:] for p in patterns if p.startswith("!")]
    included = not includes or any(fnmatch.fnmatchcase(suffix, p) for p in includes)
    return included and not any(fnmatch.fnmatchcase(suffix, p) for p in excludes)


def rows_from_psl(psl: Psl, sources_path: Path, problems: list[str]) -> list[Row]:
    rows = []
    for number, fields in read_tsv(sources_path):
        where = f"{sources_path.name}:{number}"
        if len(fields) not in (3, 4):
            problems.append(f"{where}: expected 3 or 4 tab-separated fields, got {len(fields)}")
            continue
        pattern, category, provider = fields[:3]
        patterns = [p.strip() for p in fields[3].split(",") if p.strip()] if len(fields) == 4 else []
        if category not in CATEGORIES:
            problems.append(f"{where}: unknown category {category!r}")
        if problem := provider_problem(provider):
            problems.append(f"{where}: {problem}")
        blocks = [b for b in psl.private_blocks if fnmatch.fnmatchcase(b.name, pattern)]
        if not blocks:
            problems.append(f"{where}: no PSL private block matches {pattern!r}")
            continue
        selected = 0
        for block in blocks:
            for suffix in block.suffixes:
                if rules_match(suffix, patterns):
                    selected += 1
                    rows.append(Row(suffix, category, provider, "psl", f"{where} (PSL line {block.line})"))
        if not selected:
            problems.append(f"{where}: {pattern!r} matches blocks but no rule matches {fields[3]!r}")
    return rows


def rows_from_extra(extra_path: Path, problems: list[str]) -> list[Row]:
    rows = []
    for number, fields in read_tsv(extra_path):
        where = f"{extra_path.name}:{number}"
        if len(fields) != 3:
            problems.append(f"{where}: expected 3 tab-separated fields, got {len(fields)}")
            continue
        suffix, category, provider = fields
        rows.append(Row(suffix, category, provider, "linkguard", where))
    return rows


def validate(rows: list[Row], psl: Psl, problems: list[str]) -> None:
    seen: dict[str, Row] = {}
    for row in rows:
        if problem := name_problem(row.suffix):
            problems.append(f"{row.origin}: {problem}")
        if row.category not in CATEGORIES:
            problems.append(f"{row.origin}: unknown category {row.category!r}")
        if problem := provider_problem(row.provider):
            problems.append(f"{row.origin}: {problem}")
        if row.source not in ("psl", "linkguard"):
            problems.append(f"{row.origin}: unknown source {row.source!r}")
        if row.source == "psl" and row.suffix not in psl.private_suffixes:
            problems.append(f"{row.origin}: {row.suffix} is not in the PSL private section")
        if row.source == "linkguard" and row.suffix in psl.all_suffixes:
            section = "private" if row.suffix in psl.private_suffixes else "ICANN"
            problems.append(
                f"{row.origin}: {row.suffix} is already in the PSL ({section} section); "
                + ("import it via catalog_sources.tsv" if section == "private" else "drop it")
            )
        if row.suffix in seen:
            problems.append(f"{row.origin}: duplicate {row.suffix} (first from {seen[row.suffix].origin})")
        else:
            seen[row.suffix] = row


def psl_version(path: Path) -> str:
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("list-version:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def render(rows: list[Row], version: str) -> str:
    order = {category: i for i, category in enumerate(CATEGORIES)}
    rows = sorted(rows, key=lambda r: (order[r.category], r.provider.lower(), r.suffix))
    counts = {c: sum(1 for r in rows if r.category == c) for c in CATEGORIES}
    header = [
        "# linkguard host catalog. GENERATED by scripts/update_catalog.py -- do not edit by hand:",
        "# edit data/catalog_sources.tsv (PSL provider blocks) or data/hosts_extra.tsv (our own",
        "# additions), then run `python3 scripts/update_catalog.py`.",
        "#",
        "# One row per suffix, tab-separated: suffix, category, provider, source.",
        "#   suffix    lowercase ASCII; matches itself and every name under it on a label boundary",
        "#             (ddnsking.com matches checkid.ddnsking.com, not xddnsking.com). The most",
        "#             specific listed suffix wins.",
        "#   category  " + " | ".join(CATEGORIES) + " (HostCategory in src/verdict.rs)",
        "#   provider  display name shown to users",
        "#   source    psl = a provider block of the Public Suffix List's private section;",
        "#             linkguard = data/hosts_extra.tsv",
        f"# Public Suffix List version: {version}",
        "# Rows: " + ", ".join(f"{c} {n}" for c, n in counts.items()) + f"; total {len(rows)}",
    ]
    body = [f"{r.suffix}\t{r.category}\t{r.provider}\t{r.source}" for r in rows]
    return "\n".join(header + body) + "\n"


def build(psl_path: Path, sources_path: Path, extra_path: Path, version_path: Path) -> str:
    problems: list[str] = []
    psl = parse_psl(psl_path)
    rows = rows_from_psl(psl, sources_path, problems) + rows_from_extra(extra_path, problems)
    validate(rows, psl, problems)
    if problems:
        raise CatalogError(problems)
    return render(rows, psl_version(version_path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if data/hosts.tsv is stale or invalid")
    parser.add_argument("--psl", type=Path, default=PSL_PATH)
    parser.add_argument("--sources", type=Path, default=SOURCES_PATH)
    parser.add_argument("--extra", type=Path, default=EXTRA_PATH)
    parser.add_argument("--output", type=Path, default=CATALOG_PATH)
    args = parser.parse_args(argv)

    try:
        text = build(args.psl, args.sources, args.extra, PSL_VERSION_PATH)
    except CatalogError as error:
        for problem in error.args[0]:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    rows = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except OSError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        if current != text:
            diff = difflib.unified_diff(
                current.splitlines(), text.splitlines(), str(args.output), "regenerated", lineterm="", n=0
            )
            for line in list(diff)[:40]:
                print(line, file=sys.stderr)
            print(f"error: {args.output} is out of date; run python3 scripts/update_catalog.py", file=sys.stderr)
            return 1
        print(f"{args.output}: up to date ({rows} rows)")
        return 0

    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({rows} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
