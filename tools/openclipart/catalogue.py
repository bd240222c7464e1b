#!/usr/bin/env python3
"""Turns Debian's Open Clip Art packages (openclipart-png, openclipart-svg) into a catalogue CSV.

    python3 tools/openclipart/catalogue.py [--root /usr/share/openclipart] [--out catalogue.csv] [--stats stats.json]

Layout read: <root>/png/<category>[/<subcategory>/...]/<name>.png, each beside its drawing
<root>/svg/<same path>.svg whose RDF metadata gives the title, creator and keywords. Any directory of
the same layout works. Standard library only; nothing is decoded beyond the PNG header chunks.

One row per PNG, columns:
  id            the PNG path under png/ without ".png" (unique, stable)
  title         the SVG's dc:title (the English or untagged one when several); when the SVG has none
                the file name made readable, with title_source "filename"
  title_source  svg | filename
  artist        dc:creator's agent title ("" when absent)
  keywords      dc:subject rdf:li values joined by "; "
  description   dc:description
  category      first directory under png/ ("" for a file directly in png/)
  subcategory   second directory ("" when none); deeper directories stay visible in id
  image, svg    absolute paths ("" for a missing SVG)
  width, height, color_type (gray, rgb, palette, gray+alpha, rgba), has_alpha (alpha channel or tRNS)
  bytes, sha256 of the PNG
  duplicate_of  id of the first row (in id order) with byte-identical PNG, "" for that first row:
                one drawing filed under several categories is one work, several renders
  problem       why a row is suspect ("" when fine): unreadable or broken PNG, missing or broken SVG
                metadata, over --max-megapixels; a bad file is a reported row, never a crash

Transparency: 97% of the renders (7,889 of 8,121) have alpha or a tRNS palette entry. Consumers should
composite on white before embedding: the drawings were made for a white page, and dropping alpha
(Pillow's convert("RGB")) turns transparent areas into whatever colour the encoder left there,
often black.

Text is cleaned: whitespace runs (newlines, tabs) become one space, control characters are dropped,
so every field is one line; the csv module quotes commas and quotes.
"""

import argparse
import collections
import csv
import hashlib
import json
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "cc": "http://web.resource.org/cc/",
    "cc2": "http://creativecommons.org/ns#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
