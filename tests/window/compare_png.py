#!/usr/bin/python3
"""Compares two screenshots of the kiosk: same size, and at most MAX_PERCENT of the
pixels differ by more than a small tolerance per channel (font anti-aliasing, a caret
of time). Usage: compare_png.py A.png B.png MAX_PERCENT"""
import sys

from PIL import Image, ImageChops

a = Image.open(sys.argv[1]).convert("RGB")
b = Image.open(sys.argv[2]).convert("RGB")
limit = float(sys.argv[3])
if a.size != b.size:
    print(f"FAIL {sys.argv[1]} is {a.size[0]}x{a.size[1]}, {sys.argv[2]} is {b.size[0]}x{b.size[1]}")
    sys.exit(1)
diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 24 else 0)
changed = diff.histogram()[255]
percent = 100.0 * changed / (a.size[0] * a.size[1])
verdict = "ok  " if percent <= limit else "FAIL"
print(f"{verdict} {sys.argv[1]} vs {sys.argv[2]}: {percent:.2f}% of pixels differ (limit {limit}%)")
sys.exit(0 if percent <= limit else 1)
