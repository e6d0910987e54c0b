#!/usr/bin/python3
"""Checks a kiosk screenshot: PNG of the given size, a real page (not blank), and,
with REFERENCE, nearly the same pixels as the same screen rendered by the build tree.

Usage: check_png.py SHOT.png WIDTH HEIGHT [REFERENCE.png]
"""
import sys

from PIL import Image, ImageChops


def fail(msg):
    print(f"check_png: {msg}")
    sys.exit(1)


shot = Image.open(sys.argv[1])
if shot.format != "PNG":
    fail(f"{sys.argv[1]} is {shot.format}, not PNG")
width, height = int(sys.argv[2]), int(sys.argv[3])
if shot.size != (width, height):
    fail(f"size {shot.size}, expected {(width, height)}")
rgb = shot.convert("RGB")
colours = rgb.getcolors(maxcolors=1 << 20) or []
top = max(count for count, _ in colours) if colours else 0
if len(colours) < 16 or top > 0.95 * width * height:
    fail(f"looks blank: {len(colours)} colours, the commonest covers {top} pixels")
if len(sys.argv) > 4:
    ref = Image.open(sys.argv[4]).convert("RGB")
    diff = ImageChops.difference(rgb, ref).convert("L").point(lambda v: 255 if v > 16 else 0)
    changed = sum(1 for v in diff.getdata() if v)
    if changed > 0.01 * width * height:
        fail(f"{changed} pixels differ from the build tree's rendering of the same screen")
    print(f"check_png: {changed} pixels differ from the build tree's rendering")
print(f"check_png: {sys.argv[1]} ok ({len(colours)} colours)")
