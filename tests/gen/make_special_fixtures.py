#!/usr/bin/python3
"""Writes the hand-made reader fixtures into the folder given (default tests/data).

  /usr/bin/python3 tests/gen/make_special_fixtures.py tests/data

These are the traps real files hold that no writer library produces on purpose: OOXML parts
written by hand (Strict namespaces, absolute part names, prefixed elements, lower-case
references, mc:AlternateContent, errors, ISO dates, formulas without cached values), ODS
with huge repeat counts, spans and covered cells, CSV in the encodings units really send,
and malformed or hostile files (truncated, empty, zip bombs, an entity bomb). Zip entries
carry a fixed date so the output is reproducible.
"""
import os
import struct
import sys
import zipfile
import zlib

FIXED_DATE = (2025, 12, 3, 0, 0, 0)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def write_zip(path, parts, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = method
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def content_types(strict=False, extra=""):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + extra + '</Types>')


def root_rels(target="xl/workbook.xml", strict=False):
    t = ("http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" if strict
         else REL + "/officeDocument")
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%s" Target="%s"/></Relationships>' % (PKG_REL, t, target))


def traps_xlsx(out):
    """Transitional OOXML with the traps of the corpus README."""
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<x:workbook xmlns:x="%s" xmlns:r="%s" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15">'
        '<x:workbookPr/>'
        '<mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac" url="C:\\"/></mc:Choice></mc:AlternateContent>'
        '<x:sheets>'
        '<x:sheet name="Dữ liệu" sheetId="7" r:id="rId2"/>'
        '<x:sheet name="Biểu đồ" sheetId="1" r:id="rId9"/>'
        '<x:sheet name="Ẩn" sheetId="3" state="hidden" r:id="rId1"/>'
        '<x:sheet name="Rất ẩn" sheetId="2" state="veryHidden" r:id="rId3"/>'
        '</x:sheets></x:workbook>' % (MAIN, REL))
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
        '<Relationship Id="rId1" Type="%s/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="%s/worksheet" Target="worksheets/sheet2.xml"/>'
        '<Relationship Id="rId3" Type="%s/worksheet" Target="worksheets/../worksheets/sheet3.xml"/>'
        '<Relationship Id="rId9" Type="%s/chartsheet" Target="chartsheets/sheet1.xml"/>'
        '<Relationship Id="rId5" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId6" Type="%s/styles" Target="styles.xml"/>'
        '<Relationship Id="rId7" Type="%s/hyperlink" Target="http://example.invalid/" TargetMode="External"/>'
        '</Relationships>' % ((PKG_REL,) + (REL,) * 7))
    sst = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s" count="5" uniqueCount="5">'
        '<si><t>Chỉ tiêu</t></si>'
        '<si/>'
        '<si><r><rPr><b/></rPr><t xml:space="preserve">Tỷ lệ </t></r><r><t>hộ nghèo</t></r>'
        '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
        '<si><t>dòng_x000D_hai</t></si>'
        '<si><t>Đạt</t></si>'
        '</sst>' % MAIN)
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="%s">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%%"/>'
        '<numFmt numFmtId="165" formatCode="[$-42A]dd/mm/yyyy"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><sz val="12"/><name val=".VnTime"/></font></fonts>'
        '<fills count="1"><fill/></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>'
        '<cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0"/>'
        '<xf numFmtId="165" fontId="0"/><xf numFmtId="0" fontId="1"/></cellXfs>'
        '<dxfs count="1"><dxf><font><name val="NotACellFont"/></font></dxf></dxfs>'
        '</styleSheet>' % MAIN)
    # The first sheet in tab order is sheet2.xml: lower-case refs, prefixed elements,
    # rows and cells without r, every value type.
    sheet2 = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<x:worksheet xmlns:x="%s" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<x:sheetData>'
        '<x:row r="1"><x:c r="a1" t="s"><x:v>0</x:v></x:c><x:c r="b1" t="s"><x:v>2</x:v></x:c>'
        '<x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>'
        '<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" s="1"><x:v>0.978</x:v></x:c>'
        '<x:c r="C2" t="inlineStr"><x:is><x:r><x:t>Trong </x:t></x:r><x:r><x:t>đó</x:t></x:r>'
        '<x:rPh><x:t>X</x:t></x:rPh></x:is></x:c>'
        '<x:c r="D2" t="str"><x:v>chuỗi không công thức</x:v></x:c>'
        '<x:c r="E2" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>'
        '<x:c r="F2" t="d"><x:v>2026-12-03T08:30:00</x:v></x:c>'
        '<x:c r="G2" t="b"><x:f>1&gt;0</x:f><x:v>1</x:v></x:c>'
        '<x:c r="H2"><x:f>SUM(A2:A3)</x:f></x:c>'
        '<x:c r="I2" s="2"><x:v>46359</x:v></x:c>'
        '<x:c r="J2" s="3" t="s"><x:v>3</x:v></x:c></x:row>'
        '<x:row><x:c><x:v>2</x:v></x:c><x:c><x:f t="shared" ref="B3:B4" si="0">A3*2</x:f><x:v>4</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="A4"><x:v>3</x:v></x:c><x:c r="B4"><x:f t="shared" si="0"/><x:v>6</x:v></x:c>'
        '<x:c r="C4" s="1"/><x:c r="D4" t="s"><x:v>4</x:v></x:c></x:row>'
        '<mc:AlternateContent><mc:Choice Requires="x14"><x:row r="9"><x:c r="A9"><x:v>999</x:v></x:c></x:row></mc:Choice>'
        '<mc:Fallback><x:row r="5"><x:c r="A5"><x:v>5</x:v></x:c></x:row></mc:Fallback></mc:AlternateContent>'
        '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="C1:D1"/></x:mergeCells></x:worksheet>'
        % MAIN)
    sheet1 = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>'
              '<row r="1"><c r="A1" t="inlineStr"><is><t>trang ẩn</t></is></c></row>'
              '</sheetData></worksheet>' % MAIN)
    sheet3 = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>'
              '<row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>' % MAIN)
    chart = '<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="%s"/>' % MAIN
    write_zip(out, [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels("/xl/workbook.xml")),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", wb_rels),
        ("xl/sharedStrings.xml", sst),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet1),
        ("xl/worksheets/sheet2.xml", sheet2),
        ("xl/worksheets/sheet3.xml", sheet3),
        ("xl/chartsheets/sheet1.xml", chart),
    ])


