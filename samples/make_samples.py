#!/usr/bin/python3
"""Writes the sample progress reports under samples/bao-cao/ from the An Dương annex
(../shared/seeds/tables/an-duong-indicators.tsv), keeping the annex's own wording,
spelling ("Tở dân phố") and numbering. Values are invented but plausible for 2026.

  /usr/bin/python3 samples/make_samples.py          (needs Debian's python3-openpyxl)

  phong-vhxh-2026.xlsx   Phòng Văn hóa - Xã hội: the official layout, header block,
                         two-row merged header band, percent-formatted fractions
  phong-kt-ht-dt-2026.csv   Phòng Kinh tế, Hạ tầng và Đô thị: a bare table in CSV with
                         abbreviations, decimal commas and its own running numbers
  cong-an-2026.xlsx      Công an phường: an old template typed in TCVN3 with .VnTime and
                         .VnTimeH fonts (converted with glibc's iconv, TCVN5712-1)
  bch-quan-su-2026.xlsx  Ban Chỉ huy Quân sự: text in decomposed Unicode (NFD), a one-row
                         header at A1, one planted defect (an empty value)
  van-phong-2026.ods     Văn phòng HĐND và UBND: task progress, saved by LibreOffice as .ods
  bql-du-an-2026.xls     Ban Quản lý dự án: task progress, saved by LibreOffice as Excel 97
                         (.xls); needs soffice when regenerating
"""
import subprocess
import unicodedata
import csv
import datetime
import os
import sys

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "..", "shared", "seeds", "tables", "an-duong-indicators.tsv")
FIXED = datetime.datetime(2026, 11, 28, 8, 0, 0)

# Invented 2026 actuals, by the annex's indicator name.
ACTUAL = {
    "Hộ nghèo theo chuẩn nghèo đa chiều quốc gia": 0.0042,
    "Tỷ lệ người dân tham gia bảo hiểm y tế": 0.978,
    "Duy trì Trạm y tế đạt chuẩn quốc gia": "Duy trì",
    "Trường công lập đạt chuẩn quốc gia mức độ 1": 1.0,
    "Trường công lập đạt chuẩn quốc gia mức độ 2": 0.75,
    "Tỷ lệ gia đình văn hóa": 0.912,
    "Tỷ lệ Tở dân phố văn hóa": 0.86,
    "Phường đạt chuẩn đô thị văn minh": "Đạt",
    "Tổng giá trị sản phẩm trên địa bàn": "14,2",
    "Thu nhập bình quân đầu người": "10,5",
    "Thu ngân sách nhà nước trên địa bàn": "11",
    "Tỷ lệ giải ngân vốn đầu tư công phường": "99,6",
    "Tỷ lệ thu gom chất thải rắn sinh hoạt": "100",
    "Tỷ lệ dân số được sử dụng nước sạch": "100",
}


