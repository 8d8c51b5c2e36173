#!/usr/bin/env python3
"""Remake the Word fixtures of `tests/testsuite/word.rs` from the seed.

Needs LibreOffice (`apt-get install libreoffice-writer-nogui`) and pandoc
(`pip install pypandoc_binary`); the tests need neither, they read the files
this script wrote and that are committed beside it:

- plan-2022.pandoc.docx  pandoc 3.9 from Markdown: the title as Word's Title
  style, focus areas as Heading 1, the CPH action with a hard line break.
- plan-2022.lo.docx, plan-2022.lo.odt  LibreOffice 7.4 from a flat ODF file:
  the title as Heading 1, focus areas as Heading 2, the CPH action with a
  line break (Shift+Enter).
- features.lo.docx, features.lo.odt  LibreOffice from `features.fodt`
  (written by hand): bold, italic, a link, a tracked insertion and deletion,
  a comment, a page-number field, a table, a text box, a footnote, a
  Heading 3.

Run from the repository root: python3 tests/word/make.py
"""
import html
import pathlib
import subprocess
import tempfile

import pypandoc

HERE = pathlib.Path(__file__).parent
SEED = HERE.parent.parent / "seeds" / "handlingsplan-2022.txt"


def seed():
    """The seed as (title, intro paragraphs, [(area, [actions])])."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    title, rest = lines[0].strip(), lines[1:]
    intro, areas = [], []
    for i, line in enumerate(rest):
        t = line.strip()
        if not t or t == "0":
            continue
        if t.startswith("•"):
            areas[-1][1].append(t[1:].strip())
        elif line.startswith("  ") and areas and areas[-1][1]:
            # The seed's CPH action goes on, after a line break, on this line.
            areas[-1][1][-1] += "\n" + t
        elif any(n.strip().startswith("•") for n in rest[i + 1 : i + 3]):
            areas.append((t, []))
        else:
            intro.append(t)
    return title, intro, areas


def pandoc_docx(title, intro, areas):
    md = [f"---\ntitle: \"{title}\"\n---\n"]
    md += [p + "\n" for p in intro]
    for area, actions in areas:
        md.append(f"# {area}\n")
        md.append("".join("- " + a.replace("\n", "\\\n  ") + "\n" for a in actions))
    out = HERE / "plan-2022.pandoc.docx"
    pypandoc.convert_text("\n".join(md), "docx", format="markdown", outputfile=str(out))


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"/>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter"/>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="1" style:class="text"/>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="2" style:class="text"/>
  <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="3" style:class="text"/>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <text:list-style style:name="L1">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
   <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/>
  </text:list-style>
 </office:automatic-styles>
 <office:body><office:text>
{tracked}
{body}
 </office:text></office:body>
</office:document>
"""


def h(level, text):
    return f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{text}</text:h>'


def p(text):
    return f'<text:p text:style-name="Text_20_body">{text}</text:p>'


def items(texts):
    inner = "".join(f"<text:list-item><text:p>{t}</text:p></text:list-item>" for t in texts)
    return f'<text:list text:style-name="L1">{inner}</text:list>'


def lo(fodt_text, stem):
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / f"{stem}.fodt"
        src.write_text(fodt_text, encoding="utf-8")
        for fmt, ext in (("docx:MS Word 2007 XML", "docx"), ("odt", "odt")):
            subprocess.run(
                ["soffice", "--headless", "--convert-to", fmt, "--outdir", tmp, str(src)],
                check=True,
                capture_output=True,
            )
            (HERE / f"{stem}.lo.{ext}").write_bytes((pathlib.Path(tmp) / f"{stem}.{ext}").read_bytes())


def lo_plan(title, intro, areas):
    e = html.escape
    body = [h(1, e(title))] + [p(e(t)) for t in intro]
    for area, actions in areas:
        body.append(h(2, e(area)))
        body.append(items([e(a).replace("\n", "<text:line-break/>") for a in actions]))
    lo(FODT.replace("{tracked}", "").replace("{body}", "\n".join(body)), "plan-2022")


def lo_features():
    tracked = """<text:tracked-changes>
 <text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>Anna</dc:creator><dc:date>2022-01-10T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
 <text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>Anna</dc:creator><dc:date>2022-01-10T10:01:00</dc:date></office:change-info><text:p>gammal text </text:p></text:deletion></text:changed-region>
</text:tracked-changes>"""
    body = [
        f'<text:p text:style-name="Title">Plan med allt</text:p>',
        p('Inledning med <text:span text:style-name="T1">fetstil</text:span>, '
          '<text:span text:style-name="T2">kursiv</text:span> och en '
          '<text:a xlink:type="simple" xlink:href="https://example.org/plan">länk</text:a>.'
          '<office:annotation><dc:creator>Bo</dc:creator><text:p>Ska vi ha med detta?</text:p></office:annotation>'),
        h(1, "Första området"),
        p('Sida <text:page-number text:select-page="current">1</text:page-number> av planen.'),
        items([
            'Åtgärd med <text:change-start text:change-id="ct1"/>ny <text:change-end text:change-id="ct1"/>'
            '<text:change text:change-id="ct2"/>text',
            'Åtgärd med fotnot<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            '<text:note-body><text:p>Fotnotens text.</text:p></text:note-body></text:note>',
        ]),
        h(3, "En underrubrik"),
        '<table:table table:name="Mål"><table:table-column table:number-columns-repeated="2"/>'
        '<table:table-row><table:table-cell><text:p>Mål</text:p></table:table-cell>'
        '<table:table-cell><text:p>Indikator</text:p></table:table-cell></table:table-row></table:table>',
        h(1, "Andra området"),
        p('<draw:frame draw:name="Ruta" text:anchor-type="as-char" svg:width="4cm" svg:height="1cm">'
          '<draw:text-box><text:p>Text i en textruta</text:p></draw:text-box></draw:frame>'),
        items(["Sista åtgärden"]),
    ]
    lo(FODT.replace("{tracked}", tracked).replace("{body}", "\n".join(body)), "features")


if __name__ == "__main__":
    plan = seed()
    assert len(plan[2]) == 10 and sum(len(a) for _, a in plan[2]) == 30, plan
    pandoc_docx(*plan)
    lo_plan(*plan)
    lo_features()
