#!/usr/bin/env python3
"""Validate data/brands.tsv and data/neutral_hosts.tsv (formats in their headers).

    scripts/check_brands.py              # exit 1 and name every problem; what `make test` runs
    scripts/check_brands.py --self-test  # prove the checks catch broken rows

Python 3 standard library only, no network: registrable domains come from the vendored
data/public_suffix_list.dat, shared hosting and trackers from data/hosts.tsv.

What it catches, row by row: a wrong column count; an English brand label that is not ASCII or is
listed twice; a group of one brand; a name with an unknown prefix, a precise name that is not
ASCII, a short (one or two letters) or ambiguous name (one of the brand's ordinary words, or a
word known to mean other things) not in a precise form; a domain that is not lowercase ASCII, is
a public suffix itself, lies under a suffix of the PSL's private section (anyone registers there)
or under an unknown suffix, is on a shared host of the catalog (free hosting, a shortener, a
tracker...), is listed twice in a row or under another of the row's entries; a domain claimed by
two brands that share no group; an official URL that is not https or whose host is not the
brand's; an ordinary word that is no near neighbour of the brand's names; a source entry of an
unknown kind, without its reference, naming a domain the row doesn't list, or a domain of the row
that no source covers.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
GROUP_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PREFIXES = ("case", "whole", "exact")
SOURCE_KINDS = ("site", "page", "mail", "author")
# Catalog categories whose hosts anyone can publish on or that hide the destination: no brand's
# own, and never neutral.
SHARED_CATEGORIES = ("dynamic-dns", "free-hosting", "shortener", "tracker", "wrapper")
# Words that name other things as often as the brand: only in a precise form (`whole:Apple`).
AMBIGUOUS = {
    "aeon", "ana", "apple", "aplus", "au", "bt", "chase", "dmm", "gen", "ing", "jal", "joshin",
    "ledger", "line", "meta", "mizuho", "neobank", "nifty", "office", "outlook", "post",
    "sagawa", "saison", "steam", "ups", "visa", "x",
}
NEUTRAL_KINDS = ("social", "app-store", "map", "webmail", "info")
# Hosts where anyone publishes pages or forms: never neutral, whatever the catalog says.
USER_CONTENT = ("sites.google.com", "docs.google.com", "forms.gle", "drive.google.com", "github.io",
                "firebaseapp.com", "web.app", "page.link", "forms.office.com", "sway.office.com",
                "notion.site", "canva.site", "linktr.ee")


# --- Public Suffix List -------------------------------------------------------------------------

@dataclass
class Psl:
    rules: dict[str, str] = field(default_factory=dict)  # rule ("*.kawasaki.jp", "!city...") -> section

    def suffix(self, host: str) -> tuple[str | None, str | None]:
        """(public suffix, section) of `host` by the PSL algorithm; (None, None) when no rule
        matches (the default `*` rule would make the last label the suffix)."""
        labels = host.split(".")
        best: tuple[int, str, str] | None = None  # (labels, suffix, section)
        for i in range(len(labels)):
            candidate = ".".join(labels[i:])
            wildcard = "*." + ".".join(labels[i + 1:]) if i + 1 < len(labels) else None
            for rule in (candidate, wildcard):
                if rule and rule in self.rules:
                    n = len(labels) - i
                    if best is None or n > best[0]:
                        best = (n, candidate, self.rules[rule])
            if "!" + candidate in self.rules:
                # An exception: the suffix is the rule minus its first label.
                parent = ".".join(labels[i + 1:])
                return parent, self.rules["!" + candidate]
        if best is None:
            return None, None
        return best[1], best[2]


def to_ascii(name: str) -> str:
    if name.isascii():
        return name
    try:
        return ".".join(l if l.isascii() or l == "*" else l.encode("idna").decode("ascii") for l in name.split("."))
    except UnicodeError:
        return name


def read_psl(path: Path) -> Psl:
    psl = Psl()
    section = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if "===BEGIN ICANN DOMAINS===" in line:
            section = "icann"
        elif "===BEGIN PRIVATE DOMAINS===" in line:
            section = "private"
        elif "===END" in line:
            section = None
        if not line or line.startswith("//") or section is None:
            continue
        psl.rules[to_ascii(line.split()[0])] = section
    return psl


def read_catalog(path: Path) -> dict[str, str]:
    """Catalog suffix -> category (data/hosts.tsv)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) >= 2:
            out[cols[0]] = cols[1]
    return out


