#!/usr/bin/env python3
"""Measure linkguard on real mail: recall on phishing, false alarms on legitimate mail.

    scripts/eval_corpus.py [CORPUS] [--bin PATH] [--show N] [--no-urls] [--brand-mail DIR]

CORPUS defaults to ../shared/corpus relative to the repository, or ../../shared/corpus from a
worktree (see its README: phish/, ham/,
ja-phish/, newsletters/, urls/). Runs `linkguard scan --json` over phish/, ja-phish/, ham/ and
newsletters/ (each message judged in its own context: sender, subject, Reply-To, list headers),
over the brand-mail fixtures (tests/fixtures/mail/brand/, brands' own legitimate mail: never
danger), and `linkguard check - --json` over the URL lists (JPCERT/CC CSVs, OpenPhish), then
prints:

  - recall: phishing messages with >= 1 danger link, with >= 1 caution-or-danger link, and
    whose message level (links and sender) is caution or danger;
  - false-alarm rate on ham: messages with a danger link, and with a caution-or-danger link;
  - the most frequent reason codes on each side, sender signals;
  - every ham message with a danger link (file, link, reasons) and the first N caution ones;
  - the first N phishing messages without any flagged link (misses), with their link hosts;
  - per URL list (and per impersonated brand for JPCERT): the share flagged danger / caution;
  - JPCERT/CC 2021 and 2022 as links of mail claiming the listed brand: each URL checked with
    the sender `<description> <info@RANDOM.cn>` (a random .cn address), every other one with
    the URL's own host as the sender's domain instead, through `check -`'s JSON lines;
  - the targets (floors: ja-phish and phish danger, ham danger and caution, newsletters and
    brand mail danger, JPCERT/CC with a sender) with the figure measured and whether it holds.

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


# The figures this project holds itself to (README, "Measured"): (what, measure, bound, floor or
# ceiling). A message is danger when one of its links is.
TARGETS = [
    ("ja-phish", "danger", ">=", 80.0),
    ("phish", "danger", ">=", 40.0),
    ("ham", "danger", "<=", 1.0),
    ("ham", "caution", "<=", 3.0),
    ("newsletters", "danger", "<=", 0.0),
    ("brand-mail", "danger", "<=", 0.0),
    ("jpcert-2021-with-sender", "danger", ">=", 85.0),
    ("jpcert-2022-with-sender", "danger", ">=", 85.0),
]


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
        # Caution as a message's level: a link or its sender, not danger.
        self.caution = [m for m in self.messages if m["level"] == "caution"]
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
        print(f"   message caution (not danger): {len(self.caution):3d}  ({self.rate(self.caution):5.1f} %)")
        claimed = [m for m in self.messages if m.get("claim", {}).get("brands")]
        print(f"   presenting a brand:          {len(claimed):4d}  ({self.rate(claimed):5.1f} %)"
              f", {sum(1 for m in claimed if m['claim']['sender_is_brand'])} of them from the brand's own address")
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
    print(f"\n== {phish.name}: messages with no flagged link: {len(misses)} ({len(misses) - len(with_links)} have no link at all); first {show} with links:")
    for m in with_links[:show]:
        hosts = collections.Counter(host_of(l["href"]) for l in m["links"])
        brand = [r for r in m["sender"]["reasons"] if r["code"] == "mailto-brand-mismatch"]
        print(
            f" * {os.path.basename(m['file'])}#{m['index']}  links={len(m['links'])}"
            f" hosts={', '.join(h for h, _ in hosts.most_common(4))}"
            + (f"  sender-brand={brand[0]['details']['claimed']}" if brand else "")
        )
    caution_only = [m for m in phish.flagged if m not in phish.danger]
    print(f"\n== {phish.name}: messages flagged caution but not danger: {len(caution_only)} (first {show}):")
    for m in caution_only[:show]:
        print(f" * {os.path.basename(m['file'])}#{m['index']}")
        for l in [l for l in m["links"] if link_level(l) == 1][:2]:
            print("     " + describe_link(l))


def check_urls(binary, urls):
    """Verdicts for a list of URLs through `linkguard check -` (one JSON line per URL). An entry
    is a URL, or a dict (`url`, `text`, `sender`, `subject`) sent as a JSON line."""
    def line(u):
        if isinstance(u, dict):
            return json.dumps(u, ensure_ascii=False)
        return u.replace("\n", " ").replace("\r", " ")
    data = "".join(line(u) + "\n" for u in urls).encode()
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


def random_label(seed):
    """A random-looking lowercase label, the same for the same seed (the evaluation repeats)."""
    state = (seed * 2654435761 + 12345) & 0xFFFFFFFF
    letters = []
    for _ in range(8):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        letters.append("abcdefghijklmnopqrstuvwxyz"[state % 26])
    return "".join(letters)


def jpcert_with_sender(binary, corpus, measured):
    """JPCERT/CC's URLs as links of a mail claiming the brand the list names: the sender
    `<description> <info@RANDOM.cn>`, and for every other URL `<description> <info@HOST>` with
    the URL's own host (a phisher mailing from the phishing site's domain)."""
    folder = os.path.join(corpus, "urls")
    print("\n== JPCERT/CC URLs in a mail claiming their brand (sender: description <info@random.cn>,"
          " every other one <info@its own host>)")
    for year in ("2021", "2022"):
        path = os.path.join(folder, f"jpcert_phishurl_{year}.csv")
        if not os.path.exists(path):
            print(f"   (no {path})")
            continue
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r.get("URL")]
        lines = []
        for i, row in enumerate(rows):
            url = row["URL"].strip()
            description = " ".join((row.get("description") or "").split()) or "?"
            host = host_of(url if "://" in url else "http://" + url)
            domain = host if i % 2 and host and "." in host else f"{random_label(i)}.cn"
            lines.append({"url": url, "sender": f"{description} <info@{domain}>"})
        results = check_urls(binary, lines)
        levels = [LEVELS[r["verdict"]["level"]] for r in results]
        n = max(1, len(results))
        danger = 100.0 * sum(l == 2 for l in levels) / n
        halves = [[LEVELS[r["verdict"]["level"]] for j, r in enumerate(results) if j % 2 == k] for k in (0, 1)]
        half = [100.0 * sum(l == 2 for l in h) / max(1, len(h)) for h in halves]
        reasons = collections.Counter(c["code"] for r in results for c in r["verdict"]["reasons"])
        print(f"   {year}: {len(results):6d} URLs  danger {danger:5.1f} % (random .cn sender {half[0]:5.1f} %,"
              f" its own host {half[1]:5.1f} %) | " + ", ".join(f"{c} {100.0 * k / n:.1f}%" for c, k in reasons.most_common(5)))
        missed = collections.Counter((row.get("description") or "?").strip() for row, l in zip(rows, levels) if l < 2)
        print("      not danger, by brand: " + ", ".join(f"{b} {k}" for b, k in missed.most_common(12)))
        measured[f"jpcert-{year}-with-sender"] = {"danger": danger}


def report_targets(measured):
    print("\n== Targets (floors, precision first)")
    for what, measure, bound, limit in TARGETS:
        value = measured.get(what, {}).get(measure)
        if value is None:
            print(f"   {what:26s} {measure:8s} {bound} {limit:5.1f} %   not measured")
            continue
        holds = value >= limit if bound == ">=" else value <= limit
        print(f"   {what:26s} {measure:8s} {bound} {limit:5.1f} %   latest {value:5.1f} %   {'holds' if holds else 'MISSED'}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # The shared corpus sits beside the main checkout, two levels up from a worktree.
    default_corpus = next((c for c in (os.path.join(REPO, "..", "shared", "corpus"), os.path.join(REPO, "..", "..", "shared", "corpus"))
                           if os.path.isdir(c)), os.path.join(REPO, "..", "shared", "corpus"))
    ap.add_argument("corpus", nargs="?", default=default_corpus)
    ap.add_argument("--bin", help="linkguard binary (default: target/release, dist/, target/debug)")
    ap.add_argument("--show", type=int, default=15, help="how many misses / caution cases to list")
    ap.add_argument("--no-urls", action="store_true", help="skip the URL lists")
    ap.add_argument("--brand-mail", default=os.path.join(REPO, "tests", "fixtures", "mail", "brand"),
                    help="folder of brands' own mail (never danger; default tests/fixtures/mail/brand)")
    args = ap.parse_args()

    binary = find_binary(args.bin)
    corpus = os.path.abspath(args.corpus)
    sides = {}
    for side in ("phish", "ja-phish", "ham", "newsletters"):
        folder = os.path.join(corpus, side)
        if not os.path.isdir(folder):
            continue
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if not f.endswith((".tsv", ".jsonl", ".md")))
        sides[side] = Side(side, scan(binary, files))
    if not {"phish", "ham"} <= sides.keys():
        sys.exit(f"no phish/ and ham/ in {corpus}: pass the corpus folder")
    if os.path.isdir(args.brand_mail):
        files = sorted(os.path.join(args.brand_mail, f) for f in os.listdir(args.brand_mail) if f.endswith(".eml"))
        sides["brand-mail"] = Side("brand-mail", scan(binary, files))
    print(f"linkguard: {binary}\ncorpus:    {corpus}")
    measured = {}
    for side in sides.values():
        side.report()
        measured[side.name] = {"danger": side.rate(side.danger), "caution": side.rate(side.caution)}
    list_false_alarms(sides["ham"], args.show)
    for name in ("newsletters", "brand-mail"):
        if name in sides and sides[name].danger:
            print(f"\n== {name} messages with a danger link:")
            for m in sides[name].danger:
                print(f" * {os.path.basename(m['file'])}  subject={short(m.get('subject'), 60)!r}")
                for l in [l for l in m["links"] if link_level(l) == 2][:4]:
                    print("     " + describe_link(l))
    list_misses(sides["phish"], args.show)
    if "ja-phish" in sides:
        list_misses(sides["ja-phish"], args.show)
    if not args.no_urls:
        url_lists(binary, corpus, args.show)
        jpcert_with_sender(binary, corpus, measured)
    report_targets(measured)


if __name__ == "__main__":
    main()
