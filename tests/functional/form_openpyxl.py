#!/usr/bin/python3
"""Fill a tonghop form as a unit would, with Debian's python3-openpyxl, then verify what
tonghop check says about it.

    form_openpyxl.py fill FORM.xlsx OUT.xlsx PLANTED.json
    form_openpyxl.py verify CHECK.json PLANTED.json

fill: every input typed the way the form asks (a figure in each "Thực hiện" cell, the first
choice of each dropdown, a status and a result for each task), except three planted
mistakes: one indicator left empty, 120 in a rate ("Tỷ lệ ...", %), one task without a
status. openpyxl 3.0 drops custom document properties and formulas' cached values on
saving, as some tools do: the form's identity then comes from its hidden lists sheet.
verify: the check's errors are exactly the planted ones at their cells, every row maps with
score 1.0, the unit comes from the form. Exit 0 when so, 1 otherwise, 77 without openpyxl.
"""
import json
import sys

try:
    import openpyxl
except ImportError:
    print("python3-openpyxl is not installed: skipped")
    sys.exit(77)

KEY_LABEL = "Khóa dòng (tonghop)"


def columns(ws):
    """Header row and {label: column index} of a form sheet."""
    for row in ws.iter_rows(min_row=1, max_row=20):
        labels = {c.value: c.column for c in row if isinstance(c.value, str)}
        if KEY_LABEL in labels:
            return row[0].row, labels
    raise SystemExit("no key column in " + ws.title)


def list_values(wb, name):
    """The values of a named list (DS_TienDo...) from the hidden sheet."""
    dest = list(wb.defined_names[name].destinations)[0]
    sheet, ref = dest
    return [c.value for row in wb[sheet][ref.replace("$", "")] for c in row if c.value]


def validation_list(ws, cell):
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and cell in dv.sqref:
            return dv.formula1
    return None


def fill(src, out, planted_path):
    wb = openpyxl.load_workbook(src)
    planted = {"missing-value": [], "out-of-range": []}
    ws = wb["Chỉ tiêu"]
    header, cols = columns(ws)
    actual = next(c for label, c in cols.items() if label.startswith("Thực hiện") and label.endswith(str(YEAR)))
    note, plan, key, name = cols["Ghi chú"], cols["Kế hoạch năm %d" % YEAR], cols[KEY_LABEL], cols["Chỉ tiêu"]
    unit_col = cols["ĐVT"]
    n = 0
    rate_done = False
    for r in range(header + 1, ws.max_row + 1):
        if not ws.cell(r, key).value:
            continue
        n += 1
        cell = ws.cell(r, actual)
        ref = "'Chỉ tiêu'!" + cell.coordinate
        listed = validation_list(ws, cell.coordinate)
        label = ws.cell(r, name).value or ""
        if n == 2:
            planted["missing-value"].append(ref)
            continue
        if listed:
            cell.value = list_values(wb, listed)[0]
        elif not rate_done and label.startswith("Tỷ lệ") and ws.cell(r, unit_col).value == "%":
            cell.value = 120
            planted["out-of-range"].append(ref)
            rate_done = True
        else:
            figure = ws.cell(r, plan).value
            cell.value = figure if isinstance(figure, (int, float)) else 1
        ws.cell(r, note).value = "Số liệu của đơn vị"
    ws = wb["Nhiệm vụ"]
    header, cols = columns(ws)
    status, result, key = cols["Tiến độ"], cols["Kết quả thực hiện"], cols[KEY_LABEL]
    n = 0
    for r in range(header + 1, ws.max_row + 1):
        if not ws.cell(r, key).value:
            continue
        n += 1
        if n == 1:
            planted["missing-value"].append("'Nhiệm vụ'!" + ws.cell(r, status).coordinate)
            continue
        ws.cell(r, status).value = list_values(wb, validation_list(ws, ws.cell(r, status).coordinate))[0]
        ws.cell(r, result).value = "Đã triển khai"
    wb.save(out)
    with open(planted_path, "w") as f:
        json.dump(planted, f, ensure_ascii=False)


def verify(check_path, planted_path):
    check = json.load(open(check_path))
    planted = json.load(open(planted_path))
    problems = []
    (f,) = check["files"]
    if f.get("unit_source") != "form":
        problems.append("unit taken from %r, not the form" % f.get("unit_source"))
    for row in f["rows"]:
        if row["score"] != 1:
            problems.append("row %s mapped with score %s" % (row["row"], row["score"]))
    errors = {}
    for i in f["issues"]:
        if i["severity"] == "error":
            errors.setdefault(i["code"], []).append("'%s'!%s" % (i["sheet"], i["cell"]))
        elif i["code"] in ("unknown-item", "ambiguous-match", "duplicate-row", "missing-item"):
            problems.append("unexpected %s: %s" % (i["code"], i["message"]))
    want = {k: sorted(v) for k, v in planted.items() if v}
    got = {k: sorted(v) for k, v in errors.items()}
    if got != want:
        problems.append("errors %s, planted %s" % (got, want))
    for p in problems:
        print(p)
    print("%d rows, errors %s" % (len(f["rows"]), got))
    return 1 if problems else 0


YEAR = 2026

if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "fill":
        fill(sys.argv[2], sys.argv[3], sys.argv[4])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "verify":
        sys.exit(verify(sys.argv[2], sys.argv[3]))
    print(__doc__)
    sys.exit(2)