def strict_xlsx(out):
    """Strict OOXML namespaces and the 1904 date system."""
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s">'
                '<workbookPr date1904="1"/><sheets><sheet name="Strict" sheetId="1" r:id="rId1"/></sheets>'
                '</workbook>' % (STRICT_MAIN, STRICT_REL))
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%s/styles" Target="styles.xml"/>'
            '</Relationships>' % (PKG_REL, STRICT_REL, STRICT_REL))
    styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="%s">'
              '<fonts count="1"><font><name val="Arial"/></font></fonts>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0"/></cellXfs>'
              '</styleSheet>' % STRICT_MAIN)
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>Ngày nhận</t></is></c>'
             '<c r="B1" s="1"><v>44896</v></c><c r="C1"><v>12.5</v></c></row>'
             '</sheetData></worksheet>' % STRICT_MAIN)
    write_zip(out, [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels(strict=True)),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet),
    ])


def minimal_parts(sheet_xml, sst_xml=None):
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s">'
          '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (MAIN, REL))
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>' % (PKG_REL, REL, REL))
    parts = [("[Content_Types].xml", content_types()), ("_rels/.rels", root_rels()),
             ("xl/workbook.xml", wb), ("xl/_rels/workbook.xml.rels", rels)]
    if sst_xml is not None:
        parts.append(("xl/sharedStrings.xml", sst_xml))
    parts.append(("xl/worksheets/sheet1.xml", sheet_xml))
    return parts


