#!/usr/bin/python3
"""Writes Word (.docx) plan documents as communes publish them into the folder given
(default tests/data):

  /usr/bin/python3 tests/gen/make_docx_fixtures.py tests/data

  plan_an_duong.docx     phường An Dương's plan with its two annexes as Word tables, from the
                         same transcriptions (../shared/seeds/tables) as the sample workbook
                         samples/ke-hoach/an-duong-2026-2030.xlsx: a masthead table, prose
                         with numbered headings, "PHỤ LỤC 1" (two-row header: "Kế hoạch 5
                         năm" spanning two columns, the others merged down; group rows
                         spanning the table; the directing leader merged down over the rows
                         that share it) and "PHỤ LỤC II" inside a one-cell layout table (the
                         header printed again at a page break, a task name typed with tracked
                         changes, a hyperlink and a field in cells)
  docx_features.docx     one of each construct the reader must handle: list numbering
                         ("1.", "a)", "I.", "1.1."), tracked changes (insertions, deletions,
                         moved text, a deleted row), a field's code and result, a hyperlink,
                         gridBefore, a cell of two paragraphs, a table nested in a cell
  docx_no_table.docx     a plan whose indicators are numbered sentences (no table at all)
  bad_docx_bomb.docx     a document.xml of 60 MB of spaces packed into a few kilobytes
  bad_docx_broken.docx   a document.xml cut off in the middle of a table
  bad_docx_doctype.docx  a document.xml declaring entities (a "billion laughs")

Needs Debian's python3-docx. Every zip entry carries a fixed date and the core properties
fixed times, so the output is reproducible.
"""
import csv
import datetime
import io
import os
import sys
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import make_plan_workbooks as plans  # noqa: E402  the annex columns and labels of the sample workbook

FIXED = datetime.datetime(2026, 3, 15, 8, 0, 0)
ZIP_DATE = (2026, 3, 15, 8, 0, 0)


def new_document():
    d = docx.Document()
    cp = d.core_properties
    cp.created = cp.modified = cp.last_printed = FIXED
    cp.author = cp.last_modified_by = "UBND"
    cp.revision = 1
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    return d


def save(d, path):
    """python-docx stamps zip entries with the current time: rewritten with a fixed one."""
    raw = io.BytesIO()
    d.save(raw)
    write_zip(path, [(i.filename, zipfile.ZipFile(raw).read(i)) for i in zipfile.ZipFile(raw).infolist()])


def write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


# --- numbering.xml: the list formats Vietnamese plans use ------------------------------

LISTS = {
    # numId: (format, lvlText) per level
    10: [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")],
    11: [("decimal", "%1."), ("decimal", "%1.%2.")],
    12: [("lowerLetter", "%1)")],
    13: [("bullet", "\uf0b7")],
    14: [("decimal", "%1.")],  # a second list of the same kind, restarting at 1
}


def add_lists(d):
    numbering = d.part.numbering_part.element
    for num_id, levels in LISTS.items():
        abstract_id = 100 + num_id
        lvls = "".join(
            '<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>'
            '<w:lvlJc w:val="left"/></w:lvl>' % (i, fmt, text) for i, (fmt, text) in enumerate(levels))
        numbering.insert(0, parse_xml('<w:abstractNum %s w:abstractNumId="%d">%s</w:abstractNum>'
                                      % (nsdecls("w"), abstract_id, lvls)))
    for num_id in LISTS:
        abstract_id = 100 + (11 if num_id == 14 else num_id)
        override = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    if num_id == 14 else "")
        numbering.append(parse_xml('<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>'
                                   % (nsdecls("w"), num_id, abstract_id, override)))


def numbered(container, text, num_id, level=0, bold=False):
    p = container.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml('<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>'
                         % (nsdecls("w"), level, num_id)))
    r = p.add_run(text)
    r.bold = bold
    return p


def centered(d, text, bold=True):
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(text).bold = bold
    return p


# --- tracked changes, fields, hyperlinks ------------------------------------------------

