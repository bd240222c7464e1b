"""Tests of catalogue.py on a small synthetic tree of the openclipart layout.

    cd tools/openclipart && python3 -m unittest -v test_catalogue
"""

import os
import struct
import tempfile
import unittest
import zlib

import catalogue


def png(width, height, color_type, trns=False):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    raw = b"".join(b"\0" + bytes(width * channels) for _ in range(height))
    out = catalogue.PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0))
    if color_type == 3:
        out += chunk(b"PLTE", bytes(3))
    if trns:
        out += chunk(b"tRNS", b"\0")
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def svg(title=None, creator=None, keywords=(), description=None, extra_titles=()):
    titles = "".join('<dc:title xml:lang="%s">%s</dc:title>' % t for t in extra_titles)
    if title is not None:
        titles += "<dc:title>%s</dc:title>" % title
    bag = "".join("<rdf:li>%s</rdf:li>" % k for k in keywords)
    return ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:cc="http://web.resource.org/cc/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><metadata><rdf:RDF>'
            '<cc:Work rdf:about="">%s%s<dc:subject><rdf:Bag>%s</rdf:Bag></dc:subject>%s'
            '<dc:publisher><cc:Agent><dc:title>Open Clip Art Library</dc:title></cc:Agent></dc:publisher></cc:Work>'
            '</rdf:RDF></metadata><rect width="1" height="1"/></svg>') % (
        titles,
        "" if description is None else "<dc:description>%s</dc:description>" % description,
        bag,
        "" if creator is None else "<dc:creator><cc:Agent><dc:title>%s</dc:title></cc:Agent></dc:creator>" % creator)


class CatalogueTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def put(self, rel, png_bytes=None, svg_text=None):
        if png_bytes is not None:
            p = os.path.join(self.root, "png", rel + ".png")
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(png_bytes)
        if svg_text is not None:
            p = os.path.join(self.root, "svg", rel + ".svg")
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as f:
                f.write(svg_text)

    def rows(self):
        return {r["id"]: r for r in catalogue.build(self.root, 40.0)}

    def test_metadata_labels_and_header_are_read(self):
        self.put("animals/bugs/ladybird_jo_01", png(30, 20, 6),
                 svg("Ladybird, red &amp; black", "Jo Smith", ["bug", "insect"], "A line\n\tdrawing"))
        r = self.rows()["animals/bugs/ladybird_jo_01"]
        self.assertEqual((r["title"], r["title_source"], r["artist"]), ("Ladybird, red & black", "svg", "Jo Smith"))
        self.assertEqual((r["keywords"], r["description"]), ("bug; insect", "A line drawing"))
        self.assertEqual((r["category"], r["subcategory"]), ("animals", "bugs"))
        self.assertEqual((r["width"], r["height"], r["color_type"], r["has_alpha"], r["problem"]), (30, 20, "rgba", 1, ""))

    def test_english_title_is_preferred_and_publisher_title_is_never_taken(self):
        self.put("food/pain_01", png(2, 2, 2), svg("Bread", extra_titles=[("fr", "Pain")]))
        self.put("food/apple_01", png(2, 2, 2), svg(None, "Ann"))
        rows = self.rows()
        self.assertEqual(rows["food/pain_01"]["title"], "Bread")
        self.assertEqual(rows["food/apple_01"]["title"], "apple")
        self.assertEqual(rows["food/apple_01"]["title_source"], "filename")
        self.assertEqual(rows["food/apple_01"]["artist"], "Ann")

    def test_identical_bytes_are_duplicates_of_the_first_id(self):
        b = png(4, 4, 3, trns=True)
        self.put("animals/frog_01", b, svg("Frog"))
        self.put("animals/amphibian/frog_01", b, svg("Frog"))
        self.put("nature/frog_01", b, svg("Frog"))
        self.put("nature/frog_02", png(5, 4, 3), svg("Another frog"))
        rows = self.rows()
        # the first in id order keeps the work; "animals/amphibian/..." sorts before "animals/frog_01"
        self.assertEqual(rows["animals/amphibian/frog_01"]["duplicate_of"], "")
        self.assertEqual(rows["animals/frog_01"]["duplicate_of"], "animals/amphibian/frog_01")
        self.assertEqual(rows["nature/frog_01"]["duplicate_of"], "animals/amphibian/frog_01")
        self.assertEqual(rows["nature/frog_02"]["duplicate_of"], "")
        self.assertEqual((rows["animals/frog_01"]["color_type"], rows["animals/frog_01"]["has_alpha"]), ("palette", 1))
        s = catalogue.stats(list(rows.values()), 40.0)
        self.assertEqual((s["works (distinct PNG bytes)"], s["duplicate groups"], s["duplicate copies"], s["copies in another top category"]), (2, 1, 2, 1))

    def test_bad_files_are_reported_rows_never_crashes(self):
        self.put("bad/not_png_01", b"GIF89a....", svg("Not a PNG"))
        self.put("bad/truncated_01", png(3, 3, 0)[:30], svg("Cut"))
        self.put("bad/broken_svg_01", png(3, 3, 0), "<svg><metadata><unclosed></svg>")
        self.put("bad/no_svg_01", png(3, 3, 4))
        self.put("bad/bomb_01", png(3, 3, 2), '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                 + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(8))
                 + ']><svg><metadata>&i;</metadata></svg>')
        self.put("bad/huge_01", png(1, 1, 2)[:16] + struct.pack(">II", 10000, 5000) + png(1, 1, 2)[24:], svg("Huge"))
        rows = self.rows()
        self.assertEqual(rows["bad/not_png_01"]["problem"], "not a PNG (bad signature)")
        self.assertIn("truncated PNG", rows["bad/truncated_01"]["problem"])
        self.assertIn("broken SVG XML", rows["bad/broken_svg_01"]["problem"])
        self.assertEqual(rows["bad/broken_svg_01"]["title"], "broken svg")
        self.assertEqual(rows["bad/no_svg_01"]["problem"], "no SVG")
        self.assertEqual(rows["bad/no_svg_01"]["svg"], "")
        self.assertIn("broken SVG XML", rows["bad/bomb_01"]["problem"])
        self.assertIn("too large: 50 megapixels", rows["bad/huge_01"]["problem"])
        s = catalogue.stats(list(rows.values()), 40.0)
        self.assertEqual(s["rows with a problem"], 6)

    def test_csv_fields_are_one_line_and_hostile_text_is_quoted(self):
        self.put("x/evil_01", png(2, 2, 2), svg('a,"b"\n=cmd|x', "Eve\u2028Smith", ["k1,k2", "k3"]))
        out = os.path.join(self.root, "cat.csv")
        catalogue.main(["--root", self.root, "--out", out])
        import csv
        with open(out, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["title"], 'a,"b" =cmd|x')
        self.assertEqual(rows[0]["artist"], "Eve Smith")
        self.assertEqual(catalogue.clean("a\x07b\u200b c\r\n"), "a b c")
        self.assertEqual(rows[0]["keywords"], "k1,k2; k3")

    def test_a_root_without_png_directory_says_what_to_install(self):
        with self.assertRaises(SystemExit) as ctx:
            catalogue.build(os.path.join(self.root, "nothing"), 40.0)
        self.assertIn("apt-get install openclipart-png openclipart-svg", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