def rows_for(unit):
    with open(SEEDS, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out, parent_unit = [], None
    for r in rows:
        if r["code"]:
            parent_unit = r["advisory_unit"]
        if parent_unit and parent_unit.lower() == unit.lower():
            out.append(r)
    return out


def vhxh(path, first_version=False):
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.title = "Biểu 01"
    tnr = Font(name="Times New Roman", size=12)
    bold = Font(name="Times New Roman", size=12, bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws["A1"], ws["A2"] = "UBND PHƯỜNG AN DƯƠNG", "PHÒNG VĂN HÓA - XÃ HỘI"
    ws["E1"], ws["E2"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    ws["E3"] = "An Dương, ngày 28 tháng 11 năm 2026"
    ws["A5"] = "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2026"
    for ref in ("A1", "A2", "E1", "E2", "A5"):
        ws[ref].font = bold
    ws.merge_cells("A1:C1"); ws.merge_cells("A2:C2"); ws.merge_cells("E1:H1")
    ws.merge_cells("E2:H2"); ws.merge_cells("E3:H3"); ws.merge_cells("A5:H5")
    heads = [("A7:A8", "STT"), ("B7:B8", "Chỉ tiêu"), ("C7:C8", "ĐVT"), ("D7:D8", "Chỉ tiêu giai đoạn 2026 - 2030"),
             ("E7:F7", "Năm 2026"), ("G7:G8", "Đánh giá"), ("H7:H8", "Ghi chú")]
    for rng, label in heads:
        ws.merge_cells(rng)
        c = ws[rng.split(":")[0]]
        c.value, c.font, c.alignment = label, bold, center
    ws["E8"], ws["F8"] = "Kế hoạch", "Thực hiện"
    for ref in ("E8", "F8"):
        ws[ref].font, ws[ref].alignment = bold, center
    r = 9
    ws.cell(r, 1, "II").font = bold
    ws.cell(r, 2, "NHÓM CHỈ TIÊU XÃ HỘI").font = bold
    for row in rows_for("Phòng Văn hóa - xã hội"):
        r += 1
        ws.cell(r, 1, int(row["code"]) if row["code"] else None)
        ws.cell(r, 2, row["name"] if row["code"] else "+ " + row["name"])
        ws.cell(r, 3, row["unit"])
        ws.cell(r, 4, row["target_annual_avg"])
        ws.cell(r, 5, row["target_annual_avg"])
        actual = ACTUAL.get(row["name"])
        if first_version and row["name"] == "Tỷ lệ gia đình văn hóa":
            actual = 0.89  # corrected to 91.2% in the version sent later
        c = ws.cell(r, 6, actual)
        if isinstance(actual, float):
            c.number_format = "0.0%"
        for col in range(1, 9):
            ws.cell(r, col).font = tnr
    ws.column_dimensions["B"].width = 50
    wb.save(path)


def kt(path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["TT", "Tên chỉ tiêu", "ĐVT", "KH 2026", "TH 2026", "Ghi chú"])
        for i, row in enumerate(rows_for("Phòng Kinh tế, Hạ tầng và Đô thị"), 1):
            name = row["name"].replace("ngân sách nhà nước", "NSNN")
            w.writerow([i, name, row["unit"], row["target_annual_avg"], ACTUAL.get(row["name"], ""), ""])


def tcvn3(text):
    """Unicode -> TCVN3 bytes (glibc iconv), as the Latin-1 characters a reader shows."""
    raw = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode("utf-8"),
                         capture_output=True, check=True).stdout
    return raw.decode("latin-1")


def cong_an(path):
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.title = "BC"
    vn = Font(name=".VnTime", size=13)
    vnh = Font(name=".VnTimeH", size=13, bold=True)
    ws["A1"], ws["A1"].font = tcvn3("công an phường an dương"), vnh
    ws["A3"], ws["A3"].font = tcvn3("báo cáo kết quả thực hiện chỉ tiêu năm 2026"), vnh
    heads = ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Ghi chú"]
    for i, h in enumerate(heads, 1):
        ws.cell(5, i, tcvn3(h)).font = vn
    rows = [
        ("1", "Tỷ lệ điều tra, khám phá án chung", "%", "75% trở lên", 0.81),
        ("", "+ Án rất nghiêm trọng, đặc biệt nghiêm trọng được khám phá", "%", "95% trở lên", 0.96),
        ("", "+ Tiếp nhận, giải quyết tin báo tội phạm", "%", "90% trở lên", 0.88),
        ("2", "Xây dựng và duy trì phường không ma túy", "Mô hình", "Duy trì", "Duy trì"),
    ]
    for r, (code, name, unit, plan, actual) in enumerate(rows, 6):
        ws.cell(r, 1, code or None).font = vn
        ws.cell(r, 2, tcvn3(name)).font = vn
        ws.cell(r, 3, tcvn3(unit)).font = vn
        ws.cell(r, 4, tcvn3(plan)).font = vn
        c = ws.cell(r, 5, tcvn3(actual) if isinstance(actual, str) else actual)
        c.font = vn
        if isinstance(actual, float):
            c.number_format = "0%"
    wb.save(path)


def bch_quan_su(path):
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.title = unicodedata.normalize("NFD", "Báo cáo năm 2026")
    nfd = lambda t: unicodedata.normalize("NFD", t)
    for i, h in enumerate(["STT", "Nội dung", "Đơn vị tính", "Kết quả thực hiện năm 2026", "Tiến độ"], 1):
        ws.cell(1, i, nfd(h))
    ws.cell(2, 1, 1)
    ws.cell(2, 2, nfd("Hoàn thành chỉ tiêu tuyển chọn và gọi công dân nhập ngũ"))
    ws.cell(2, 3, "%")
    ws.cell(2, 4, 100)
    ws.cell(3, 1, 2)
    ws.cell(3, 2, nfd("Thực hiện nhiệm vụ quốc phòng, quân sự địa phương"))
    ws.cell(3, 5, nfd("Đang thực hiện"))
    ws.cell(4, 1, 3)
    ws.cell(4, 2, nfd("Tuyển chọn và gọi công dân nhập ngũ hàng năm"))
    # The status of task 39 is left empty: a planted missing-value.
    ws.cell(5, 1, nfd("Ban Chỉ huy Quân sự phường"))
    wb.save(path)


def task_report(path_xlsx, unit_upper, rows):
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.title = "Nhiệm vụ"
    ws["A1"] = "UBND PHƯỜNG AN DƯƠNG"
    ws["A2"] = unit_upper
    ws["A4"] = "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2026"
    ws.merge_cells("A4:E4")
    for i, h in enumerate(["STT", "Nội dung nhiệm vụ", "Tiến độ thực hiện", "Kết quả/sản phẩm", "Ghi chú"], 1):
        ws.cell(6, i, h).font = Font(bold=True)
    for r, (code, name, status, result) in enumerate(rows, 7):
        ws.cell(r, 1, code)
        ws.cell(r, 2, name)
        ws.cell(r, 3, status)
        ws.cell(r, 4, result)
    wb.save(path_xlsx)


def convert(path_xlsx, fmt, out_name):
    """LibreOffice saves the report in another format, in a private profile."""
    import shutil
    import tempfile
    out_dir = os.path.dirname(path_xlsx)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp + "/p", "--headless", "--convert-to", fmt,
                        "--outdir", tmp, path_xlsx], check=True, capture_output=True)
        produced = [f for f in os.listdir(tmp) if not f.startswith("p")][0]
        shutil.move(os.path.join(tmp, produced), os.path.join(out_dir, out_name))
    os.remove(path_xlsx)


