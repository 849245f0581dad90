#!/usr/bin/python3
"""Writes the task pane's icons (icon-32.png, icon-80.png, icon-16.png): a green sheet with a
white tick, drawn with the standard library only. Run it after changing the drawing."""
import os
import struct
import zlib

GREEN = (0x21, 0x73, 0x46)
WHITE = (0xFF, 0xFF, 0xFF)


def pixel(x, y, n):
    # The rounded square, then the tick: two strokes measured in a 0..1 square.
    u, v = (x + 0.5) / n, (y + 0.5) / n
    r = 0.18
    cx, cy = min(max(u, r), 1 - r), min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return None
    def near(ax, ay, bx, by, w):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
        return (u - ax - t * dx) ** 2 + (v - ay - t * dy) ** 2 <= w * w
    if near(0.24, 0.52, 0.43, 0.71, 0.075) or near(0.43, 0.71, 0.78, 0.30, 0.075):
        return WHITE
    return GREEN


def png(n):
    rows = b""
    for y in range(n):
        row = b"\x00"
        for x in range(n):
            p = pixel(x, y, n)
            row += bytes(p + (255,)) if p else b"\x00\x00\x00\x00"
        rows += row
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    for n in (16, 32, 80):
        with open(os.path.join(here, "icon-%d.png" % n), "wb") as f:
            f.write(png(n))