def inline_with_value_xlsx(out):
    """Inline-string cells that also carry a <v> element (written by some exporters): Excel
    shows the inline string, whichever comes first."""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>1.</t></is><v>1.0</v></c>'
             '<c r="B1" t="inlineStr"><v>2.0</v><is><r><t>Tỷ lệ </t></r><r><t>hộ nghèo</t></r></is></c>'
             '<c r="C1" t="inlineStr"><v>chỉ v</v></c></row>'
             '</sheetData></worksheet>' % MAIN)
    write_zip(out, minimal_parts(sheet))


def pdf_renamed(out):
    """A signed report printed to PDF and renamed .xlsx: small, uncompressed, all text."""
    body = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R >> endobj\n"
            "4 0 obj << /Length 44 >> stream\nBT /F1 12 Tf 72 500 Td (Bao cao, 2026) Tj ET\nendstream endobj\n"
            "trailer << /Root 1 0 R >>\n%%EOF\n")
    with open(out, "wb") as f:
        f.write(body.encode("ascii"))


def html_without_table(out):
    with open(out, "wb") as f:
        f.write(b"<!DOCTYPE html><html><head><title>Dang nhap</title></head>"
                b"<body><p>Phien dang nhap da het han.</p></body></html>\n")


def entity_bomb_xlsx(out):
    lol = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        lol.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10))
    sst = ('<?xml version="1.0"?><!DOCTYPE sst [%s]><sst xmlns="%s"><si><t>&lol9;</t></si></sst>'
           % ("".join(lol), MAIN))
    sheet = ('<?xml version="1.0"?><worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
             '</row></sheetData></worksheet>' % MAIN)
    write_zip(out, minimal_parts(sheet, sst))


def zip_bomb_xlsx(out, lie_about_size):
    """A sheet part of 1 GiB of repeated rows that deflates to about 1 MiB. With
    lie_about_size the local and central headers claim 1 MiB uncompressed."""
    head = ('<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>' % MAIN).encode()
    row = b'<row><c><v>1</v></c></row>'
    total = 1 << 30
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = zlib.crc32(head)
    chunks = [comp.compress(head)]
    block = row * (1 << 16)
    written = len(head)
    while written + len(block) <= total:
        chunks.append(comp.compress(block))
        crc = zlib.crc32(block, crc)
        written += len(block)
    chunks.append(comp.flush())
    data = b"".join(chunks)
    parts = minimal_parts("")
    # Write every other part normally, then append the bomb by hand.
    tmp = out + ".tmp"
    write_zip(tmp, parts[:-1])
    with open(tmp, "rb") as f:
        base = f.read()
    os.remove(tmp)
    # Split the small archive into local entries and central directory.
    eocd = base.rfind(b"PK\x05\x06")
    cd_size, cd_off = struct.unpack("<II", base[eocd + 12:eocd + 20])
    entries, central = base[:cd_off], base[cd_off:cd_off + cd_size]
    count = struct.unpack("<H", base[eocd + 10:eocd + 12])[0]
    name = b"xl/worksheets/sheet1.xml"
    size = (1 << 20) if lie_about_size else written
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5B83, crc & 0xFFFFFFFF,
                        len(data), size, len(name), 0) + name
    offset = len(entries)
    cdh = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5B83, crc & 0xFFFFFFFF,
                      len(data), size, len(name), 0, 0, 0, 0, 0, offset) + name
    body = entries + local + data
    central = central + cdh
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1, len(central), len(body), 0)
    with open(out, "wb") as f:
        f.write(body + central + end)


def ods(out, content, styles=None, manifest_extra=""):
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">%s</manifest:file-entry>'
                '</manifest:manifest>' % manifest_extra)
    parts = [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
             ("META-INF/manifest.xml", manifest), ("content.xml", content)]
    if styles:
        parts.append(("styles.xml", styles))
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
          'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"')