COLOR_TYPES = {0: "gray", 2: "rgb", 3: "palette", 4: "gray+alpha", 6: "rgba"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
COLUMNS = ["id", "title", "title_source", "artist", "keywords", "description", "category", "subcategory",
           "image", "svg", "width", "height", "color_type", "has_alpha", "bytes", "sha256", "duplicate_of", "problem"]
MAX_METADATA_BYTES = 4 << 20  # metadata comes first in these files; never parse more than this


def clean(text):
    if text is None:
        return ""
    text = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def png_header(path):
    """(width, height, color_type name, has_alpha, problem) from the chunks before IDAT."""
    try:
        with open(path, "rb") as f:
            if f.read(8) != PNG_SIGNATURE:
                return 0, 0, "", False, "not a PNG (bad signature)"
            width = height = 0
            ctype = None
            trns = False
            for _ in range(10000):
                head = f.read(8)
                if len(head) < 8:
                    return width, height, COLOR_TYPES.get(ctype, ""), False, "truncated PNG (no IDAT)"
                length, kind = struct.unpack(">I4s", head)
                if kind == b"IHDR":
                    data = f.read(length)
                    if length < 13 or len(data) < 13:
                        return 0, 0, "", False, "broken PNG header"
                    width, height, _depth, ctype = struct.unpack(">IIBB", data[:10])
                    f.seek(4, 1)
                    continue
                if kind == b"tRNS":
                    trns = True
                if kind in (b"IDAT", b"IEND"):
                    break
                f.seek(length + 4, 1)
            if ctype not in COLOR_TYPES or width == 0 or height == 0:
                return width, height, "", False, "broken PNG header"
            return width, height, COLOR_TYPES[ctype], ctype in (4, 6) or trns, ""
    except OSError as e:
        return 0, 0, "", False, "unreadable PNG (%s)" % e.strerror


def sha256(path):
    h = hashlib.sha256()
    n = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            n += len(chunk)
    return h.hexdigest(), n


def _find_work(metadata):
    for tag in ("cc:Work", "cc2:Work"):
        w = metadata.find(".//" + tag, NS)
        if w is not None:
            return w
    return None


def _pick_title(elements):
    best = None
    for e in elements:
        lang = (e.get(XML_LANG) or "").lower()
        text = clean("".join(e.itertext()))
        if not text:
            continue
        if lang in ("", "en") or lang.startswith("en-"):
            return text
        if best is None:
            best = text
    return best or ""


def svg_metadata(path):
    """dict(title, artist, keywords, description) and a problem string ("" when fine)."""
    empty = {"title": "", "artist": "", "keywords": "", "description": ""}
    if not os.path.exists(path):
        return empty, "no SVG"
    parser = ET.XMLPullParser(events=("end",))
    read = 0
    try:
        with open(path, "rb") as f:
            while read < MAX_METADATA_BYTES:
                chunk = f.read(64 << 10)
                if not chunk:
                    break
                read += len(chunk)
                parser.feed(chunk)
                for _event, el in parser.read_events():
                    if el.tag.endswith("}metadata") or el.tag == "metadata":
                        return _from_metadata(el), ""
    except ET.ParseError as e:
        return empty, "broken SVG XML (%s)" % e
    except OSError as e:
        return empty, "unreadable SVG (%s)" % e.strerror
    return empty, "SVG without metadata"


def _from_metadata(metadata):
    work = _find_work(metadata)
    if work is None:
        return {"title": "", "artist": "", "keywords": "", "description": ""}
    creator = work.find("dc:creator", NS)
    artist = ""
    if creator is not None:
        artist = _pick_title(creator.iter("{%s}title" % NS["dc"])) or clean("".join(creator.itertext()))
    keywords = [clean(li.text) for li in work.iterfind("dc:subject//rdf:li", NS)]
    subject = work.find("dc:subject", NS)
    if not keywords and subject is not None and clean(subject.text):
        keywords = [clean(k) for k in re.split(r"[,;]", subject.text)]
    return {
        "title": _pick_title(work.findall("dc:title", NS)),
        "artist": artist,
        "keywords": "; ".join(k for k in keywords if k),
        "description": _pick_title(work.findall("dc:description", NS)),
    }


def title_from_filename(stem):
    """'chemistry_flask_matthew__02' -> 'chemistry flask matthew'."""
    return clean(re.sub(r"[_\-\s]*\d+$", "", stem).replace("_", " ").replace("-", " "))


def build(root, max_megapixels):
    png_root = os.path.join(root, "png")
    svg_root = os.path.join(root, "svg")
    if not os.path.isdir(png_root):
        raise SystemExit("%s has no png/ directory; install the packages: apt-get install openclipart-png openclipart-svg" % root)
    paths = []
    for d, dirs, files in os.walk(png_root):
        dirs.sort()
        paths.extend(os.path.join(d, f) for f in files if f.lower().endswith(".png"))
    paths.sort()
    rows = []
    first_by_hash = {}
    for path in paths:
        rel = os.path.relpath(path, png_root)
        ident = rel[:-4].replace(os.sep, "/")
        parts = ident.split("/")
        problems = []
        width, height, ctype, alpha, problem = png_header(path)
        if problem:
            problems.append(problem)
        if width * height > max_megapixels * 1e6:
            problems.append("too large: %.0f megapixels, over %g, decode with a pixel limit" % (width * height / 1e6, max_megapixels))
        try:
            digest, size = sha256(path)
        except OSError as e:
            digest, size = "", 0
            problems.append("unreadable PNG (%s)" % e.strerror)
        svg = os.path.join(svg_root, rel[:-4] + ".svg")
        meta, problem = svg_metadata(svg)
        if problem:
            problems.append(problem)
        title, source = meta["title"], "svg"
        if not title:
            title, source = title_from_filename(parts[-1]), "filename"
        duplicate_of = ""
        if digest:
            duplicate_of = first_by_hash.setdefault(digest, ident)
            if duplicate_of == ident:
                duplicate_of = ""
        rows.append({
            "id": ident, "title": title, "title_source": source, "artist": meta["artist"], "keywords": meta["keywords"],
            "description": meta["description"], "category": parts[0] if len(parts) > 1 else "",
            "subcategory": parts[1] if len(parts) > 2 else "", "image": os.path.abspath(path),
            "svg": os.path.abspath(svg) if os.path.exists(svg) else "", "width": width, "height": height,
            "color_type": ctype, "has_alpha": int(alpha), "bytes": size, "sha256": digest,
            "duplicate_of": duplicate_of, "problem": "; ".join(problems),
        })
    return rows


def stats(rows, max_megapixels):
    by_id = {r["id"]: r for r in rows}
    groups = collections.defaultdict(list)
    for r in rows:
        groups[r["duplicate_of"] or r["id"]].append(r)
    multi = [g for g in groups.values() if len(g) > 1]
    copies = [r for r in rows if r["duplicate_of"]]
    cross = sum(1 for r in copies if r["category"] != by_id[r["duplicate_of"]]["category"])
    return {
        "rows": len(rows),
        "works (distinct PNG bytes)": len(groups),
        "categories": dict(sorted(collections.Counter(r["category"] for r in rows).items(), key=lambda kv: -kv[1])),
        "with svg title": sum(r["title_source"] == "svg" for r in rows),
        "title from file name": sum(r["title_source"] == "filename" for r in rows),
        "with artist": sum(bool(r["artist"]) for r in rows),
        "with keywords": sum(bool(r["keywords"]) for r in rows),
        "with description": sum(bool(r["description"]) for r in rows),
        "color types": dict(collections.Counter(r["color_type"] or "unknown" for r in rows)),
        "with alpha or tRNS": sum(r["has_alpha"] for r in rows),
        "over %g megapixels" % max_megapixels: sum(r["width"] * r["height"] > max_megapixels * 1e6 for r in rows),
        "largest (pixels)": max((r["width"] * r["height"] for r in rows), default=0),
        "duplicate groups": len(multi),
        "duplicate copies": len(copies),
        "copies in another top category": cross,
        "rows with a problem": sum(bool(r["problem"]) for r in rows),
        "problems": dict(collections.Counter(re.split(r"[:(]", p)[0].strip() for r in rows for p in r["problem"].split("; ") if p)),
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default="/usr/share/openclipart")
    ap.add_argument("--out", default="-", help="CSV file ('-': standard output)")
    ap.add_argument("--stats", help="also write the statistics as JSON to this file ('-': standard error)")
    ap.add_argument("--max-megapixels", type=float, default=40.0)
    a = ap.parse_args(argv)
    rows = build(a.root, a.max_megapixels)
    out = sys.stdout if a.out == "-" else open(a.out, "w", newline="", encoding="utf-8")
    try:
        w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    finally:
        if out is not sys.stdout:
            out.close()
    if a.stats:
        text = json.dumps(stats(rows, a.max_megapixels), indent=2, ensure_ascii=False)
        if a.stats == "-":
            print(text, file=sys.stderr)
        else:
            with open(a.stats, "w", encoding="utf-8") as f:
                f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
