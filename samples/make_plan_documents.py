#!/usr/bin/python3
"""Writes two communes' plans as the Word documents they publish, from the transcriptions
of the real plans (../shared/seeds/tables), for `tonghop plan extract`, and one unit's
report for each:

  /usr/bin/python3 samples/make_plan_documents.py      (needs Debian's python3-docx and
                                                         python3-openpyxl)

  ke-hoach/vinh-thinh-2026-2030.docx   xã Vĩnh Thịnh's 5-year plan: section "III. CÁC CHỈ
                      TIÊU CHỦ YẾU" (22 numbered sentences in 4 groups, from
                      vinh-thinh-indicators.tsv) and the assignment table (TT / Nội dung /
                      Phân công chỉ đạo thực hiện / Cơ quan tham mưu / Thời gian thực hiện,
                      section rows across the table, the agency cell a sentence "Phòng Kinh
                      tế chủ trì tham mưu, phối hợp với ...", from vinh-thinh-tasks.tsv)
  ke-hoach/vinh-bao-2026-2030.docx     xã Vĩnh Bảo's action programme: section "II. NỘI DUNG
                      CÔNG VIỆC" (numbered tasks, each followed by "Cơ quan chủ trì:", "Cơ
                      quan phối hợp:", "Lãnh đạo chỉ đạo:", "Thời gian thực hiện:", from
                      vinh-bao-tasks.tsv) and the appendix of 8 models as a table (from
                      vinh-bao-models.tsv)
  bao-cao-vinh-thinh/phong-kinh-te-2026.xlsx   Phòng Kinh tế's 2026 report on its
                      indicators, in its own words (the sentence up to its target)
  bao-cao-vinh-bao/phong-van-hoa-xa-hoi-2026.xlsx   Phòng Văn hóa - Xã hội's report on its
                      tasks, with statuses

The plans' wording, numbering and typos are the sources'; the 2026 values are invented.
"""
import csv
import datetime
import io
import os
import zipfile

import docx
import openpyxl
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = os.path.join(HERE, "..", "..", "shared", "seeds", "tables")
FIXED = datetime.datetime(2026, 3, 20, 8, 0, 0)
ZIP_DATE = (2026, 3, 20, 8, 0, 0)