def traps_ods(out):
    styles = ('<?xml version="1.0" encoding="UTF-8"?><office:document-styles %s office:version="1.2">'
              '<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;"/>'
              '<style:font-face style:name="VnTime" svg:font-family=".VnTime"/></office:font-face-decls>'
              '<office:styles><style:default-style style:family="table-cell">'
              '<style:text-properties style:font-name="Liberation Sans"/></style:default-style>'
              '<style:style style:name="Default" style:family="table-cell"/></office:styles>'
              '</office:document-styles>' % ODS_NS)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content %s office:version="1.2">'
        '<office:automatic-styles>'
        '<number:percentage-style style:name="N11"><number:number number:decimal-places="1"/><number:text>%%</number:text></number:percentage-style>'
        '<number:date-style style:name="N37"><number:day/><number:text>/</number:text><number:month/></number:date-style>'
        '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
        '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N11"/>'
        '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default">'
        '<style:text-properties style:font-name="VnTime"/></style:style>'
        '<style:style style:name="ce3" style:family="table-cell" style:data-style-name="N37"/>'
        '</office:automatic-styles><office:body><office:spreadsheet>'
        '<table:table table:name="Biểu 01" table:style-name="ta1">'
        '<table:table-column table:number-columns-repeated="16384"/>'
        '<table:table-row>'
        '<table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="2" office:value-type="string"><text:p>BÁO CÁO</text:p></table:table-cell>'
        '<table:covered-table-cell table:number-columns-repeated="2"/>'
        '<table:table-cell table:number-columns-repeated="1000000000"/>'
        '</table:table-row>'
        '<table:table-row><table:covered-table-cell table:number-columns-repeated="3"/>'
        '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"/></table:table-row>'
        '<table:table-row>'
        '<table:table-cell office:value-type="percentage" office:value="0.978" table:style-name="ce1"><text:p>97,8%%</text:p></table:table-cell>'
        '<table:table-cell office:value-type="date" office:date-value="2026-12-03" table:style-name="ce3"><text:p>03/12</text:p></table:table-cell>'
        '<table:table-cell office:value-type="time" office:time-value="PT08H30M00S"><text:p>08:30</text:p></table:table-cell>'
        '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=[.A1]*2"/>'
        '<table:table-cell table:style-name="ce2" office:value-type="string"><office:annotation><text:p>ghi chú ẩn</text:p></office:annotation>'
        '<text:p>Hai<text:s text:c="2"/>khoảng</text:p><text:p>dòng hai</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=SUM([.A2:.C2])" office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>'
        '</table:table-row>'
        '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        '</table:table>'
        '<table:table table:name="Ẩn" table:style-name="ta2"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>'
        '</office:spreadsheet></office:body></office:document-content>' % ODS_NS)
    ods(out, content, styles)


def repeat_bomb_ods(out):
    """A non-empty cell repeated a billion times across a million rows: the cell budget
    must stop it, quickly."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s><office:body><office:spreadsheet>'
               '<table:table table:name="T"><table:table-row table:number-rows-repeated="1048576">'
               '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000000000"/>'
               '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>' % ODS_NS)
    ods(out, content)


def encrypted_ods(out):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s/>' % ODS_NS)
    ods(out, content, manifest_extra=(
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
        '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="AAAA"/>'
        '</manifest:encryption-data>'))


CSV_ROWS = [
    ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Ghi chú"],
    ["1", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "97,5", "97,8", ""],
    ["2", "Thu nhập bình quân đầu người", "triệu đồng", "120", "125.5", "ước, \"tạm tính\""],
    ["3", "Số trường đạt chuẩn quốc gia", "Trường", "007", "5", "dòng 1\ndòng 2"],
]


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text):
    """Windows-1258 as Vietnamese Windows writes it: base letters (with circumflex, breve,
    horn precomposed) followed by a combining tone mark."""
    import unicodedata
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONE_MARKS))
        tones = "".join(c for c in d if c in TONE_MARKS)
        out += (base + tones).encode("cp1258")
    return bytes(out)


def csv_text(rows, delim):
    def field(v):
        if any(ch in v for ch in (delim, '"', "\n")):
            return '"' + v.replace('"', '""') + '"'
        return v
    return "\r\n".join(delim.join(field(v) for v in r) for r in rows) + "\r\n"


def spreadsheetml_2003(out):
    """Excel 2003's XML Spreadsheet, often saved with an .xls name."""
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
           '<Worksheet ss:Name="Biểu 01"><Table>'
           '<Row><Cell><Data ss:Type="String">Chỉ tiêu</Data></Cell><Cell><Data ss:Type="String">Thực hiện</Data></Cell></Row>'
           '<Row><Cell><Data ss:Type="String">Tỷ lệ hộ nghèo</Data></Cell><Cell><Data ss:Type="Number">0.42</Data></Cell></Row>'
           '</Table></Worksheet></Workbook>\n')
    with open(out, "wb") as f:
        f.write(xml.encode("utf-8"))


