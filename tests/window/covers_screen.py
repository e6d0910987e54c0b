#!/usr/bin/python3
"""A screenshot of the whole screen shows the kiosk everywhere: it has the screen's
size, and no edge row or column (a band left uncovered) is black.
Usage: covers_screen.py SHOT.png WIDTH HEIGHT"""
import sys

from PIL import Image

im = Image.open(sys.argv[1]).convert("RGB")
w, h = int(sys.argv[2]), int(sys.argv[3])
if im.size != (w, h):
    print(f"FAIL {sys.argv[1]}: {im.size[0]}x{im.size[1]}, the screen is {w}x{h}")
    sys.exit(1)
px = im.load()
edges = {
    "left": [px[0, y] for y in range(h)],
    "right": [px[w - 1, y] for y in range(h)],
    "top": [px[x, 0] for x in range(w)],
    "bottom": [px[x, h - 1] for x in range(w)],
}
bad = [name for name, line in edges.items() if sum(1 for p in line if max(p) < 8) > len(line) // 20]
if bad:
    print(f"FAIL {sys.argv[1]}: black band at the {', '.join(bad)} edge")
    sys.exit(1)
print(f"ok   {sys.argv[1]}: {w}x{h}, every edge is covered")