def rows(name):
    with open(os.path.join(TABLES, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def new_document(commune):
    d = docx.Document()
    cp = d.core_properties
    cp.created = cp.modified = cp.last_printed = FIXED
    cp.author = cp.last_modified_by = "UBND"
    cp.revision = 1
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(13)
    d.add_paragraph("ỦY BAN NHÂN DÂN")
    d.add_paragraph(commune.upper())
    return d


def bold(d, text):
    d.add_paragraph().add_run(text).bold = True


def save(d, path):
    """python-docx stamps zip entries with the current time: rewritten with a fixed one."""
    raw = io.BytesIO()
    d.save(raw)
    src = zipfile.ZipFile(raw)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, src.read(item))


def cell_text(cell, text, strong=False):
    lines = text.split("\n")
    p = cell.paragraphs[0]
    p.add_run(lines[0]).bold = strong
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = strong


def vinh_thinh(path):
    d = new_document("xã Vĩnh Thịnh")
    bold(d, "KẾ HOẠCH")
    d.add_paragraph("Phát triển kinh tế - xã hội 5 năm 2026 - 2030 xã Vĩnh Thịnh")
    bold(d, "III. CÁC CHỈ TIÊU CHỦ YẾU")
    groups = []
    for r in rows("vinh-thinh-indicators.tsv"):
        if r["group"] not in groups:
            groups.append(r["group"])
            bold(d, "%d. %s" % (len(groups), r["group"]))
        d.add_paragraph("(%s) %s" % (r["code"], r["text"]))
    bold(d, "IV. NỘI DUNG, CHƯƠNG TRÌNH TRỌNG TÂM 5 NĂM 2026 - 2030")
    tasks = rows("vinh-thinh-tasks.tsv")
    sections = []
    for r in tasks:
        if r["section"] not in sections:
            sections.append(r["section"])
    t = d.add_table(rows=1 + len(sections) + len(tasks), cols=5)
    t.style = "Table Grid"
    for k, label in enumerate(["TT", "Nội dung", "Phân công chỉ đạo thực hiện", "Cơ quan tham mưu", "Thời gian thực hiện"]):
        cell_text(t.cell(0, k), label, True)
    n, section = 1, None
    for r in tasks:
        if r["section"] != section:
            section = r["section"]
            cell_text(t.cell(n, 0).merge(t.cell(n, 4)), section, True)
            n += 1
        for k, key in enumerate(["code", "content", "directing_leader", "advisory_agency", "timeframe"]):
            cell_text(t.cell(n, k), r[key])
        n += 1
    save(d, path)


def vinh_bao(path):
    d = new_document("xã Vĩnh Bảo")
    bold(d, "CHƯƠNG TRÌNH HÀNH ĐỘNG")
    d.add_paragraph("Xây dựng mô hình Chủ nghĩa xã hội gắn với con người Xã hội chủ nghĩa trên địa bàn xã "
                    "Vĩnh Bảo giai đoạn 2026-2030")
    bold(d, "II. NỘI DUNG CÔNG VIỆC")
    section = None
    for r in rows("vinh-bao-tasks.tsv"):
        top = r["code"].count(".") == 1 and r["code"].endswith(".") and r["section"].startswith(r["code"])
        if r["section"] != section:
            section = r["section"]
            if not top:
                bold(d, section)
        if top:
            # A section that is its own task: its heading, then its text.
            bold(d, r["section"])
            d.add_paragraph(r["content"])
        else:
            d.add_paragraph("%s %s" % (r["code"], r["content"]))
        if r["lead_agency"]:
            d.add_paragraph("Cơ quan chủ trì: " + r["lead_agency"])
            d.add_paragraph("Cơ quan phối hợp: " + r["coordinating_agencies"])
            d.add_paragraph("Lãnh đạo chỉ đạo: " + r["directing_leader"])
            d.add_paragraph("Thời gian thực hiện: " + r["timeframe"])
    bold(d, "III. TỔ CHỨC THỰC HIỆN")
    d.add_paragraph("Các cơ quan, đơn vị báo cáo kết quả thực hiện về Văn phòng HĐND và UBND xã trước ngày 03/12 hằng năm.")
    bold(d, "PHỤ LỤC")
    bold(d, "CÁC MÔ HÌNH TRỌNG TÂM")
    models = rows("vinh-bao-models.tsv")
    t = d.add_table(rows=1 + len(models), cols=4)
    t.style = "Table Grid"
    for k, label in enumerate(["Stt", "Tên Mô hình", "Mục tiêu (sản phẩm); Nhiệm vụ, giải pháp trọng tâm",
                               "Phân công nhiệm vụ và lộ trình thực hiện"]):
        cell_text(t.cell(0, k), label, True)
    for n, r in enumerate(models, 1):
        cell_text(t.cell(n, 0), r["code"])
        cell_text(t.cell(n, 1), r["model_name"])
        goals = [g.strip() for g in r["quantified_targets"].split(" ; ") if g.strip()]
        cell_text(t.cell(n, 2), "1. Mục tiêu (sản phẩm)\n1.2. Mục tiêu cụ thể:\n" +
                  "\n".join("- " + g for g in goals) + "\n2. Nhiệm vụ, giải pháp trọng tâm")
        steps = [s.strip() for s in r["roadmap"].split(" ; ") if s.strip()]
        cell_text(t.cell(n, 3), "1. Đơn vị thực hiện:\n1.1. Đơn vị chủ trì: %s\n1.2. Đơn vị phối hợp: %s\n"
                  "2. Lộ trình thực hiện\n%s" % (r["lead_unit"], r["coordinating_units"],
                                                 "\n".join("- " + s for s in steps)))
    save(d, path)


def workbook(path, title, unit, header, body):
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = "UBND XÃ " + title
    ws["A2"] = unit.upper()
    ws["A4"] = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2026"
    ws.append([])
    ws.append(header)
    for line in body:
        ws.append(line)
    for col, width in zip("ABCDE", (6, 60, 12, 16, 30)):
        ws.column_dimensions[col].width = width
    wb.save(path)


def vinh_thinh_report(path):
    """Phòng Kinh tế's indicators (groups "kinh tế" and "môi trường"), each named as the plan's
    sentence runs up to its target, with a 2026 value."""
    values = {"%": "96", "%/năm": "15,2", "triệu đồng/ha": "185"}
    body = []
    for r in rows("vinh-thinh-indicators.tsv"):
        if "kinh tế" not in r["group"] and "môi trường" not in r["group"]:
            continue
        cut = r["text"].find(r["target_expression"])
        name = (r["text"][:cut] if cut > 20 else r["text"]).rstrip(" ,;.")
        body.append([r["code"], name, r["unit"], values.get(r["unit"], "Đạt"), ""])
    workbook(path, "VĨNH THỊNH", "Phòng Kinh tế", ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện 2026", "Ghi chú"], body)


def vinh_bao_report(path):
    """Phòng Văn hóa - Xã hội's tasks with a status each."""
    statuses = ["Đã hoàn thành", "Đang thực hiện", "Đang thực hiện, ước đạt 70%", "Thường xuyên thực hiện"]
    body = []
    for n, r in enumerate(r for r in rows("vinh-bao-tasks.tsv") if r["lead_agency"].startswith("Phòng Văn hóa")):
        body.append([r["code"].rstrip("."), r["content"].split(".")[0], "", statuses[n % len(statuses)], ""])
    workbook(path, "VĨNH BẢO", "Phòng Văn hóa - Xã hội", ["STT", "Nhiệm vụ", "", "Kết quả thực hiện", "Ghi chú"], body)


def main():
    os.makedirs(os.path.join(HERE, "bao-cao-vinh-thinh"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "bao-cao-vinh-bao"), exist_ok=True)
    vinh_thinh(os.path.join(HERE, "ke-hoach", "vinh-thinh-2026-2030.docx"))
    vinh_bao(os.path.join(HERE, "ke-hoach", "vinh-bao-2026-2030.docx"))
    vinh_thinh_report(os.path.join(HERE, "bao-cao-vinh-thinh", "phong-kinh-te-2026.xlsx"))
    vinh_bao_report(os.path.join(HERE, "bao-cao-vinh-bao", "phong-van-hoa-xa-hoi-2026.xlsx"))


main()