def formula_report_xlsx(out, recalc_on_load):
    """A unit's report written by a script: every figure a formula, none with a trusted result.

    recalc_on_load: the results are the placeholder 0 and calcPr says fullCalcOnLoad (what
    openpyxl and many exporters write); otherwise the formulas carry no <v> at all. Formulas
    as units write them: a rate, a cross-sheet rate, AVERAGE, ROUND (one a shared formula),
    IF giving a status, and a COUNTIF the engine cannot compute."""
    def text(ref, t, s=0):
        return '<c r="%s" t="inlineStr"%s><is><t>%s</t></is></c>' % (ref, ' s="%d"' % s if s else "", t)

    def num(ref, v):
        return '<c r="%s"><v>%s</v></c>' % (ref, v)

    def formula(ref, f, s=1, t=None, shared=None):
        attrs = (' t="%s"' % t) if t else ""
        ftag = ('<f t="shared" ref="%s" si="0">%s</f>' % (shared, f) if shared and f else
                '<f t="shared" si="0"/>' if shared else '<f>%s</f>' % f)
        v = ('<v>%s</v>' % ("" if t == "str" else "0")) if recalc_on_load else ""
        return '<c r="%s" s="%d"%s>%s%s</c>' % (ref, s, attrs, ftag, v)

    rows = [
        (1, [text("A1", "UBND PHƯỜNG AN DƯƠNG")]),
        (2, [text("A2", "PHÒNG VĂN HÓA - XÃ HỘI")]),
        (4, [text("A4", "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026")]),
        (6, [text("A6", "STT"), text("B6", "Chỉ tiêu"), text("C6", "ĐVT"), text("D6", "Kế hoạch 2026"),
             text("E6", "Thực hiện 2026"), text("F6", "Ghi chú")]),
        (7, [num("A7", 5), text("B7", "Hộ nghèo theo chuẩn nghèo đa chiều quốc gia"), text("C7", "%"),
             text("D7", "Giảm hàng năm"), formula("E7", "'Số liệu'!B2/'Số liệu'!C2")]),
        (8, [num("A8", 6), text("B8", "Tỷ lệ người dân tham gia bảo hiểm y tế"), text("C8", "%"),
             text("D8", "Trên 97,5"), formula("E8", "H8/I8"), num("H8", 48900), num("I8", 50000)]),
        (9, [num("A9", 7), text("B9", "Duy trì Trạm y tế đạt chuẩn quốc gia"), text("C9", "Chuẩn"),
             text("D9", "Duy trì"), text("E9", "Duy trì")]),
        (10, [num("A10", 8), text("B10", "Trường công lập đạt chuẩn quốc gia mức độ 1"), text("C10", "%"),
              text("D10", "100"), formula("E10", "AVERAGE(H10:I10)"), num("H10", 1), num("I10", 1)]),
        (11, [text("B11", "+ Trường công lập đạt chuẩn quốc gia mức độ 2"), text("C11", "%"),
              text("D11", "76"), formula("E11", "COUNTIF(H11:I11,\"&gt;0\")/2"), num("H11", 1), num("I11", 0)]),
        (12, [num("A12", 9), text("B12", "Tỷ lệ gia đình văn hóa"), text("C12", "%"), text("D12", "Trên 90"),
              formula("E12", "ROUND(H12/I12,3)", shared="E12:E13"), num("H12", 4378), num("I12", 4800)]),
        (13, [text("B13", "+ Tỷ lệ Tổ dân phố văn hóa"), text("C13", "%"), text("D13", "Trên 85"),
              formula("E13", "", shared="E12:E13"), num("H13", 43), num("I13", 50)]),
        (14, [num("A14", 10), text("B14", "Phường đạt chuẩn đô thị văn minh"), text("C14", "Danh hiệu"),
              text("D14", "Đạt"), formula("E14", "IF(H14&gt;=I14,\"Đạt\",\"Không đạt\")", s=0, t="str"),
              num("H14", 5), num("I14", 5)]),
    ]
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>' % MAIN +
             "".join('<row r="%d">%s</row>' % (r, "".join(cells)) for r, cells in rows) +
             '</sheetData></worksheet>')
    data = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>'
            '<row r="1">%s%s%s</row><row r="2">%s%s%s</row></sheetData></worksheet>'
            % (MAIN, text("A1", "Chỉ tiêu"), text("B1", "Số hộ nghèo"), text("C1", "Tổng số hộ"),
               text("A2", "Hộ nghèo"), num("B2", 21), num("C2", 5000)))
    calc = '<calcPr calcId="124519" fullCalcOnLoad="1"/>' if recalc_on_load else ""
    workbook = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s"><sheets>'
                '<sheet name="Biểu 01" sheetId="1" r:id="rId1"/><sheet name="Số liệu" sheetId="2" r:id="rId2"/>'
                '</sheets>%s</workbook>' % (MAIN, REL, calc))
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%s/worksheet" Target="worksheets/sheet2.xml"/>'
            '<Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/>'
            '</Relationships>' % (PKG_REL, REL, REL, REL))
    styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="%s">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%%"/></numFmts>'
              '<fonts count="1"><font><name val="Times New Roman"/></font></fonts>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0"/></cellXfs>'
              '</styleSheet>' % MAIN)
    write_zip(out, [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/worksheets/sheet2.xml", data),
    ])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)
    traps_xlsx(p("traps.xlsx"))
    strict_xlsx(p("strict_1904.xlsx"))
    formula_report_xlsx(p("formula_recalc_on_load.xlsx"), recalc_on_load=True)
    formula_report_xlsx(p("formula_no_results.xlsx"), recalc_on_load=False)
    entity_bomb_xlsx(p("bad_entity_bomb.xlsx"))
    inline_with_value_xlsx(p("inline_with_value.xlsx"))
    pdf_renamed(p("bad_pdf_renamed.xlsx"))
    html_without_table(p("bad_html_no_table.xls"))
    zip_bomb_xlsx(p("bad_zip_bomb.xlsx"), lie_about_size=False)
    zip_bomb_xlsx(p("bad_zip_bomb_lying.xlsx"), lie_about_size=True)
    traps_ods(p("traps.ods"))
    spreadsheetml_2003(p("spreadsheetml_2003.xls"))
    repeat_bomb_ods(p("bad_repeat_bomb.ods"))
    encrypted_ods(p("bad_encrypted.ods"))
    with open(p("traps.xlsx"), "rb") as f:
        whole = f.read()
    with open(p("bad_truncated.xlsx"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    with open(p("bad_empty.xlsx"), "wb"):
        pass
    with open(p("bad_not_a_spreadsheet.xlsx"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with open(p("csv_utf8_bom.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + csv_text(CSV_ROWS, ",").encode("utf-8"))
    with open(p("csv_semicolon.csv"), "wb") as f:
        f.write(csv_text(CSV_ROWS, ";").encode("utf-8"))
    with open(p("csv_unicode_text.txt"), "wb") as f:
        f.write(b"\xff\xfe" + csv_text(CSV_ROWS, "\t").encode("utf-16-le"))
    with open(p("csv_cp1258.csv"), "wb") as f:
        f.write(to_cp1258(csv_text(CSV_ROWS, ",")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