def main():
    out = os.path.join(HERE, "bao-cao")
    os.makedirs(out, exist_ok=True)
    vhxh(os.path.join(out, "phong-vhxh-2026.xlsx"))
    vhxh(os.path.join(out, "phong-vhxh-2026-lan-1.xlsx"), first_version=True)
    with open(os.path.join(HERE, "so-nhan-bao-cao.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Tệp", "Ngày nhận"])
        w.writerow(["phong-vhxh-2026-lan-1.xlsx", "20/11/2026"])
        w.writerow(["phong-vhxh-2026.xlsx", "28/11/2026"])
        w.writerow(["phong-kt-ht-dt-2026.csv", "01/12/2026"])
        w.writerow(["cong-an-2026.xlsx", "05/12/2026"])
        w.writerow(["bch-quan-su-2026.xlsx", "03/12/2026"])
        w.writerow(["van-phong-2026.ods", "02/12/2026"])
        w.writerow(["bql-du-an-2026.xls", "30/11/2026"])
    kt(os.path.join(out, "phong-kt-ht-dt-2026.csv"))
    cong_an(os.path.join(out, "cong-an-2026.xlsx"))
    bch_quan_su(os.path.join(out, "bch-quan-su-2026.xlsx"))
    tmp = os.path.join(out, "van-phong-2026.tmp.xlsx")
    task_report(tmp, "VĂN PHÒNG HĐND VÀ UBND", [
        (1, "Triển khai thực hiện các mục tiêu, chỉ tiêu phát triển KT-XH giai đoạn 2026 - 2030", "Đang thực hiện",
         "Báo cáo 6 tháng, năm"),
        (2, "Xây dựng và phát triển CSDL số của phường", "Đã hoàn thành", "Cơ sở dữ liệu dân cư"),
    ])
    convert(tmp, "ods", "van-phong-2026.ods")
    tmp = os.path.join(out, "bql-du-an-2026.tmp.xlsx")
    task_report(tmp, "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG PHƯỜNG", [
        (1, "Triển khai kế hoạch đầu tư công trung hạn và hàng năm", "Đang triển khai", "Báo cáo tiến độ"),
        (2, "Đẩy nhanh tiến độ giải ngân vốn đầu tư công", "Chậm tiến độ", "Giải ngân 82%"),
    ])
    convert(tmp, "xls:MS Excel 97", "bql-du-an-2026.xls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
