#!/usr/bin/python3
"""Writes pil-resize-golden.json: Pillow's own Image.resize output for small synthetic RGB images.

Run with a Python that has Pillow (here: Debian's python3-pil 9.4.0, /usr/bin/python3):
    /usr/bin/python3 pil_golden.py > pil-resize-golden.json
The pixels are a formula that ClipPreprocessingTest recomputes, so no image file is needed.
"""
import json
import PIL
from PIL import Image


def pixel(x, y, c):
    return (x * 37 + y * 91 + c * 53 + x * y * 7) % 256


def image(w, h):
    im = Image.new("RGB", (w, h))
    im.putdata([tuple(pixel(x, y, c) for c in range(3)) for y in range(h) for x in range(w)])
    return im


cases = []
for (w, h, nw, nh, name) in [(13, 7, 9, 5, "bicubic"), (13, 7, 9, 5, "bilinear"), (3, 4, 6, 8, "bicubic"),
                             (40, 23, 12, 7, "bicubic"), (17, 5, 17, 3, "bicubic"), (6, 30, 2, 30, "bicubic")]:
    flt = {"bicubic": Image.BICUBIC, "bilinear": Image.BILINEAR}[name]
    out = image(w, h).resize((nw, nh), resample=flt)
    cases.append({"w": w, "h": h, "new_w": nw, "new_h": nh, "filter": name,
                  "rgb": [v for px in out.getdata() for v in px]})
print(json.dumps({"pillow": PIL.__version__, "cases": cases}))