def run_xml(text, deleted=False):
    tag = "w:delText" if deleted else "w:t"
    return '<w:r><%s xml:space="preserve">%s</%s></w:r>' % (tag, escape(text), tag)


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


CHANGE = 'w:id="%d" w:author="Văn phòng" w:date="2026-03-10T09:00:00Z"'
_change_id = [0]


def change_attrs():
    _change_id[0] += 1
    return CHANGE % _change_id[0]


def tracked(paragraph, pieces):
    """pieces: ("keep"|"ins"|"del"|"move_from"|"move_to", text); the accepted text is the
    kept, inserted and moved-to pieces."""
    for kind, text in pieces:
        if kind == "keep":
            paragraph._p.append(parse_xml('<w:r %s><w:t xml:space="preserve">%s</w:t></w:r>' % (nsdecls("w"), escape(text))))
        elif kind == "ins":
            paragraph._p.append(parse_xml('<w:ins %s %s>%s</w:ins>' % (nsdecls("w"), change_attrs(), run_xml(text))))
        elif kind == "del":
            paragraph._p.append(parse_xml('<w:del %s %s>%s</w:del>' % (nsdecls("w"), change_attrs(), run_xml(text, True))))
        elif kind == "move_from":
            paragraph._p.append(parse_xml('<w:moveFrom %s %s>%s</w:moveFrom>'
                                          % (nsdecls("w"), change_attrs(), run_xml(text, True))))
        elif kind == "move_to":
            paragraph._p.append(parse_xml('<w:moveTo %s %s>%s</w:moveTo>' % (nsdecls("w"), change_attrs(), run_xml(text))))


def hyperlink(paragraph, text, url):
    r_id = paragraph.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                                    is_external=True)
    paragraph._p.append(parse_xml('<w:hyperlink %s r:id="%s"><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:hyperlink>'
                                  % (nsdecls("w", "r"), r_id, escape(text))))


def field(paragraph, code, result):
    """A complex field: its code (dropped by readers) and its last result (kept)."""
    w = nsdecls("w")
    for xml in ('<w:r %s><w:fldChar w:fldCharType="begin"/></w:r>' % w,
                '<w:r %s><w:instrText xml:space="preserve"> %s </w:instrText></w:r>' % (w, escape(code)),
                '<w:r %s><w:fldChar w:fldCharType="separate"/></w:r>' % w,
                '<w:r %s><w:t xml:space="preserve">%s</w:t></w:r>' % (w, escape(result)),
                '<w:r %s><w:fldChar w:fldCharType="end"/></w:r>' % w):
        paragraph._p.append(parse_xml(xml))


def set_text(cell, text, bold=False):
    """A cell's text, one paragraph per line."""
    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = ""
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    first = cell.paragraphs[0]
    first.add_run(lines[0]).bold = bold
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold


def delete_row(row):
    trpr = row._tr.get_or_add_trPr()
    trpr.append(parse_xml('<w:del %s %s/>' % (nsdecls("w"), change_attrs())))


# --- An Dương ---------------------------------------------------------------------------

