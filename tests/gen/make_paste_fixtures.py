#!/usr/bin/python3
"""Writes plan and report workbooks as office staff really make them into the folder given
(default tests/data):

  /usr/bin/python3 tests/gen/make_paste_fixtures.py tests/data

One small plan (indicators and tasks of a commune, in the annex layout of the samples) is
written once as typed (paste_clean.xlsx) and again as the ways of making it damage it:
  paste_word.xlsx    the annex pasted out of Word: a cell of two paragraphs becomes two
                     rows with the other cells merged down (names, agencies, leaders)
  paste_pdf.xlsx     a PDF converter's output: each wrapped line of a name or an agency on its
                     own row with no merge, a lone page number and a running title
                     ("PHỤ LỤC II (tiếp theo)") with the header repeated, then "Nơi nhận"
                     and the signature block under the table
  paste_excel.xlsx   Excel's own damage: an STT turned into a date ("2.1" -> 2 January), an
                     STT glued to its name ("3. Tỷ lệ ..."), no-break spaces, a soft hyphen
                     inside "2030", zero-width spaces, a "(Kèm theo ...)" line above the
                     title, "Thời gian" merged over "Triển khai | Hoàn thành", "Nguồn lực
                     thực hiện", "Các thôn" among the coordinating agencies, and a target
                     whose "≥" became "?" and a numbered row whose name was lost (the two
                     defects that must be reported)
The tests compare every variant with the clean plan (tests/unit/plan_paste_test.cpp).

It also writes a unit's report that reuses last year's workbook (report_hidden.xlsx): a
hidden first sheet "Năm 2025", and on the visible sheet "Năm 2026" hidden rows holding last
year's figures above this year's and a hidden column of old figures. LibreOffice's .ods and
.xls of it are made by make_libreoffice_fixtures.sh.

Standard library only; zip entries carry a fixed date so the output is reproducible.
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

FIXED_DATE = (2026, 3, 25, 0, 0, 0)
NBSP, SHY, ZWSP = "\u00a0", "\u00ad", "\u200b"


def code_value(v):
    """An STT as typed: a whole number is a number cell, "2.1" stays text."""
    return int(v) if isinstance(v, str) and v.isdigit() else v


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


class Sheet:
    def __init__(self, name, state=None):
        self.name, self.state = name, state
        self.cells = {}  # (row, col) -> str | int | float | ("date", serial)
        self.merges = []
        self.hidden_rows, self.hidden_cols = set(), set()

    def put(self, row, col, value):
        if value is not None and value != "":
            self.cells[(row, col)] = value

    def merge(self, r0, c0, r1, c1):
        self.merges.append((r0, c0, r1, c1))

    def xml(self):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
        if self.hidden_cols:
            out.append("<cols>")
            for c in sorted(self.hidden_cols):
                out.append('<col min="%d" max="%d" width="9" hidden="1" customWidth="1"/>' % (c + 1, c + 1))
            out.append("</cols>")
        out.append("<sheetData>")
        rows = sorted({r for r, _ in self.cells} | self.hidden_rows)
        for r in rows:
            attrs = ' hidden="1"' if r in self.hidden_rows else ""
            out.append('<row r="%d"%s>' % (r + 1, attrs))
            for (rr, c), v in sorted(self.cells.items()):
                if rr != r:
                    continue
                ref = col_name(c) + str(r + 1)
                if isinstance(v, tuple):  # a date: a serial with a date style
                    out.append('<c r="%s" s="1"><v>%s</v></c>' % (ref, v[1]))
                elif isinstance(v, (int, float)):
                    out.append('<c r="%s"><v>%s</v></c>' % (ref, v))
                else:
                    out.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>'
                               % (ref, escape(v)))
            out.append("</row>")
        out.append("</sheetData>")
        if self.merges:
            out.append('<mergeCells count="%d">' % len(self.merges))
            for r0, c0, r1, c1 in self.merges:
                out.append('<mergeCell ref="%s%d:%s%d"/>' % (col_name(c0), r0 + 1, col_name(c1), r1 + 1))
            out.append("</mergeCells>")
        out.append("</worksheet>")
        return "".join(out)


def write_xlsx(path, sheets):
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>']
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>']
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    parts = []
    for i, s in enumerate(sheets, 1):
        ct.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/'
                  'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % i)
        state = ' state="%s"' % s.state if s.state else ""
        wb.append('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (escape(s.name), i, state, i))
        rels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i, i))
        parts.append(("xl/worksheets/sheet%d.xml" % i, s.xml()))
    n = len(sheets) + 1
    rels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/styles" Target="styles.xml"/></Relationships>' % n)
    ct.append("</Types>")
    wb.append("</sheets></workbook>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="12"/><name val="Times New Roman"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/></cellXfs>'
              '</styleSheet>')
    root = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    all_parts = [("[Content_Types].xml", "".join(ct)), ("_rels/.rels", root), ("xl/workbook.xml", "".join(wb)),
                 ("xl/_rels/workbook.xml.rels", "".join(rels)), ("xl/styles.xml", styles)] + parts
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in all_parts:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


# The plan: (code, name, unit of measure, by 2030, yearly, leader, responsible unit); a code
# of None is a sub-indicator.
GROUPS = [
    ("I. NHÓM CHỈ TIÊU VỀ KINH TẾ", [
        ("1", "Tốc độ tăng trưởng giá trị sản xuất", "%", "", "12 - 13", "Phó Chủ tịch UBND xã phụ trách kinh tế",
         "Phòng Kinh tế"),
        ("2", "Tỷ lệ giải ngân vốn đầu tư công của xã", "%", "Tối thiểu 95", "≥ 95", "Chủ tịch UBND xã",
         "Phòng Kinh tế"),
    ]),
    ("II. NHÓM CHỈ TIÊU XÃ HỘI", [
        ("3", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "Trên 95", "Trên 95",
         "Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội", "Phòng Văn hóa - Xã hội"),
        ("4", "Tỷ lệ trường đạt chuẩn quốc gia. Trong đó:", "%", "100", "100",
         "Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội", "Phòng Văn hóa - Xã hội"),
        (None, "+ Trường đạt chuẩn quốc gia mức độ 2", "%", "60", "60", "", ""),
        ("5", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "%", "Dưới 1", "Giảm hàng năm",
         "Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội", "Phòng Văn hóa - Xã hội"),
    ]),
]

# (code, name, start, finish, lead, coordinating, output, resources, leader)
TASKS = [
    ("I. LĨNH VỰC KINH TẾ", [
        ("1", "Giải phóng mặt bằng, bàn giao đất thực hiện dự án khu công nghiệp trên địa bàn xã", "2026", "2027",
         "Ban Quản lý dự án", "Phòng Kinh tế, Hạ tầng và Đô thị; Các thôn", "Báo cáo tiến độ giải phóng mặt bằng",
         "Ngân sách xã", "Chủ tịch UBND xã"),
        ("2", "Triển khai kế hoạch đầu tư công trung hạn", "2026", "2030", "Phòng Kinh tế",
         "Văn phòng HĐND và UBND", "Báo cáo giải ngân", "Ngân sách thành phố, ngân sách xã",
         "Chủ tịch UBND xã"),
        ("2.1", "Rà soát, bổ sung danh mục dự án đầu tư công của xã", "2026", "2026", "Phòng Kinh tế",
         "Các thôn", "Danh mục dự án", "Ngân sách xã", "Chủ tịch UBND xã"),
        ("3", "Quản lý trật tự xây dựng đô thị", "2026", "2030", "Phòng Kinh tế, Hạ tầng và Đô thị",
         "Công an; Các thôn", "Báo cáo kiểm tra", "Ngân sách xã", "Phó Chủ tịch UBND xã phụ trách kinh tế"),
    ]),
    ("II. LĨNH VỰC VĂN HÓA - XÃ HỘI", [
        ("4", "Duy trì và nâng cao chất lượng phong trào toàn dân đoàn kết xây dựng đời sống văn hóa", "2026",
         "2030", "Phòng Văn hóa - Xã hội", "Ủy ban MTTQ Việt Nam xã", "Báo cáo kết quả thực hiện",
         "Ngân sách xã, xã hội hóa", "Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội"),
        ("5", "Thực hiện chính sách an sinh xã hội, chăm lo đời sống người có công", "2026", "2030",
         "Phòng Văn hóa - Xã hội", "Các thôn", "Báo cáo kết quả thực hiện", "Ngân sách các cấp",
         "Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội"),
    ]),
]

TITLE_TOP = ["UBND XÃ HÒA BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]


def indicator_sheet(variant):
    s = Sheet("Phụ lục I")
    s.put(0, 0, "UBND XÃ HÒA BÌNH")
    s.put(0, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    title = "CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI 5 NĂM 2026 - 2030"
    s.put(2, 0, "PHỤ LỤC I")
    s.merge(2, 0, 2, 6)
    if variant == "excel":  # the reference line above the title
        s.put(3, 0, "(Kèm theo Kế hoạch số 12/KH-UBND ngày 25/3/2026 của UBND xã)")
        s.put(4, 0, title)
    else:
        s.put(3, 0, title)
        s.put(4, 0, "(Kèm theo Kế hoạch số 12/KH-UBND ngày 25/3/2026 của UBND xã)")
    s.merge(3, 0, 3, 6)
    s.merge(4, 0, 4, 6)
    header = ["STT", "Các chỉ tiêu chủ yếu", "Đơn vị tính", "Kế hoạch 5 năm 2026 - 2030", "",
              "Lãnh đạo UBND xã chỉ đạo", "Đơn vị tham mưu thực hiện"]
    for c, h in enumerate(header):
        s.put(6, c, h)
    s.put(7, 3, "Đến năm 2030")
    s.put(7, 4, "Bình quân năm")
    s.merge(6, 3, 6, 4)
    for c in (0, 1, 2, 5, 6):
        s.merge(6, c, 7, c)
    r = 8
    for group, items in GROUPS:
        s.put(r, 0, group)
        s.merge(r, 0, r, 6)
        r += 1
        for code, name, uom, final, yearly, leader, unit in items:
            cells = [code, name, uom, final, yearly, leader, unit]
            if variant == "excel":
                if code == "2":
                    cells[0] = "2" + NBSP  # Word's no-break space after the number
                    cells[4] = "?95"        # "≥ 95" whose sign was lost
                if code == "3":
                    cells[0], cells[1] = "", "3. " + name  # the STT glued to the name
                if code == "5":
                    cells[1] = name.replace(" ", NBSP, 2) + ZWSP
                    cells[2] = NBSP + "%"
            if variant == "word" and code == "4":
                # Two paragraphs of the leader's cell: two rows, the other cells merged down.
                first, second = leader.split(" phụ trách ")
                cells[5] = first
                for c in (0, 1, 2, 3, 4, 6):
                    s.merge(r, c, r + 1, c)
                for c, v in enumerate(cells):
                    s.put(r, c, code_value(v) if c == 0 else v)
                s.put(r + 1, 5, "phụ trách " + second)
                r += 2
                continue
            if variant == "pdf" and code == "3":
                # The name wrapped over two lines, each its own row.
                words = name.split(" ")
                cells[1] = " ".join(words[:5])
                for c, v in enumerate(cells):
                    s.put(r, c, v)
                s.put(r + 1, 1, " ".join(words[5:]))
                r += 2
                continue
            for c, v in enumerate(cells):
                if c == 0 and isinstance(v, str) and v.strip().isdigit():
                    v = int(v) if variant != "excel" else v
                s.put(r, c, v)
            r += 1
    if variant == "excel":
        # A numbered row whose name was lost in the paste: reported, never an item.
        for c, v in enumerate([6, "", "%", "100", "100", "Chủ tịch UBND xã", "Phòng Kinh tế"]):
            s.put(r, c, v)
    return s


def task_sheet(variant):
    s = Sheet("Phụ lục II")
    s.put(0, 0, "UBND XÃ HÒA BÌNH")
    s.put(0, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    s.put(2, 0, "PHỤ LỤC II")
    s.put(3, 0, "PHÂN CÔNG THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM GIAI ĐOẠN 2026 - 2030")
    for r in (2, 3):
        s.merge(r, 0, r, 8)
    split_time = variant == "excel"
    if split_time:
        header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", "",
                  "Kết quả/sản phẩm", "Nguồn lực thực hiện", "Lãnh đạo chỉ đạo"]
    else:
        header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
                  "Kết quả/sản phẩm", "Nguồn lực", "Lãnh đạo chỉ đạo"]
    width = len(header)

    def put_header(r):
        for c, h in enumerate(header):
            s.put(r, c, h)
        if split_time:
            s.put(r + 1, 4, "Triển khai")
            s.put(r + 1, 5, "Hoàn thành")
            s.merge(r, 4, r, 5)
            for c in (0, 1, 2, 3, 6, 7, 8):
                s.merge(r, c, r + 1, c)
            return r + 2
        return r + 1

    r = put_header(5)
    for gi, (group, tasks) in enumerate(TASKS):
        if variant == "pdf" and gi == 1:
            # A page break in the PDF: the page number, the running title, the header again.
            s.put(r, 4, 7)
            s.put(r + 1, 0, "PHỤ LỤC II (tiếp theo)")
            s.merge(r + 1, 0, r + 1, width - 1)
            r = put_header(r + 2)
        s.put(r, 0, group)
        s.merge(r, 0, r, width - 1)
        r += 1
        for code, name, start, finish, lead, coord, output, resources, leader in tasks:
            if split_time:
                cells = [code, name, lead, coord, start, finish, output, resources, leader]
            else:
                cells = [code, name, lead, coord, start + " - " + finish, output, resources, leader]
            if variant == "excel":
                if code == "2.1":
                    cells[0] = ("date", 46024)  # "2.1" typed: Excel made it 2 January 2026
                if code == "3":
                    cells[5] = "20" + SHY + "30"  # a soft hyphen inside the year
                if code == "4":
                    cells[1] = ZWSP + name
            if variant == "word" and code in ("1", "3"):
                # Word paragraphs: the name's last words and the second agency on a second
                # row, every other cell merged down over both.
                if code == "1":
                    cut = name.rsplit(" ", 3)
                    first, more = cut[0], " ".join(cut[1:])
                    cells[1] = first
                    s.put(r + 1, 1, more)
                    merge_cols = [c for c in range(width) if c != 1]
                else:
                    a, b = coord.split("; ")
                    cells[3] = a + ";"
                    s.put(r + 1, 3, b.replace("Các", "các"))
                    merge_cols = [c for c in range(width) if c != 3]
                for c in merge_cols:
                    s.merge(r, c, r + 1, c)
                for c, v in enumerate(cells):
                    s.put(r, c, code_value(v) if c == 0 else v)
                r += 2
                continue
            if variant == "pdf" and code in ("1", "4"):
                # A PDF converter: each wrapped line on its own row, nothing merged.
                words = name.split(" ")
                cells[1] = " ".join(words[:6])
                lines = [" ".join(words[6:11]), " ".join(words[11:])]
                if code == "1":
                    a, b = coord.split("; ")
                    cells[3] = "Phòng Kinh tế, Hạ tầng"
                    agency_lines = ["và Đô thị;", b]
                else:
                    agency_lines = []
                for c, v in enumerate(cells):
                    s.put(r, c, code_value(v) if c == 0 else v)
                extra = max(len([l for l in lines if l]), len(agency_lines))
                for k in range(extra):
                    if k < len(lines) and lines[k]:
                        s.put(r + 1 + k, 1, lines[k])
                    if k < len(agency_lines):
                        s.put(r + 1 + k, 3, agency_lines[k])
                r += 1 + extra
                continue
            for c, v in enumerate(cells):
                s.put(r, c, code_value(v) if c == 0 else v)
            r += 1
    if variant == "pdf":
        # What stands under the table in the signed document.
        s.put(r + 1, 0, "Nơi nhận:")
        s.put(r + 2, 0, "- TT Đảng ủy, HĐND xã;")
        s.put(r + 3, 0, "- Lưu: VT.")
        s.put(r + 1, 6, "TM. ỦY BAN NHÂN DÂN")
        s.put(r + 2, 6, "CHỦ TỊCH")
        s.put(r + 5, 6, "Nguyễn Văn An")
    return s


def hidden_report():
    """A unit's 2026 report written over last year's workbook."""
    def report_sheet(name, year, values, state=None, hidden_old_rows=False):
        s = Sheet(name, state)
        s.put(0, 0, "UBND XÃ HÒA BÌNH")
        s.put(1, 0, "PHÒNG VĂN HÓA - XÃ HỘI")
        s.put(3, 0, "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM %d" % year)
        s.merge(3, 0, 3, 5)
        for c, h in enumerate(["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm %d" % year,
                               "Thực hiện năm %d" % year, "Ghi chú"]):
            s.put(5, c, h)
        rows = [("3", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "Trên 95"),
                ("4", "Tỷ lệ trường đạt chuẩn quốc gia", "%", "100"),
                ("5", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "%", "Giảm hàng năm")]
        r = 6
        for (code, name, uom, plan), value in zip(rows, values):
            if hidden_old_rows:
                # Last year's row kept, hidden, above this year's.
                for c, v in enumerate([int(code), name, uom, plan, value - 1.5, "số liệu 2025"]):
                    s.put(r, c, v)
                s.hidden_rows.add(r)
                r += 1
            for c, v in enumerate([int(code), name, uom, plan, value, ""]):
                s.put(r, c, v)
            r += 1
        if hidden_old_rows:
            # A hidden column of last year's figures between the plan and the result.
            moved = {(rr, c + 1 if c >= 4 else c): v for (rr, c), v in s.cells.items()}
            s.cells = moved
            s.put(5, 4, "Thực hiện năm 2025")
            for rr in range(6, r):
                if (rr, 1) in s.cells and rr not in s.hidden_rows:
                    s.put(rr, 4, 50.5)
            s.hidden_cols.add(4)
        return s

    return [report_sheet("Năm 2025", 2025, [93.0, 90.0, 1.9], state="hidden"),
            report_sheet("Năm 2026", 2026, [96.2, 100.0, 1.2], hidden_old_rows=True)]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    os.makedirs(out, exist_ok=True)
    for variant in ("clean", "word", "pdf", "excel"):
        write_xlsx(os.path.join(out, "paste_%s.xlsx" % variant), [indicator_sheet(variant), task_sheet(variant)])
    write_xlsx(os.path.join(out, "report_hidden.xlsx"), hidden_report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
