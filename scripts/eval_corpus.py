#!/usr/bin/env python3
"""Measure linkguard on real mail: recall on phishing, false alarms on legitimate mail.

    scripts/eval_corpus.py [CORPUS] [--bin PATH] [--show N] [--no-urls]

CORPUS defaults to ../shared/corpus relative to the repository (see its README: phish/, ham/,
urls/). Runs `linkguard scan --json` over phish/ and ham/ and `linkguard check - --json` over the
URL lists (JPCERT/CC CSVs, OpenPhish), then prints:

  - recall: phishing messages with >= 1 danger link, with >= 1 caution-or-danger link, and
    whose message level (links and sender) is caution or danger;
  - false-alarm rate on ham: messages with a danger link, and with a caution-or-danger link;
  - the most frequent reason codes on each side, sender signals;
  - every ham message with a danger link (file, link, reasons) and the first N caution ones;
  - the first N phishing messages without any flagged link (misses), with their link hosts;
  - per URL list (and per impersonated brand for JPCERT): the share flagged danger / caution.

It only reads the corpus and prints; nothing from the corpus is written into the repository.
"""

import argparse
import collections
import csv
import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEVELS = {"safe": 0, "caution": 1, "danger": 2}


def find_binary(explicit):
    if explicit:
        return explicit
    for candidate in ("target/release/linkguard", "dist/linkguard", "target/debug/linkguard"):
        path = os.path.join(REPO, candidate)
        if os.access(path, os.X_OK):
            return path
    sys.exit("linkguard binary not found: run `cargo build --release --bin linkguard` or pass --bin")


def scan(binary, files):
    """One JSON record per message (or per unreadable input), in input order."""
    records = []
    # Batches keep the command line short.
    for start in range(0, len(files), 200):
        batch = files[start : start + 200]
        proc = subprocess.run(
            [binary, "scan", "--json", "--lang", "en", *batch],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
        )
        if proc.returncode not in (0, 1, 2):
            sys.exit(f"linkguard scan failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[:2000]}")
        for line in proc.stdout.decode("utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def link_level(link):
    return LEVELS[link["verdict"]["level"]]


def codes(link):
    return [r["code"] for r in link["verdict"]["reasons"]]


def host_of(href):
    try:
        return urlsplit(href).hostname or href[:60]
    except ValueError:
        return href[:60]


def short(s, n=90):
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


class Side:
    """Counts for one side of the corpus (phish or ham)."""

    def __init__(self, name, records):
        self.name = name
        self.messages = [r for r in records if "error" not in r]
        self.errors = [r for r in records if "error" in r]
        self.danger = [m for m in self.messages if any(link_level(l) == 2 for l in m["links"])]
        self.flagged = [m for m in self.messages if any(link_level(l) >= 1 for l in m["links"])]
        # The message's own level also counts its sender (a display name borrowing a brand).
        self.message_flagged = [m for m in self.messages if LEVELS[m["level"]] >= 1]
        self.no_links = [m for m in self.messages if not m["links"]]
        self.reason_links = collections.Counter()
        self.reason_messages = collections.Counter()
        for m in self.messages:
            seen = set()
            for l in m["links"]:
                if link_level(l) >= 1:
                    for c in codes(l):
                        self.reason_links[c] += 1
                        seen.add(c)
            self.reason_messages.update(seen)
        # The sender check's reasons (by code) and the informational signals (by kind).
        self.sender = collections.Counter(
            [r["code"] for m in self.messages for r in m["sender"]["reasons"]]
            + [s["kind"] for m in self.messages for s in m["sender"]["signals"]]
        )

    def rate(self, subset):
        return 100.0 * len(subset) / max(1, len(self.messages))

    def report(self):
        n = len(self.messages)
        print(f"\n== {self.name}: {n} messages, {len(self.errors)} unreadable inputs, {len(self.no_links)} without links")
        print(f"   >= 1 danger link:            {len(self.danger):4d}  ({self.rate(self.danger):5.1f} %)")
        print(f"   >= 1 caution-or-danger link: {len(self.flagged):4d}  ({self.rate(self.flagged):5.1f} %)")
        print(f"   message caution or danger:   {len(self.message_flagged):4d}  ({self.rate(self.message_flagged):5.1f} %)"
              "  (its links, or a sender borrowing a brand)")
        with_links = n - len(self.no_links)
        if with_links:
            print(
                f"   among messages with links:   danger {100.0 * len(self.danger) / with_links:5.1f} %,"
                f" flagged {100.0 * len(self.flagged) / with_links:5.1f} %"
            )
        print("   reason codes on flagged links (links / messages):")
        for code, count in self.reason_links.most_common(12):
            print(f"     {code:18s} {count:6d} / {self.reason_messages[code]:4d}")
        print("   sender signals (messages): " + ", ".join(f"{k} {v}" for k, v in self.sender.most_common()))
        for e in self.errors[:10]:
            print(f"   unreadable: {os.path.basename(e['file'])}#{e.get('index', '-')}: {e['error']}")


def describe_link(l):
    v = l["verdict"]
    reasons = ", ".join(f"{r['code']}({r['level']})" for r in v["reasons"])
    return f"[{v['level']}] href={short(l['href'])} text={short(l['text'], 60)!r} -> {reasons}"


def list_false_alarms(ham, show):
    print("\n== ham messages with a danger link (all):")
    for m in ham.danger:
        print(f" * {os.path.basename(m['file'])}#{m['index']}  subject={short(m.get('subject'), 60)!r}")
        dangerous = [l for l in m["links"] if link_level(l) == 2]
        for l in dangerous[:4]:
            print("     " + describe_link(l))
        if len(dangerous) > 4:
            print(f"     (+{len(dangerous) - 4} more danger links)")
    caution_only = [m for m in ham.flagged if m not in ham.danger]
    print(f"\n== ham messages with caution links only: {len(caution_only)} (first {show}):")
    for m in caution_only[:show]:
        print(f" * {os.path.basename(m['file'])}#{m['index']}")
        for l in [l for l in m["links"] if link_level(l) == 1][:3]:
            print("     " + describe_link(l))


def list_misses(phish, show):
    misses = [m for m in phish.messages if not any(link_level(l) >= 1 for l in m["links"])]
    with_links = [m for m in misses if m["links"]]
    print(f"\n== phishing messages with no flagged link: {len(misses)} ({len(misses) - len(with_links)} have no link at all); first {show} with links:")
    for m in with_links[:show]:
        hosts = collections.Counter(host_of(l["href"]) for l in m["links"])
        brand = [r for r in m["sender"]["reasons"] if r["code"] == "mailto-brand-mismatch"]
        print(
            f" * {os.path.basename(m['file'])}#{m['index']}  links={len(m['links'])}"
            f" hosts={', '.join(h for h, _ in hosts.most_common(4))}"
            + (f"  sender-brand={brand[0]['details']['claimed']}" if brand else "")
        )
    caution_only = [m for m in phish.flagged if m not in phish.danger]
    print(f"\n== phishing messages flagged caution but not danger: {len(caution_only)} (first {show}):")
    for m in caution_only[:show]:
        print(f" * {os.path.basename(m['file'])}#{m['index']}")
        for l in [l for l in m["links"] if link_level(l) == 1][:2]:
            print("     " + describe_link(l))


def check_urls(binary, urls):
    """Verdicts for a list of URLs through `linkguard check -` (one JSON line per URL)."""
    data = "".join(u.replace("\n", " ").replace("\r", " ") + "\n" for u in urls).encode()
    proc = subprocess.run(
        [binary, "check", "-", "--json"], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"linkguard check failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[:2000]}")
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]