def under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


# --- checks -------------------------------------------------------------------------------------

@dataclass
class Brand:
    line: int
    label: str
    group: str | None
    names: list[str]
    domains: list[str]
    owned: list[str]
    official: str
    words: list[str]
    source: str

    @property
    def english(self) -> str:
        return self.label.split("|", 1)[0]

    def entries(self) -> list[str]:
        return self.domains + self.owned


def split_list(value: str, sep: str) -> list[str]:
    return [] if value.strip() == "-" else [v.strip() for v in value.split(sep) if v.strip()]


def host_problem(host: str, psl: Psl, catalog: dict[str, str]) -> str | None:
    """Why `host` can't be a brand's own domain or host, or None."""
    if host != host.lower() or not host.isascii():
        return "is not lowercase ASCII"
    labels = host.split(".")
    if len(labels) < 2 or not all(LABEL_RE.match(l) for l in labels):
        return "is not a host name of two labels or more"
    suffix, section = psl.suffix(host)
    if suffix is None:
        return "is under no public suffix of the PSL"
    if suffix == host:
        return f"is a public suffix itself ({section} section)"
    if section == "private":
        return f"is under {suffix}, a suffix of the PSL's private section: anyone can register there"
    for s, category in catalog.items():
        if category in SHARED_CATEGORIES and under(host, s):
            return f"is on {s}, a {category} host of data/hosts.tsv"
    return None


def registrable(host: str, psl: Psl) -> str | None:
    suffix, _ = psl.suffix(host)
    if suffix is None or suffix == host:
        return None
    return ".".join(host.split(".")[-(suffix.count(".") + 2):])


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def name_problem(name: str, words: set[str]) -> str | None:
    prefix, sep, rest = name.partition(":")
    if sep and prefix in PREFIXES:
        if not rest.strip() or not rest.isascii() or rest != rest.strip():
            return f"{name!r}: a precise name is ASCII, with no space at its ends"
        return None
    if sep and re.fullmatch(r"[a-z]+", prefix) and not name.startswith("@"):
        return f"{name!r}: unknown prefix {prefix!r} (case:, whole:, exact:)"
    plain = name.lower()
    if name.isascii() and re.fullmatch(r"[a-z0-9]{1,2}", plain):
        return f"{name!r}: a name of one or two letters only in a precise form (exact:{name})"
    if name.isascii() and (plain in AMBIGUOUS or plain in words):
        return f"{name!r}: an ambiguous word, only in a precise form (whole:{name} or exact:{name})"
    return None


def parse_brands(text: str, problems: list[str]) -> list[Brand]:
    brands = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 8:
            problems.append(f"brands.tsv:{number}: {len(cols)} columns, want 8")
            continue
        label, group, names, domains, owned, official, words, source = (c.strip() for c in cols)
        brands.append(Brand(number, label, None if group == "-" else group, split_list(names, "|"),
                            split_list(domains, ","), split_list(owned, ","), official,
                            split_list(words, ","), source))
    return brands


