#!/usr/bin/env python3
"""Find ordinary words that `lookalike-domain` would call imitations of a brand.

    pip install wordfreq          # a maintenance tool: not needed to build or test linkguard
    scripts/word_neighbors.py [--bin target/release/linkguard] [--top 60000]

Runs the most frequent words of several languages (the `wordfreq` package) through
`linkguard check` as `<word>.com` and prints every one flagged `lookalike-domain`, with the brand
domain it is said to imitate. A word or a name in its own right (correos, payday, salmon) belongs
in the seventh column (ordinary words) of that brand's line in data/brands.tsv, unless phishing really uses it;
a form of the brand's own name (facebooks, youtuber) is left flagged. Prints nothing else, writes
nothing.
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'sv', 'pl', 'tr', 'id']


def main():
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--bin', default=str(root / 'target' / 'release' / 'linkguard'))
    parser.add_argument('--top', type=int, default=60000, help='words per language (default 60000)')
    args = parser.parse_args()
    try:
        from wordfreq import top_n_list
    except ImportError:
        sys.exit('word_neighbors.py needs the wordfreq package: pip install wordfreq')

    words = set()
    for lang in LANGUAGES:
        for word in top_n_list(lang, args.top):
            word = word.lower()
            # Five letters at least: lookalike-domain never compares shorter names.
            if re.fullmatch(r'[a-z0-9]{5,30}', word):
                words.add(word)
    hrefs = '\n'.join(f'https://{w}.com/' for w in sorted(words))
    out = subprocess.run([args.bin, 'check', '-', '--json'], input=hrefs, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        sys.exit(f'{args.bin} failed: {out.stderr.strip()}')
    flagged = 0
    for line in out.stdout.splitlines():
        verdict = json.loads(line)['verdict']
        for reason in verdict['reasons']:
            if reason['code'] == 'lookalike-domain':
                flagged += 1
                print(f"{verdict['target']['registrable_domain']}\t{reason['details'].get('claimed')}")
    print(f'{flagged} of {len(words)} words flagged', file=sys.stderr)


if __name__ == '__main__':
    main()