def url_lists(binary, corpus, show):
    folder = os.path.join(corpus, "urls")
    if not os.path.isdir(folder):
        print(f"\n(no {folder})")
        return
    print("\n== URL lists: share flagged (danger / caution-or-danger), top reasons")
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        brands = None
        if name.endswith(".csv"):
            with open(path, encoding="utf-8", errors="replace", newline="") as f:
                rows = [r for r in csv.DictReader(f) if r.get("URL")]
            urls = [r["URL"].strip() for r in rows]
            brands = [(r.get("description") or "?").strip() for r in rows]
        else:
            with open(path, encoding="utf-8", errors="replace") as f:
                urls = [line.strip() for line in f if line.strip()]
        results = check_urls(binary, urls)
        if len(results) != len(urls):
            print(f"   {name}: {len(urls)} URLs but {len(results)} verdicts (blank or odd lines?)")
        levels = [LEVELS[r["verdict"]["level"]] for r in results]
        reasons = collections.Counter(
            c["code"] for r in results if LEVELS[r["verdict"]["level"]] >= 1 for c in r["verdict"]["reasons"]
        )
        n = max(1, len(results))
        print(
            f"   {name:42s} {len(results):6d} URLs  danger {100.0 * sum(l == 2 for l in levels) / n:5.1f} %"
            f"  flagged {100.0 * sum(l >= 1 for l in levels) / n:5.1f} %  | "
            + ", ".join(f"{c} {100.0 * k / n:.1f}%" for c, k in reasons.most_common(6))
        )
        if brands and len(results) == len(urls):
            by_brand = collections.defaultdict(lambda: [0, 0, 0])
            for brand, level in zip(brands, levels):
                entry = by_brand[brand]
                entry[0] += 1
                entry[1] += level == 2
                entry[2] += level >= 1
            top = sorted(by_brand.items(), key=lambda kv: -kv[1][0])[:show]
            print("      per impersonated brand (count, danger %, flagged %): " + "; ".join(
                f"{b} {t} {100.0 * d / t:.0f}% {100.0 * fl / t:.0f}%" for b, (t, d, fl) in top
            ))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=os.path.join(REPO, "..", "shared", "corpus"))
    ap.add_argument("--bin", help="linkguard binary (default: target/release, dist/, target/debug)")
    ap.add_argument("--show", type=int, default=15, help="how many misses / caution cases to list")
    ap.add_argument("--no-urls", action="store_true", help="skip the URL lists")
    args = ap.parse_args()

    binary = find_binary(args.bin)
    corpus = os.path.abspath(args.corpus)
    sides = {}
    for side in ("phish", "ham"):
        folder = os.path.join(corpus, side)
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
        sides[side] = Side(side, scan(binary, files))
    print(f"linkguard: {binary}\ncorpus:    {corpus}")
    for side in sides.values():
        side.report()
    list_false_alarms(sides["ham"], args.show)
    list_misses(sides["phish"], args.show)
    if not args.no_urls:
        url_lists(binary, corpus, args.show)


if __name__ == "__main__":
    main()