def check_brands(brands: list[Brand], psl: Psl, catalog: dict[str, str], problems: list[str]) -> None:
    seen_labels: dict[str, int] = {}
    groups: dict[str, int] = {}
    for b in brands:
        where = f"brands.tsv:{b.line} ({b.english})"
        if not b.english or not b.english.isascii() or b.english != b.english.strip():
            problems.append(f"{where}: the English label must be ASCII")
        if b.english in seen_labels:
            problems.append(f"{where}: brand listed twice (line {seen_labels[b.english]})")
        seen_labels[b.english] = b.line
        if b.group is not None:
            if not GROUP_RE.match(b.group):
                problems.append(f"{where}: group {b.group!r} is not a lowercase id")
            groups[b.group] = groups.get(b.group, 0) + 1
        if not b.names:
            problems.append(f"{where}: no names")
        for name in b.names:
            problem = name_problem(name, set(b.words))
            if problem:
                problems.append(f"{where}: {problem}")
        if not b.domains:
            problems.append(f"{where}: no domains")
        entries = b.entries()
        for e in entries:
            problem = host_problem(e, psl, catalog)
            if problem:
                problems.append(f"{where}: {e} {problem}")
            if entries.count(e) > 1:
                problems.append(f"{where}: {e} listed twice")
            for other in entries:
                if other != e and under(e, other):
                    problems.append(f"{where}: {e} is under {other}, listed too")
        url = urlsplit(b.official)
        if url.scheme != "https" or not url.hostname:
            problems.append(f"{where}: official URL {b.official!r} is not an https URL")
        elif not any(under(url.hostname, e) for e in entries):
            problems.append(f"{where}: official URL's host {url.hostname} is none of the brand's domains")
        labels = [registrable(d, psl) for d in b.domains]
        labels = [r.split(".", 1)[0] for r in labels if r]
        for word in b.words:
            if not LABEL_RE.match(word):
                problems.append(f"{where}: ordinary word {word!r} is not one lowercase label")
            elif not any(word == l or word in l or l in word or edit_distance(word, l) <= 2 for l in labels):
                problems.append(f"{where}: ordinary word {word!r} is no neighbour of the brand's names {labels}")
        check_source(b, where, problems)
    for group, count in groups.items():
        if count < 2:
            problems.append(f"brands.tsv: group {group!r} has one brand only")
    # A domain claimed by two brands that share no group.
    owner: list[tuple[str, Brand]] = [(e, b) for b in brands for e in b.entries()]
    owner.sort(key=lambda t: t[0].count("."))
    by_registrable: dict[str, list[tuple[str, Brand]]] = {}
    for e, b in owner:
        by_registrable.setdefault(registrable(e, psl) or e, []).append((e, b))
    for entries in by_registrable.values():
        for i, (e1, b1) in enumerate(entries):
            for e2, b2 in entries[i + 1:]:
                if b1 is b2 or not (under(e1, e2) or under(e2, e1)):
                    continue
                if b1.group is None or b1.group != b2.group:
                    problems.append(f"brands.tsv:{b2.line}: {e2} is also {b1.english}'s ({e1}, line {b1.line}),"
                                    " and the two share no group")


def check_source(b: Brand, where: str, problems: list[str]) -> None:
    if not b.source or b.source == "-":
        problems.append(f"{where}: no source")
        return
    covered: set[str] = set()
    star = 0
    for part in b.source.split(";"):
        part = part.strip()
        head, sep, listed = part.rpartition(": ")
        if not sep:
            problems.append(f"{where}: source {part!r} is not `KIND[ REF]: DOMAINS`")
            continue
        kind, _, ref = head.partition(" ")
        if kind not in SOURCE_KINDS:
            problems.append(f"{where}: source kind {kind!r} is none of {', '.join(SOURCE_KINDS)}")
        elif kind in ("site", "page") and not re.match(r"https?://\S+$", ref):
            problems.append(f"{where}: a {kind} source names the page's URL")
        elif kind == "mail" and not ref:
            problems.append(f"{where}: a mail source names the mail")
        elif kind == "author" and ref:
            problems.append(f"{where}: an author source has no reference")
        if listed.strip() == "*":
            star += 1
            continue
        for d in split_list(listed, ","):
            if d not in b.entries():
                problems.append(f"{where}: source names {d}, which the row doesn't list")
            covered.add(d)
    if star > 1:
        problems.append(f"{where}: `*` in two sources")
    if not star:
        for e in b.entries():
            if e not in covered:
                problems.append(f"{where}: no source for {e}")


