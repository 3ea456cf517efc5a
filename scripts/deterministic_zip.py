#!/usr/bin/env python3
"""Zips a folder so that the archive depends only on the files' paths and contents.

    python3 scripts/deterministic_zip.py OUT.zip FOLDER

`zip -r` stores each file's modification time, its owner's permissions and the order the file
system lists them in, so two builds of the same sources give different packages. Here every entry
has the same time (SOURCE_DATE_EPOCH, the release commit's time, else 1980-01-01, the first time a
zip can hold), the same mode (0644), no extra fields, and the entries are in byte order of their
paths. Files only: the stores want no directory entries, and browsers don't need them. Deflate
level 9, from the system's zlib (pinned with the rest of the toolchain: BUILDING.md).
"""

import os
import sys
import time
import zipfile

DOS_EPOCH = (1980, 1, 1, 0, 0, 0)


def entry_time():
    """The timestamp of every entry, from SOURCE_DATE_EPOCH (UTC), as a zip stores it."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return DOS_EPOCH
    try:
        seconds = int(raw)
    except ValueError:
        sys.exit(f"deterministic_zip: SOURCE_DATE_EPOCH is not a number: {raw!r}")
    stamp = time.gmtime(seconds)[:6]
    # A zip's date starts in 1980; its seconds are even.
    if stamp < DOS_EPOCH:
        return DOS_EPOCH
    return stamp[:5] + (stamp[5] - stamp[5] % 2,)


def files_under(folder):
    """Every file under `folder`, as '/'-separated paths relative to it, in byte order."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in filenames:
            full = os.path.join(dirpath, name)
            if os.path.islink(full) or not os.path.isfile(full):
                sys.exit(f"deterministic_zip: not a plain file: {full}")
            found.append(os.path.relpath(full, folder).replace(os.sep, "/"))
    return sorted(found, key=lambda p: p.encode("utf-8"))


def write_zip(out, folder):
    stamp = entry_time()
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w") as archive:
        for rel in files_under(folder):
            info = zipfile.ZipInfo(rel, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that external_attr is read as a mode
            info.external_attr = 0o100644 << 16
            with open(os.path.join(folder, rel), "rb") as f:
                archive.writestr(info, f.read(), compresslevel=9)
    os.replace(tmp, out)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: deterministic_zip.py OUT.zip FOLDER")
    write_zip(argv[1], argv[2])


if __name__ == "__main__":
    main(sys.argv)