def masthead(d, body_lines, right=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")):
    t = d.add_table(rows=1, cols=2)
    set_text(t.cell(0, 0), "\n".join(body_lines), bold=True)
    set_text(t.cell(0, 1), "\n".join(right), bold=True)


def header_band(t, order, top, sub):
    """Two header rows: a label with sub-labels spans them (gridSpan), the others are
    merged down (vMerge)."""
    i = 0
    while i < len(order):
        key = order[i]
        if key in sub:
            j = i
            while j + 1 < len(order) and order[j + 1] in sub and top[order[j + 1]] == top[key]:
                j += 1
            merged = t.cell(0, i).merge(t.cell(0, j)) if j > i else t.cell(0, i)
            set_text(merged, top[key], bold=True)
            for k in range(i, j + 1):
                set_text(t.cell(1, k), sub[order[k]], bold=True)
            i = j + 1
        else:
            set_text(t.cell(0, i).merge(t.cell(1, i)), top[key], bold=True)
            i += 1


def indicator_annex(d):
    order = plans.IND_COLUMNS
    centered(d, "PHỤ LỤC 1")
    centered(d, "CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI 5 NĂM 2026 - 2030")
    centered(d, "(Kèm theo Kế hoạch số 86/KH-UBND ngày 15 tháng 3 năm 2026 của UBND phường)", bold=False)
    rows = plans.rows("an-duong-indicators.tsv")
    groups = []
    for r in rows:
        if not groups or groups[-1] != r["group"]:
            groups.append(r["group"])
    t = d.add_table(rows=2 + len(rows) + len(groups), cols=len(order))
    t.style = "Table Grid"
    header_band(t, order, plans.IND_TOP, plans.IND_SUB)
    at, group = 2, None
    leader_start = None  # (row, value) of the run of equal directing leaders being merged
    li = order.index("directing_leader")

    def close_leader(end):
        if leader_start and end - 1 > leader_start[0]:
            merged = t.cell(leader_start[0], li).merge(t.cell(end - 1, li))
            set_text(merged, leader_start[1])

    for r in rows:
        if r["group"] != group:
            close_leader(at)
            leader_start = None
            group = r["group"]
            set_text(t.cell(at, 0).merge(t.cell(at, len(order) - 1)), group, bold=True)
            at += 1
        for k, key in enumerate(order):
            set_text(t.cell(at, k), r[key])
        if leader_start and leader_start[1] != r["directing_leader"]:
            close_leader(at)
            leader_start = None
        if leader_start is None and r["directing_leader"]:
            leader_start = (at, r["directing_leader"])
        elif not r["directing_leader"]:
            close_leader(at)
            leader_start = None
        at += 1
    close_leader(at)


def task_annex(d):
    order = plans.TASK_COLUMNS
    rows = plans.rows("an-duong-tasks.tsv")
    sections = []
    for r in rows:
        if not sections or sections[-1] != r["section"]:
            sections.append(r["section"])
    # The whole annex in a borderless one-cell table, as some offices lay out a page.
    box = d.add_table(rows=1, cols=1).cell(0, 0)
    first = box.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.add_run("PHỤ LỤC II").bold = True
    box.add_paragraph().add_run("PHÂN CÔNG THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM GIAI ĐOẠN 2026 - 2030").bold = True
    box.add_paragraph("(Kèm theo Kế hoạch số 86/KH-UBND ngày 25 tháng 3 năm 2026 của UBND phường)")
    t = box.add_table(rows=2 + len(rows) + len(sections) + 1, cols=len(order))
    t.style = "Table Grid"
    header_band(t, order, plans.TASK_TOP, plans.TASK_SUB)
    at, section = 2, None
    for r in rows:
        if r["section"] != section:
            section = r["section"]
            set_text(t.cell(at, 0).merge(t.cell(at, len(order) - 1)), section, bold=True)
            at += 1
        if r["code"] == "23":  # a page break: the header printed again, one row
            for k, key in enumerate(order):
                set_text(t.cell(at, k), plans.TASK_SUB.get(key, plans.TASK_TOP[key]), bold=True)
            at += 1
        for k, key in enumerate(order):
            set_text(t.cell(at, k), r[key])
        if r["code"] == "2":
            # Typed with tracked changes; accepted, it reads as the annex does.
            name = r["task"]
            cut = name.index("thương mại")
            p = t.cell(at, order.index("task")).paragraphs[0]
            p.text = ""
            tracked(p, [("keep", name[:cut]), ("del", "du lịch, "), ("ins", name[cut:cut + 10]),
                        ("keep", name[cut + 10:])])
        if r["code"] == "4":
            p = t.cell(at, order.index("coordinating_agencies")).paragraphs[0]
            p.text = ""
            hyperlink(p, r["coordinating_agencies"], "https://thuehaiphong.gdt.gov.vn")
        if r["code"] == "5":
            p = t.cell(at, order.index("timeframe")).paragraphs[0]
            p.text = ""
            field(p, 'DOCPROPERTY "Giai doan" \\* MERGEFORMAT', r["timeframe"])
        at += 1


def an_duong(path):
    d = new_document()
    add_lists(d)
    masthead(d, ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN DƯƠNG"])
    centered(d, "KẾ HOẠCH")
    centered(d, "Phát triển kinh tế - xã hội 5 năm 2026 - 2030")
    numbered(d, "MỤC TIÊU, CHỈ TIÊU CHỦ YẾU", 10, bold=True)
    d.add_paragraph("Các chỉ tiêu chủ yếu và phân công thực hiện tại Phụ lục 1 và Phụ lục II kèm theo.")
    numbered(d, "TỔ CHỨC THỰC HIỆN", 10, bold=True)
    d.add_paragraph("Các cơ quan, đơn vị báo cáo kết quả thực hiện về Văn phòng HĐND và UBND phường "
                    "trước ngày 03 tháng 12 hằng năm.")
    indicator_annex(d)
    d.add_paragraph()
    task_annex(d)
    save(d, path)


# --- one of each construct --------------------------------------------------------------

def features(path):
    d = new_document()
    add_lists(d)
    d.add_heading("Các chỉ tiêu", level=1)
    numbered(d, "KINH TẾ", 10)                       # I.
    numbered(d, "Thu ngân sách", 10, 1)              # 1.
    numbered(d, "thu nội địa", 10, 2)                # a)
    numbered(d, "thu từ đất", 10, 2)                 # b)
    numbered(d, "Chi ngân sách", 10, 1)              # 2.
    numbered(d, "XÃ HỘI", 10)                        # II.
    numbered(d, "Giáo dục", 10, 1)                   # 1. (restarts under II)
    numbered(d, "Mục một", 11)                       # 1.
    numbered(d, "Mục một một", 11, 1)                # 1.1.
    numbered(d, "Mục một hai", 11, 1)                # 1.2.
    numbered(d, "Mục hai", 11)                       # 2.
    numbered(d, "Danh sách khác", 14)                # 1. (startOverride)
    numbered(d, "gạch đầu dòng", 13)                 # -
    p = d.add_paragraph()
    tracked(p, [("keep", "Tỷ lệ hộ nghèo giảm "), ("del", "1,5%"), ("ins", "1%"), ("keep", " mỗi năm"),
                ("move_from", " (cũ)"), ("move_to", "")])
    p = d.add_paragraph("Xem ")
    hyperlink(p, "Cổng thông tin", "https://haiphong.gov.vn")
    p.add_run(" năm ")
    field(p, "DATE \\@ yyyy", "2026")
    d.add_paragraph("BẢNG 3. CÁC MÔ HÌNH")
    t = d.add_table(rows=5, cols=4)
    set_text(t.cell(0, 0), "STT")
    set_text(t.cell(0, 1).merge(t.cell(0, 2)), "Mô hình")
    set_text(t.cell(0, 3), "Ghi chú")
    set_text(t.cell(1, 0), "1")
    set_text(t.cell(1, 1), "Mô hình A\nhai đoạn")
    set_text(t.cell(1, 3).merge(t.cell(2, 3)), "chung hai dòng")
    set_text(t.cell(2, 0), "2")
    p = t.cell(2, 1).paragraphs[0]
    tracked(p, [("keep", "Mô hình "), ("ins", "B")])
    set_text(t.cell(3, 0), "bị xóa")
    delete_row(t.rows[3])
    set_text(t.cell(4, 0), "3")
    inner = t.cell(4, 1).add_table(rows=2, cols=2)
    set_text(inner.cell(0, 0), "Quý II/2026")
    set_text(inner.cell(0, 1), "khảo sát")
    set_text(inner.cell(1, 0), "Quý III/2026")
    set_text(inner.cell(1, 1), "triển khai")
    # gridBefore: a row that starts one grid column in.
    tr = t.rows[4]._tr
    tr.get_or_add_trPr().append(parse_xml('<w:gridBefore %s w:val="1"/>' % nsdecls("w")))
    tr.remove(tr.tc_lst[0])
    d.add_paragraph("Phụ lục 1")
    t2 = d.add_table(rows=1, cols=2)
    set_text(t2.cell(0, 0), "a")
    set_text(t2.cell(0, 1), "b")
    d.add_paragraph("Phụ lục 1")
    t3 = d.add_table(rows=1, cols=1)
    set_text(t3.cell(0, 0), "c")
    save(d, path)


def no_table(path):
    d = new_document()
    add_lists(d)
    d.add_paragraph("ỦY BAN NHÂN DÂN")
    d.add_paragraph("XÃ VĨNH THỊNH")
    numbered(d, "CÁC CHỈ TIÊU CHỦ YẾU", 10, bold=True)
    numbered(d, "Thu ngân sách nhà nước trên địa bàn tăng bình quân 5%/năm.", 14)
    numbered(d, "Tỷ lệ hộ nghèo giảm bình quân 1%/năm.", 14)
    save(d, path)


# --- plans written as prose (tonghop plan extract) --------------------------------------

# (group, subject, target, unit, horizon): the truth every variant must give back.
PROSE = [
    ("Các chỉ tiêu kinh tế", "Thu ngân sách nhà nước trên địa bàn", "tăng bình quân 8%", "%", "hằng năm"),
    ("Các chỉ tiêu kinh tế", "Giá trị sản xuất nông nghiệp trên 1 ha canh tác", "đạt 180-190 triệu đồng",
     "triệu đồng", "đến năm 2030"),
    ("Các chỉ tiêu kinh tế", "Số hợp tác xã đang hoạt động", "có 04-06 hợp tác xã", "hợp tác xã", "đến năm 2030"),
    ("Các chỉ tiêu kinh tế", "Thu nhập bình quân đầu người", "tăng bình quân 9,5%/năm", "%/năm",
     "giai đoạn 2026-2030"),
    ("Các chỉ tiêu xã hội", "Tỷ lệ hộ nghèo đa chiều", "dưới 0,8%", "%", "đến năm 2030"),
    ("Các chỉ tiêu xã hội", "Tỷ lệ người dân tham gia bảo hiểm y tế", "đạt 98% trở lên", "%", "hằng năm"),
    ("Các chỉ tiêu xã hội", "Số lao động được giải quyết việc làm mới", "1.200 người/năm trở lên", "người/năm",
     "hằng năm"),
    ("Các chỉ tiêu xã hội", "Trường mầm non của xã", "đạt chuẩn quốc gia mức độ 2", "danh hiệu", "đến năm 2028"),
    ("Các chỉ tiêu môi trường", "Tỷ lệ chất thải rắn sinh hoạt được thu gom", "đạt 100%", "%", "hằng năm"),
    ("Các chỉ tiêu môi trường", "Tỷ lệ hộ dùng nước sạch", "đạt 99,5%", "%", "đến năm 2030"),
]
TASKS = [
    ("Rà soát, điều chỉnh quy hoạch chung xây dựng xã", "Phòng Kinh tế", "các phòng, ban liên quan", "Quý II/2026"),
    ("Xây dựng mô hình chuyển đổi số cộng đồng", "Phòng Văn hóa - Xã hội", "các thôn", "2026-2030"),
    ("Nâng cấp Trạm Y tế xã đạt chuẩn", "Trạm Y tế xã", "Phòng Văn hóa - Xã hội", "Quý IV/2027"),
]


def sentence(subject, target, horizon, form):
    if form == 0:
        return "%s %s %s." % (subject, horizon, target)
    if form == 1:
        return "%s, %s %s." % (horizon[0].upper() + horizon[1:], subject[0].lower() + subject[1:], target)
    return "Phấn đấu %s %s %s." % (horizon, subject[0].lower() + subject[1:], target)


def prose_lines(variant):
    """The indicator section as (kind, text) lines: "group" or "item"."""
    out = [("heading", "III. CÁC CHỈ TIÊU CHỦ YẾU")]
    group = None
    for n, (g, subject, target, unit, horizon) in enumerate(PROSE, 1):
        if g != group:
            group = g
            out.append(("group", "%d. %s" % (len({p[0] for p in PROSE[:n]}), g)))
        out.append(("item", n, sentence(subject, target, horizon, (n + variant) % 3)))
    out.append(("note", "(Các chỉ tiêu được điều chỉnh theo chỉ đạo của thành phố.)"))
    out.append(("heading", "IV. NHIỆM VỤ VÀ GIẢI PHÁP"))
    out.append(("text", "Tập trung phát triển kinh tế, nâng cao đời sống Nhân dân."))
    return out


def prose_docx(path, variant):
    """variant 0: "(1)" typed; 1: items numbered by Word ("1." from numbering.xml), groups as
    "a)"... no: groups typed "1."; 2 (held out of tuning): "Chỉ tiêu 1:" style is avoided,
    items typed "1." with groups unnumbered, and the agency cells written "Giao ..."."""
    d = new_document()
    add_lists(d)
    d.add_paragraph("ỦY BAN NHÂN DÂN")
    d.add_paragraph("XÃ VĨNH HÒA")
    for line in prose_lines(variant):
        kind, text = line[0], line[-1]
        if kind == "item" and variant == 1:
            numbered(d, text, 14)
        elif kind == "item":
            d.add_paragraph(("(%d) " if variant == 0 else "%d. ") % line[1] + text)
        elif kind == "group" and variant == 2:
            d.add_paragraph(text.split(". ", 1)[1])
        elif kind == "group" and variant == 1:
            d.add_paragraph(text.split(". ", 1)[1]).runs[0].bold = True
        else:
            d.add_paragraph(text)
    t = d.add_table(rows=1 + len(TASKS) + 1, cols=5)
    for k, label in enumerate(["TT", "Nội dung", "Phân công chỉ đạo thực hiện", "Cơ quan tham mưu", "Thời gian thực hiện"]):
        set_text(t.cell(0, k), label, bold=True)
    set_text(t.cell(1, 0).merge(t.cell(1, 4)), "I. CÁC NHIỆM VỤ PHÁT TRIỂN KINH TẾ", bold=True)
    for n, (name, lead, coord, when) in enumerate(TASKS, 1):
        agency = ("Giao %s chủ trì, phối hợp %s." if variant == 2 else "%s chủ trì tham mưu, phối hợp với %s.") % (lead, coord)
        for k, v in enumerate([str(n), name, "Đ/c Chủ tịch UBND xã", agency, when]):
            set_text(t.cell(n + 1, k), v)
    save(d, path)


def prose_txt(path):
    """The same section as text taken out of a PDF: lines wrapped at 60 characters, a
    blank line after each, a figure range broken after its hyphen."""
    lines = ["ỦY BAN NHÂN DÂN", "XÃ VĨNH HÒA"]
    for line in prose_lines(1):
        text = line[-1] if line[0] != "item" else "(%d) %s" % (line[1], line[-1])
        while len(text) > 60:
            cut = text.rfind(" ", 0, 60)
            if "-" in text[40:60] and line[0] == "item":
                cut = text.index("-", 40) + 1
                lines.append(text[:cut])
                text = text[cut:]
                continue
            lines.append(text[:cut] + " ")
            text = text[cut + 1:]
        lines.append(text + " ")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(lines) + "\n")


def prose_truth(path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("code\tgroup\ttarget\tunit\thorizon\n")
        for n, (g, subject, target, unit, horizon) in enumerate(PROSE, 1):
            f.write("%d\t%s\t%s\t%s\t%s\n" % (n, g, target, unit, horizon))
        for n, (name, lead, coord, when) in enumerate(TASKS, 1):
            f.write("T%d\t%s\t%s\t%s\t%s\n" % (n, name, lead, coord, when))


# --- programme plans: targets inside programme paragraphs (tonghop plan extract) -------

# Each programme: (kind, name, lead, coordinating, timeframe, blocks). A block is
# (label, heading horizon or None, [(sentence, horizon the row must get)]). The rows'
# horizon is the sentence's own deadline, else its heading's, else the programme's period.
PROGRAMMES = [
    ("Chương trình", "phát triển nông nghiệp ứng dụng công nghệ cao", "Phòng Kinh tế",
     "Hợp tác xã, các thôn", "Giai đoạn 2026 - 2030", [
         ("Mục tiêu tổng quát", None, [
             ("Hình thành vùng sản xuất hàng hóa tập trung, gắn sản xuất với tiêu thụ sản phẩm", None)]),
         ("Mục tiêu cụ thể", "Đến năm 2030", [
             ("Diện tích sản xuất nông nghiệp ứng dụng công nghệ cao đạt trên 150 ha", "Đến năm 2030"),
             ("Giá trị sản phẩm thu được trên 1 ha canh tác tăng bình quân 6-7%/năm", "Đến năm 2030"),
             ("Có ít nhất 03 sản phẩm OCOP được công nhận", "Đến năm 2030"),
             ("Đến năm 2027, 100% hợp tác xã nông nghiệp ứng dụng chuyển đổi số trong quản lý", "Đến năm 2027")]),
         ("Hoạt động chính", None, [
             ("Hỗ trợ nông dân liên kết sản xuất theo chuỗi giá trị", None),
             ("Mỗi năm tổ chức ít nhất 02 hội chợ giới thiệu nông sản của xã", "Giai đoạn 2026 - 2030")])]),
    ("Chương trình", "nâng cao chất lượng dân số và chăm sóc sức khỏe Nhân dân", "Trạm Y tế xã",
     "Phòng Văn hóa - Xã hội", "Giai đoạn 2026 - 2030", [
         ("Mục tiêu cụ thể", None, [
             ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi giảm xuống dưới 9%", "Giai đoạn 2026 - 2030"),
             ("Tỷ lệ người dân có hồ sơ sức khỏe điện tử đạt 95%", "Giai đoạn 2026 - 2030"),
             ("trong đó người cao tuổi được khám sức khỏe định kỳ đạt 100%", "Giai đoạn 2026 - 2030"),
             ("Đến năm 2028, Trạm Y tế xã đạt chuẩn quốc gia về y tế xã", "Đến năm 2028")]),
         ("Hoạt động chính", None, [
             ("Tuyên truyền, vận động Nhân dân tham gia bảo hiểm y tế", None)])]),
    ("Đề án", "xây dựng chính quyền số xã", "Văn phòng HĐND và UBND xã", "Các cơ quan, đơn vị",
     "Giai đoạn 2026 - 2028", [
         ("Mục tiêu cụ thể", "Đến năm 2028", [
             ("Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến đạt từ 90% trở lên", "Đến năm 2028"),
             ("Mỗi năm tổ chức ít nhất 02 lớp bồi dưỡng kỹ năng số cho cán bộ, công chức", "Đến năm 2028"),
             ("Tỷ lệ văn bản điện tử có ký số trao đổi giữa các cơ quan đạt 100%", "Đến năm 2028")]),
         ("Hoạt động chính", None, [
             ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", None)])]),
]


def programme_lines(variant):
    """(kind, text) lines of the programmes section. variant 0: typed "1.", "1.1.", "- "
    and "Cơ quan chủ trì tham mưu:"; 1: "Đơn vị chủ trì:", the targets of a block in one
    paragraph after its label, separated by ";"; 2 (text from a PDF): "+ " items, the
    horizon heading on its own line in emphasis, the fields before the objectives."""
    out = [("heading", "II. CÁC CHƯƠNG TRÌNH, ĐỀ ÁN TRỌNG TÂM")]
    for n, (kind, name, lead, coord, when, blocks) in enumerate(PROGRAMMES, 1):
        out.append(("programme", n, "%s %s." % (kind, name)))
        fields = [("Cơ quan chủ trì tham mưu: " if variant == 0 else "Đơn vị chủ trì: ") + lead,
                  ("Cơ quan phối hợp: " if variant == 0 else "Đơn vị phối hợp: ") + coord + ".",
                  "Thời gian thực hiện: " + when + "."]
        sub = 0
        if variant == 2:
            for f in fields:
                sub += 1
                out.append(("text", "%d.%d. %s" % (n, sub, f)))
        for label, heading, items in blocks:
            sub += 1
            sentences = [t for t, _ in items]
            if variant == 1 and label != "Hoạt động chính":
                head = label + (": " + heading + ", " if heading else ": ")
                body = "; ".join(sentences[:1] + [s[0].lower() + s[1:] for s in sentences[1:]])
                out.append(("text", "%d.%d. %s%s." % (n, sub, head, body)))
                continue
            out.append(("text", "%d.%d. %s" % (n, sub, label)))
            if heading:
                out.append(("text", ("*%s:*" if variant == 2 else "- %s:") % heading))
            for t in sentences:
                out.append(("text", ("+ " if variant == 2 else "- ") + t + "."))
        if variant != 2:
            for f in fields:
                sub += 1
                out.append(("text", "%d.%d. %s" % (n, sub, f)))
    out.append(("heading", "III. TỔ CHỨC THỰC HIỆN"))
    out.append(("text", "Các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị mình."))
    return out


def programme_docx(path, variant):
    d = new_document()
    d.add_paragraph("ỦY BAN NHÂN DÂN")
    d.add_paragraph("XÃ HÒA BÌNH")
    for line in programme_lines(variant):
        if line[0] == "programme":
            d.add_paragraph("%d. %s" % (line[1], line[2])).runs[0].bold = True
        else:
            d.add_paragraph(line[-1])
    save(d, path)


def programme_txt(path):
    """Variant 2 as text out of a PDF: lines wrapped at 70 characters, blank lines between."""
    lines = ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"]
    for line in programme_lines(2):
        text = line[-1] if line[0] != "programme" else "%d. %s" % (line[1], line[2])
        while len(text) > 70:
            cut = text.rfind(" ", 0, 70)
            lines.append(text[:cut])
            text = text[cut + 1:]
        lines.append(text)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(lines) + "\n")


def programme_truth(path):
    """The rows every variant must give back, in the columns of the seed transcription
    nghi-duong-targets.tsv (programme, target_text, horizon, lead_agency, ..., source)."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("programme\ttarget_text\thorizon\tlead_agency\tsub_programme\tcontext\thorizon_basis\t"
                "periodicity\ttarget_kind\tsource\tsrc_line\textraction_remark\n")
        for n, (kind, name, lead, coord, when, blocks) in enumerate(PROGRAMMES, 1):
            for label, heading, items in blocks:
                for text, horizon in items:
                    if horizon is None:
                        continue
                    f.write("%d. %s %s\t%s\t%s\t%s\t\t%s\t\t\t\tgen\t\t\n" % (n, kind, name, text, horizon, lead, label))


# --- refused packages -------------------------------------------------------------------

def minimal_parts(document_xml):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    return [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", document_xml)]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def bomb(path):
    body = ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body><w:p><w:r><w:t>' % W
            + " " * (60 << 20) + "</w:t></w:r></w:p></w:body></w:document>")
    write_zip(path, minimal_parts(body))


def broken(path):
    body = ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body><w:tbl><w:tr><w:tc><w:p><w:r>'
            '<w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tên chỉ' % W)
    write_zip(path, minimal_parts(body))


def doctype(path):
    lol = "".join('<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">' % ((i,) + (i - 1,) * 10)
                  for i in range(1, 10))
    body = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ha">%s]>'
            '<w:document %s><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>' % (lol, W))
    write_zip(path, minimal_parts(body))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "data")
    an_duong(os.path.join(out, "plan_an_duong.docx"))
    features(os.path.join(out, "docx_features.docx"))
    no_table(os.path.join(out, "docx_no_table.docx"))
    for v in range(3):
        prose_docx(os.path.join(out, "prose_plan_%d.docx" % v), v)
    prose_txt(os.path.join(out, "prose_plan.txt"))
    prose_truth(os.path.join(out, "prose_truth.tsv"))
    for v in range(3):
        programme_docx(os.path.join(out, "programme_plan_%d.docx" % v), v)
    programme_txt(os.path.join(out, "programme_plan.txt"))
    programme_truth(os.path.join(out, "programme_truth.tsv"))
    bomb(os.path.join(out, "bad_docx_bomb.docx"))
    broken(os.path.join(out, "bad_docx_broken.docx"))
    doctype(os.path.join(out, "bad_docx_doctype.docx"))


main()