def check_neutral(text: str, brands: list[Brand], psl: Psl, catalog: dict[str, str], problems: list[str]) -> int:
    rows = 0
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        rows += 1
        where = f"neutral_hosts.tsv:{number}"
        cols = line.split("\t")
        if len(cols) != 3:
            problems.append(f"{where}: {len(cols)} columns, want 3")
            continue
        host, kind, why = (c.strip() for c in cols)
        if host in seen:
            problems.append(f"{where}: {host} listed twice")
        seen.add(host)
        problem = host_problem(host, psl, catalog)
        if problem:
            problems.append(f"{where}: {host} {problem}")
        if kind not in NEUTRAL_KINDS:
            problems.append(f"{where}: kind {kind!r} is none of {', '.join(NEUTRAL_KINDS)}")
        if len(why) < 10:
            problems.append(f"{where}: say why {host} is neutral")
        for shared in USER_CONTENT:
            if under(host, shared) or under(shared, host):
                problems.append(f"{where}: {host} covers {shared}, where anyone publishes pages")
        for s, category in catalog.items():
            if category in SHARED_CATEGORIES and under(s, host) and s != host:
                problems.append(f"{where}: {host} covers {s}, a {category} host of data/hosts.tsv")
    return rows


def run(brands_text: str, neutral_text: str, psl: Psl, catalog: dict[str, str]) -> tuple[list[str], list[Brand], int]:
    problems: list[str] = []
    brands = parse_brands(brands_text, problems)
    check_brands(brands, psl, catalog, problems)
    neutral = check_neutral(neutral_text, brands, psl, catalog, problems)
    return problems, brands, neutral


# --- self-test ----------------------------------------------------------------------------------

GOOD = "\t".join(["Example Card|例カード", "ex", "例カード|Example Card|exact:EX", "example-card.co.jp,card.example.com",
                  "exampleimg.net", "https://www.example-card.co.jp/", "-", "site https://example-card.co.jp/mail: example-card.co.jp; author: *"])
GOOD_SIBLING = "\t".join(["Example|例", "ex", "例|Example Group", "example.com", "-", "https://www.example.com/",
                          "-", "author: *"])
GOOD_NEUTRAL = "x.com\tsocial\tposts and profiles; no one's login page"
PSL_TEXT = ("// ===BEGIN ICANN DOMAINS===\ncom\nnet\njp\nco.jp\nly\norg\n*.kawasaki.jp\n!city.kawasaki.jp\n"
            "// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\ngithub.io\n// ===END PRIVATE DOMAINS===\n")


