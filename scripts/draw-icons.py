#!/usr/bin/env python3
"""Draws the extension's toolbar icons (a blue shield with a white check mark) into
extension/icons/icon-{16,32,48,128}.png. Standard library only: shapes are sampled 5x5 per pixel
for anti-aliasing and written with a minimal PNG encoder (zlib). Run it again after changing it;
the PNGs are committed."""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extension" / "icons"
SIZES = (16, 32, 48, 128)
SHIELD = (11, 87, 208)  # #0b57d0
EDGE = (8, 66, 160)
MARK = (255, 255, 255)


def shield_inside(x, y):
    """Unit square coordinates (0..1, y down). Flat top with rounded shoulders, pointed bottom."""
    if y < 0.08 or y > 0.95:
        return False
    half = 0.40
    if y < 0.55:
        width = half
    else:
        # Curved taper towards the point at (0.5, 0.95).
        t = (y - 0.55) / 0.40
        width = half * math.sqrt(max(0.0, 1 - t * t))
    if abs(x - 0.5) > width:
        return False
    # Rounded top corners.
    r = 0.12
    for cx in (0.5 - half + r, 0.5 + half - r):
        if y < 0.08 + r and (x - cx) * (0.5 - cx) < 0 and math.hypot(x - cx, y - (0.08 + r)) > r:
            return False
    return True


def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


CHECK = ((0.30, 0.50), (0.45, 0.65), (0.72, 0.36))


def mark_inside(x, y, width):
    return any(seg_dist(x, y, *CHECK[i], *CHECK[i + 1]) < width for i in range(len(CHECK) - 1))


def render(size):
    n = 5
    stroke = 0.075 if size >= 32 else 0.095
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            acc = [0.0, 0.0, 0.0]
            alpha = 0
            for sy in range(n):
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) / size
                    y = (py + (sy + 0.5) / n) / size
                    if not shield_inside(x, y):
                        continue
                    alpha += 1
                    inner = shield_inside(0.5 + (x - 0.5) * 1.12, 0.5 + (y - 0.5) * 1.08)
                    color = MARK if mark_inside(x, y, stroke) else (SHIELD if inner else EDGE)
                    for i in range(3):
                        acc[i] += color[i]
            if alpha:
                row += bytes(round(c / alpha) for c in acc) + bytes([round(255 * alpha / (n * n))])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return b"".join(rows)


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        (OUT / f"icon-{size}.png").write_bytes(png(size, render(size)))
        print(f"wrote {OUT / f'icon-{size}.png'}")


if __name__ == "__main__":
    main()
