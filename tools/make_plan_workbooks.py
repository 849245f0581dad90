#!/usr/bin/python3
"""Writes plan workbooks (the annex tables a commune pastes into Excel) from the transcribed
seed tables in ../shared/seeds/tables, keeping their real defects and spellings: An Dương's
duplicate STT 13, sub-rows without STT, "Tở dân phố", "Văn phòng UBND và UBND", "Phòng
VH- XH"; Nghi Dương's codes written "1.".

  /usr/bin/python3 tools/make_plan_workbooks.py samples      # the samples/ke-hoach plans
  /usr/bin/python3 tools/make_plan_workbooks.py tests        # layout variants in tests/data/plans

Needs Debian's python3-openpyxl. Document dates are fixed so files are reproducible.
"""
import csv
import datetime
import os
import sys

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEEDS = os.path.join(ROOT, "..", "shared", "seeds", "tables")
FIXED = datetime.datetime(2026, 3, 15, 8, 0, 0)
TNR = Font(name="Times New Roman", size=12)
BOLD = Font(name="Times New Roman", size=12, bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def rows(name):
    with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def new_book():
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    return wb


def title_block(ws, lines, width):
    """The administrative header: issuing body left, quốc hiệu right, then the title."""
    ws.cell(1, 1, "UBND PHƯỜNG AN DƯƠNG").font = BOLD
    ws.cell(1, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = BOLD
    ws.cell(2, 4, "Độc lập - Tự do - Hạnh phúc").font = BOLD
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    ws.merge_cells(start_row=1, start_column=4, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=4, end_row=2, end_column=width)
    r = 4
    for text in lines:
        ws.cell(r, 1, text).font = BOLD
        ws.cell(r, 1).alignment = CENTER
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    return r + 1


# --- An Dương Phụ lục 1 -----------------------------------------------------------
IND_COLUMNS = ["code", "name", "unit", "target_2030", "target_annual_avg", "directing_leader", "advisory_unit", "note"]
IND_TOP = {"code": "STT", "name": "Các chỉ tiêu chủ yếu", "unit": "Đơn vị tính",
           "target_2030": "Kế hoạch 5 năm 2026 - 2030", "target_annual_avg": "Kế hoạch 5 năm 2026 - 2030",
           "directing_leader": "Lãnh đạo UBND phường chỉ đạo", "advisory_unit": "Đơn vị tham mưu thực hiện",
           "note": "Ghi chú"}
IND_SUB = {"target_2030": "Đến năm 2030", "target_annual_avg": "Bình quân năm"}
IND_FLAT = dict(IND_TOP, target_2030="Đến năm 2030", target_annual_avg="Bình quân năm")


def header(ws, r, order, top, sub, two_rows):
    """A one- or two-row header band; in two rows, columns without a sub-label are merged
    down and equal top labels are merged across."""
    for i, key in enumerate(order, 1):
        ws.cell(r, i, top[key]).font = BOLD
        ws.cell(r, i).alignment = CENTER
        if two_rows:
            if key in sub:
                ws.cell(r + 1, i, sub[key]).font = BOLD
            else:
                ws.merge_cells(start_row=r, start_column=i, end_row=r + 1, end_column=i)
    if two_rows:
        i = 1
        while i <= len(order):
            j = i
            while j < len(order) and order[j] in sub and order[i - 1] in sub and top[order[j]] == top[order[i - 1]]:
                j += 1
            if j > i:
                ws.merge_cells(start_row=r, start_column=i, end_row=r, end_column=j)
            i = j + 1
    return r + (2 if two_rows else 1)


def indicators_sheet(ws, order, two_rows, title, start_blank=False):
    width = len(order)
    r = title_block(ws, ["PHỤ LỤC 1", "CÁC CHỈ TIÊU CHỦ YẾU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI 5 NĂM 2026 - 2030",
                         "(Kèm theo Kế hoạch số 86/KH-UBND ngày 15 tháng 3 năm 2026 của UBND phường)"], width) if title else 1
    r = header(ws, r, order, IND_TOP if two_rows else IND_FLAT, IND_SUB, two_rows)
    group = None
    groups_seen = 0
    for row in rows("an-duong-indicators.tsv"):
        if row["group"] != group:
            group = row["group"]
            groups_seen += 1
            numeral, _, text = group.partition(". ")
            if groups_seen % 2:  # padded form: numeral in STT, text in the name column
                ws.cell(r, order.index("code") + 1, numeral).font = BOLD
                ws.cell(r, order.index("name") + 1, text).font = BOLD
            else:  # bare form: the whole line merged across the table
                ws.cell(r, 1, group).font = BOLD
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        for key in order:
            value = row[key]
            if key == "code" and value:
                value = int(value)
            c = ws.cell(r, order.index(key) + 1, value if value != "" else None)
            c.font = TNR
        r += 1
        if row["code"] == "9" and not row["parent_code"]:
            r += 1  # a blank row inside the table, as in the source
    ws.column_dimensions["B"].width = 50


# --- An Dương Phụ lục II ----------------------------------------------------------
TASK_COLUMNS = ["code", "task", "timeframe", "lead_agency", "coordinating_agencies", "product", "directing_leader"]
TASK_TOP = {"code": "STT", "task": "Nội dung nhiệm vụ", "timeframe": "Thời gian thực hiện/hoàn thành",
            "lead_agency": "Phân công thực hiện", "coordinating_agencies": "Phân công thực hiện",
            "product": "Kết quả/sản phẩm", "directing_leader": "Lãnh đạo chỉ đạo"}
TASK_SUB = {"lead_agency": "Cơ quan chủ trì", "coordinating_agencies": "Cơ quan phối hợp"}
TASK_FLAT = dict(TASK_TOP, lead_agency="Cơ quan chủ trì", coordinating_agencies="Cơ quan phối hợp")


def tasks_sheet(ws, order, two_rows, title):
    width = len(order)
    r = title_block(ws, ["PHỤ LỤC II", "PHÂN CÔNG THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM GIAI ĐOẠN 2026 - 2030",
                         "(Kèm theo Kế hoạch số 86/KH-UBND ngày 25 tháng 3 năm 2026 của UBND phường)"], width) if title else 1
    header_row = r
    r = header(ws, r, order, TASK_TOP if two_rows else TASK_FLAT, TASK_SUB, two_rows)
    section = None
    for row in rows("an-duong-tasks.tsv"):
        if row["section"] != section:
            section = row["section"]
            ws.cell(r, 1, section).font = BOLD
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        if row["code"] == "23":  # a page break: the header printed again
            top = TASK_TOP if two_rows else TASK_FLAT
            for i, key in enumerate(order, 1):
                ws.cell(r, i, top[key] if not two_rows or key not in TASK_SUB else TASK_SUB[key]).font = BOLD
            r += 1
        for key in order:
            value = row[key]
            if key == "code":
                value = int(value)
            ws.cell(r, order.index(key) + 1, value if value != "" else None).font = TNR
        r += 1
    del header_row


def nghi_duong(path):
    wb = new_book()
    ws = wb.active
    ws.title = "Phụ lục"
    ws["A1"] = "ĐẢNG BỘ XÃ NGHI DƯƠNG"
    ws["A2"] = "PHỤ LỤC"
    ws["A3"] = "CÁC NHIỆM VỤ TRỌNG TÂM GIAI ĐOẠN 2025-2030"
    ws.merge_cells("A2:G2")
    ws.merge_cells("A3:G3")
    cols = ["code", "task", "lead_agency", "coordinating_agencies", "start", "finish", "resources"]
    labels = ["Stt", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian triển khai",
              "Thời gian hoàn thành", "Nguồn lực"]
    for i, l in enumerate(labels, 1):
        ws.cell(5, i, l).font = BOLD
    r = 6
    for row in rows("nghi-duong-tasks.tsv"):
        for i, key in enumerate(cols, 1):
            ws.cell(r, i, row[key] or None)
        r += 1
    wb.save(path)


def an_duong(path, ind_order=IND_COLUMNS, task_order=TASK_COLUMNS, two_rows=True, title=True):
    wb = new_book()
    ws = wb.active
    ws.title = "Phụ lục 1"
    indicators_sheet(ws, ind_order, two_rows, title)
    tasks_sheet(wb.create_sheet("Phụ lục II"), task_order, two_rows, title)
    wb.save(path)


def an_duong_csv(path):
    """Phụ lục 1 alone, one header row, as a unit might export it to CSV."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([IND_FLAT[k] for k in IND_COLUMNS])
        group = None
        for row in rows("an-duong-indicators.tsv"):
            if row["group"] != group:
                group = row["group"]
                w.writerow([group] + [""] * (len(IND_COLUMNS) - 1))
            w.writerow([row[k] for k in IND_COLUMNS])


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "samples"
    if what == "samples":
        out = os.path.join(ROOT, "samples", "ke-hoach")
        os.makedirs(out, exist_ok=True)
        an_duong(os.path.join(out, "an-duong-2026-2030.xlsx"))
        nghi_duong(os.path.join(out, "nghi-duong-2025-2030.xlsx"))
    else:
        out = os.path.join(ROOT, "tests", "data", "plans")
        os.makedirs(out, exist_ok=True)
        an_duong(os.path.join(out, "an_duong_official.xlsx"))
        reordered_ind = ["name", "code", "advisory_unit", "target_annual_avg", "target_2030", "unit", "note",
                         "directing_leader"]
        reordered_task = ["task", "lead_agency", "code", "coordinating_agencies", "timeframe", "directing_leader",
                          "product"]
        an_duong(os.path.join(out, "an_duong_reordered.xlsx"), reordered_ind, reordered_task)
        an_duong(os.path.join(out, "an_duong_one_row_header_at_a1.xlsx"), two_rows=False, title=False)
        an_duong_csv(os.path.join(out, "an_duong_indicators.csv"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