def self_test() -> int:
    psl = Psl()
    for line in PSL_TEXT.splitlines():
        if line and not line.startswith("//"):
            psl.rules[line] = "private" if line == "github.io" else "icann"
    catalog = {"bit.ly": "shortener", "example.net": "free-hosting", "blog.example.org": "free-hosting"}
    assert psl.suffix("a.b.kawasaki.jp")[0] == "b.kawasaki.jp", psl.suffix("a.b.kawasaki.jp")
    assert psl.suffix("www.city.kawasaki.jp")[0] == "kawasaki.jp"
    assert registrable("www.example.co.jp", psl) == "example.co.jp"
    assert registrable("co.jp", psl) is None
    good = GOOD + "\n" + GOOD_SIBLING + "\n"
    problems, brands, _ = run(good, GOOD_NEUTRAL + "\n", psl, catalog)
    assert not problems, problems
    assert len(brands) == 2 and brands[0].owned == ["exampleimg.net"]

    def column(row: str, i: int, value: str) -> str:
        cols = row.split("\t")
        cols[i] = value
        return "\t".join(cols)

    # (what is broken, the brands file, the neutral file, a word the problem must contain)
    broken = [
        ("a column missing", GOOD.rsplit("\t", 1)[0] + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "columns"),
        ("the label twice", good + column(GOOD, 1, "-"), GOOD_NEUTRAL, "twice"),
        ("a group of one", GOOD + "\n" + column(GOOD_SIBLING, 1, "-"), GOOD_NEUTRAL, "one brand only"),
        ("a short name", column(GOOD, 2, "例カード|EX") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "precise"),
        ("an ambiguous word", column(GOOD, 2, "例カード|Apple") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "ambiguous"),
        ("an unknown prefix", column(GOOD, 2, "例カード|upper:EX") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "prefix"),
        ("a Japanese precise name", column(GOOD, 2, "例カード|exact:例") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "ASCII"),
        ("a public suffix", column(GOOD, 3, "example-card.co.jp,co.jp") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "public suffix"),
        ("a private suffix", column(GOOD, 3, "example-card.co.jp,examplecard.github.io") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "private"),
        ("an unknown suffix", column(GOOD, 3, "example-card.co.jp,example.invalidtld") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "no public suffix"),
        ("a capital letter", column(GOOD, 3, "Example-card.co.jp") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "lowercase"),
        ("a shared host", column(GOOD, 4, "bit.ly") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "shortener"),
        ("a host under a listed domain", column(GOOD, 4, "www.example-card.co.jp") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "is under"),
        ("another brand's domain", good + "\t".join(["Other", "-", "Other Co", "other.jp,card.example.com", "-",
                                                     "https://other.jp/", "-", "author: *"]), GOOD_NEUTRAL, "share no group"),
        ("an http official URL", column(GOOD, 5, "http://www.example-card.co.jp/") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "https"),
        ("an official URL elsewhere", column(GOOD, 5, "https://example-card.login.example.org/") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "none of the brand's"),
        ("a far ordinary word", column(GOOD, 6, "banana") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "neighbour"),
        ("no source", column(GOOD, 7, "-") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "no source"),
        ("an unknown source kind", column(GOOD, 7, "rumour: *") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "source kind"),
        ("a site source without URL", column(GOOD, 7, "site: *") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "URL"),
        ("a domain without source", column(GOOD, 7, "author: example-card.co.jp") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "no source for"),
        ("a source for an unlisted domain", column(GOOD, 7, "author: *; author: other.jp") + "\n" + GOOD_SIBLING, GOOD_NEUTRAL, "doesn't list"),
        ("a neutral host of user content", good, GOOD_NEUTRAL + "\ndocs.google.com\tinfo\tGoogle's documents and forms", "anyone publishes"),
        ("a neutral host covering a shared host", good, GOOD_NEUTRAL + "\nexample.org\tsocial\ta social network somewhere", "covers"),
        ("an unknown neutral kind", good, "x.com\tnews\tposts and profiles; no one's login page", "kind"),
        ("a neutral host without reason", good, "x.com\tsocial\t-", "why"),
    ]
    failed = 0
    for what, brands_text, neutral_text, expected in broken:
        problems, _, _ = run(brands_text + "\n", neutral_text + "\n", psl, catalog)
        if not any(expected in p for p in problems):
            failed += 1
            print(f"self-test: {what}: no problem containing {expected!r}: {problems}", file=sys.stderr)
    passed = len(broken) - failed + 1
    print(f"check_brands self-test: {passed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--self-test", action="store_true", help="check that broken rows are caught")
    args = ap.parse_args(argv)
    if args.self_test:
        return self_test()
    data = ROOT / "data"
    psl = read_psl(data / "public_suffix_list.dat")
    catalog = read_catalog(data / "hosts.tsv")
    problems, brands, neutral = run((data / "brands.tsv").read_text(encoding="utf-8"),
                                    (data / "neutral_hosts.tsv").read_text(encoding="utf-8"), psl, catalog)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"check_brands: {len(problems)} problems", file=sys.stderr)
        return 1
    domains = sum(len(b.entries()) for b in brands)
    print(f"check_brands: {len(brands)} brands, {domains} domains and hosts, {neutral} neutral hosts: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
