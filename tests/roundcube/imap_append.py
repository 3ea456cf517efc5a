#!/usr/bin/env python3
"""APPENDs .eml files to a mailbox over IMAP (Python stdlib only), then reads them back.

Used by tests/roundcube/setup.sh to fill the test user's INBOX on the throwaway Dovecot:

    imap_append.py --host 127.0.0.1 --port PORT --user alice --password PW a.eml b.eml ...

Each file is sent byte for byte (line ends normalised to CRLF, as IMAP requires), in the order
given. Afterwards every appended message is fetched back by UID and its Message-ID header compared,
so a message the server silently mangled or dropped fails here rather than later in a browser.
Plaintext LOGIN without TLS: the server is on loopback and the account is a throwaway.
"""

import argparse
import email
import email.policy
import imaplib
import re
import sys
import email.utils


def crlf(raw: bytes) -> bytes:
    return re.sub(rb"\r?\n", b"\r\n", raw)


def message_id(raw: bytes) -> str:
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    return (msg.get("Message-ID") or "").strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--mailbox", default="INBOX")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    imap = imaplib.IMAP4(args.host, args.port, timeout=30)
    try:
        imap.login(args.user, args.password)
        typ, _ = imap.select(args.mailbox)
        if typ != "OK":
            print(f"imap_append: cannot select {args.mailbox}", file=sys.stderr)
            return 1
        appended = []  # (file, uid, message-id)
        for path in args.files:
            with open(path, "rb") as f:
                raw = crlf(f.read())
            mid = message_id(raw)
            if not mid:
                print(f"imap_append: {path} has no Message-ID header", file=sys.stderr)
                return 1
            # The message's own Date as internal date, so Roundcube's list order is stable.
            date = email.message_from_bytes(raw).get("Date")
            parsed = email.utils.parsedate_tz(date) if date else None
            when = imaplib.Time2Internaldate(email.utils.mktime_tz(parsed)) if parsed else None
            typ, data = imap.append(args.mailbox, None, when, raw)
            if typ != "OK":
                print(f"imap_append: APPEND {path} failed: {data!r}", file=sys.stderr)
                return 1
            # Dovecot answers with UIDPLUS: [APPENDUID <validity> <uid>].
            m = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"")
            if not m:
                print(f"imap_append: no APPENDUID for {path}: {data!r}", file=sys.stderr)
                return 1
            appended.append((path, m.group(1).decode(), mid))

        imap.select(args.mailbox)  # see the new messages
        for path, uid, mid in appended:
            typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
            got = b"".join(part[1] for part in data if isinstance(part, tuple))
            if typ != "OK" or mid.encode() not in got:
                print(f"imap_append: {path} (uid {uid}) did not read back: {data!r}", file=sys.stderr)
                return 1
            print(f"imap_append: {path} -> {args.mailbox} uid {uid} {mid}", file=sys.stderr)
        return 0
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            pass


if __name__ == "__main__":
    sys.exit(main())
