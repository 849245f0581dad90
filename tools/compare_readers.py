#!/usr/bin/python3
"""Compare, cell by cell, what tonghop reads with Debian's python3-openpyxl (.xlsx) or
python3-xlrd 1.2 (.xls).

Examples:
  /usr/bin/python3 tools/compare_readers.py --tonghop build/tonghop ../shared/corpus
  /usr/bin/python3 tools/compare_readers.py --reader xlrd --tonghop build/tonghop ../shared/corpus
  /usr/bin/python3 tools/compare_readers.py --tonghop build/tonghop --show 20 file.xlsx

openpyxl: every .xlsx/.xlsm file (by content: a zip with xl/workbook.xml) that openpyxl can
open (data_only=True, so formulas give their cached results). xlrd: every OLE2 file with a
Workbook or Book stream that xlrd can open. The worksheets' names and every non-empty cell
value are compared. A file matches when both readers give the same sheet
names and the same set of non-empty cells with equal values. The summary gives the share
of files that match and the classes of difference, with examples.

Normalisation (both sides): text in NFC; numbers compared as floats within 1e-9
(relative); booleans as booleans; errors as their literal (#DIV/0!); dates as ISO text
"YYYY-MM-DDTHH:MM:SS[.mmm]" (or "HH:MM:SS" for times of day).
"""
import argparse
import collections
import datetime
import json
import os
import subprocess
import sys
import unicodedata
import warnings
import zipfile

warnings.simplefilter("ignore")
import re
ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def is_xls(path):
    try:
        with open(path, "rb") as f:
            return f.read(8) == b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
    except Exception:
        return False


def read_xlrd(path):
    import xlrd
    book = xlrd.open_workbook(path, on_demand=False, logfile=open(os.devnull, "w"))
    sheets = []
    for sh in book.sheets():
        cells = {}
        for r in range(sh.nrows):
            for c in range(sh.ncols):
                t = sh.cell_type(r, c)
                v = sh.cell_value(r, c)
                if t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if t == xlrd.XL_CELL_TEXT:
                    cells[(r + 1, c + 1)] = ("s", unicodedata.normalize("NFC", v))
                elif t == xlrd.XL_CELL_NUMBER:
                    if v != v or v in (float("inf"), float("-inf")):
                        cells[(r + 1, c + 1)] = ("s", "#NUM!")  # tonghop's reading of NaN/Inf
                    else:
                        cells[(r + 1, c + 1)] = ("n", float(v))
                elif t == xlrd.XL_CELL_BOOLEAN:
                    cells[(r + 1, c + 1)] = ("b", bool(v))
                elif t == xlrd.XL_CELL_ERROR:
                    cells[(r + 1, c + 1)] = ("s", xlrd.error_text_from_code.get(v, "#ERR!"))
                elif t == xlrd.XL_CELL_DATE:
                    # Compared by serial: xlrd's own calendar differs below serial 61.
                    cells[(r + 1, c + 1)] = ("dx", float(v), book.datemode)
        sheets.append((sh.name, cells))
    return sheets


def is_xlsx(path):
    try:
        with zipfile.ZipFile(path) as z:
            names = {n.lower().lstrip("/") for n in z.namelist()}
            return "xl/workbook.xml" in names or any(
                n.endswith("workbook.xml") and n.startswith("xl/") for n in names)
    except Exception:
        return False


def norm_openpyxl(v):
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, (int, float)):
        return ("n", float(v))
    if isinstance(v, str):
        # openpyxl 3.0 leaves Excel's _xHHHH_ escapes undecoded; Excel decodes them.
        v = ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), v)
        return ("s", unicodedata.normalize("NFC", v))
    if isinstance(v, datetime.datetime):
        s = v.strftime("%Y-%m-%dT%H:%M:%S")
        if v.microsecond:
            s += ".%03d" % round(v.microsecond / 1000)
        return ("d", s)
    if isinstance(v, datetime.date):
        return ("d", v.strftime("%Y-%m-%dT00:00:00"))
    if isinstance(v, datetime.time):
        s = v.strftime("%H:%M:%S")
        if v.microsecond:
            s += ".%03d" % round(v.microsecond / 1000)
        return ("d", s)
    if isinstance(v, datetime.timedelta):
        return ("td", v.total_seconds() / 86400.0)
    return ("?", repr(v))


def norm_tonghop(c):
    t = c["type"]
    v = c.get("value")
    if t == "number":
        return ("n", float(v))
    if t == "text":
        # A formula's empty-string result: openpyxl keeps it for inline strings and drops
        # it for t="str"; either is accepted.
        if v == "" and "formula" in c:
            return ("s?", "")
        return ("s", v)
    if t == "error":
        return ("s", v)
    if t == "boolean":
        return ("b", bool(v))
    if t == "date":
        return ("d", v, c.get("serial"))
    return None


def same(a, b):
    """a is tonghop's value, b openpyxl's."""
    if a[0] == "d" and b[0] == "d":
        return a[1] == b[1]
    if a[0] == "d" and b[0] == "dx":
        serial = b[1] + (1462 if b[2] == 1 and abs(a[2] - b[1]) > 1e-6 else 0)
        return a[2] is not None and abs(a[2] - serial) <= 1e-9 * max(1.0, abs(serial))
    if a[0] == "d" and b[0] == "n":
        # Same stored number, classified as a date by tonghop only: reported apart.
        if a[2] is not None and abs(a[2] - b[1]) <= 1e-9 * max(1.0, abs(b[1])):
            return "soft"
        return False
    if a[0] == "d" and b[0] == "td":
        # openpyxl gives elapsed-time formats ([h]:mm) as timedelta: compare the serial.
        return a[2] is not None and abs(a[2] - b[1]) <= 1e-9 * max(1.0, abs(b[1]))
    if a == b:
        return True
    if a[0] == "n" and b[0] == "n":
        x, y = a[1], b[1]
        return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))
    if a[0] == "td" and b[0] in ("n", "d"):
        return False
    return False


def read_openpyxl(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        if not hasattr(ws, "_cells"):
            continue
        cells = {}
        for (r, c), cell in ws._cells.items():
            v = cell.value
            if v is None:
                continue
            cells[(r, c)] = norm_openpyxl(v)
        sheets.append((ws.title, cells))
    return sheets


def read_tonghop(binary, path):
    p = subprocess.run([binary, "inspect", "--format", "json", path], capture_output=True,
                       timeout=120)
    data = json.loads(p.stdout.decode("utf-8"))
    f = data["files"][0]
    if f["status"] != "ok":
        return None, f["issues"][0]["code"] if f["issues"] else "?"
    sheets = []
    for s in f["sheets"]:
        # openpyxl blanks every cell a merged range covers but its top-left one; tonghop
        # reports what the file stores there. Compare on openpyxl's terms.
        covered = set()
        for m in s["merged"]:
            a, _, b = m.partition(":")
            if not b:
                continue
            (r1, c1), (r2, c2) = ref_to_rc(a), ref_to_rc(b)
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 100000:
                continue
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        covered.add((r, c))
        cells = {}
        for c in s["cells"]:
            v = norm_tonghop(c)
            if v is not None and (c["row"], c["col"]) not in covered:
                cells[(c["row"], c["col"])] = v
        sheets.append((s["name"], cells))
    return sheets, None


def ref_to_rc(ref):
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def col_name(c):
    s = ""
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def compare(ours, theirs):
    """Returns a list of (class, example) differences."""
    diffs = []
    on = [n for n, _ in ours]
    tn = [unicodedata.normalize("NFC", n) for n, _ in theirs]
    if on != tn:
        diffs.append(("sheet-names", "%r vs reference %r" % (on[:5], tn[:5])))
    for (name, oc), (_, tc) in zip(ours, theirs):
        for k, v in tc.items():
            ref = "%s!%s%d" % (name, col_name(k[1]), k[0])
            if k in oc and oc[k][0] == "s?" and v == ("s", ""):
                continue
            if k not in oc:
                diffs.append(("missing-cell:" + v[0], "%s reference=%r" % (ref, v[1])))
            else:
                verdict = same(oc[k], v)
                if verdict == "soft":
                    diffs.append(("soft:date-vs-number", "%s tonghop=%r reference=%r" % (ref, oc[k][1], v[1])))
                elif not verdict:
                    diffs.append(("value:%s/%s" % (oc[k][0], v[0]),
                                  "%s tonghop=%r reference=%r" % (ref, oc[k][1], v[1])))
        for k, v in oc.items():
            if k not in tc and v[0] != "s?":
                ref = "%s!%s%d" % (name, col_name(k[1]), k[0])
                diffs.append(("extra-cell:" + v[0], "%s tonghop=%r" % (ref, v[1])))
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tonghop", required=True, help="path to the tonghop binary")
    ap.add_argument("--reader", choices=("openpyxl", "xlrd"), default="openpyxl")
    ap.add_argument("--show", type=int, default=3, help="examples per difference class")
    ap.add_argument("--json", help="write per-file results here")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()

    files = []
    for p in args.paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names]
        else:
            files.append(p)
    wanted = is_xlsx if args.reader == "openpyxl" else is_xls
    reference = read_openpyxl if args.reader == "openpyxl" else read_xlrd
    files = sorted(f for f in files if wanted(f))

    counts = collections.Counter()
    classes = collections.defaultdict(list)
    per_file = {}
    for f in files:
        try:
            theirs = reference(f)
        except Exception as e:  # openpyxl cannot read it: out of the measure
            counts["openpyxl-failed"] += 1
            per_file[f] = {"openpyxl": "failed: %s" % type(e).__name__}
            continue
        try:
            ours, refusal = read_tonghop(args.tonghop, f)
        except Exception as e:
            ours, refusal = None, "crash: %s" % e
        if ours is None:
            counts["openpyxl-read"] += 1
            counts["tonghop-refused"] += 1
            classes["refused:" + str(refusal)].append(f)
            per_file[f] = {"tonghop": "refused", "code": refusal}
            continue
        if not theirs and ours:
            # openpyxl opens Strict OOXML but sees no sheet in it: it cannot read the file.
            counts["openpyxl-no-sheets"] += 1
            per_file[f] = {"openpyxl": "no sheets"}
            continue
        counts["openpyxl-read"] += 1
        diffs = compare(ours, theirs)
        hard = [d for d in diffs if not d[0].startswith("soft:")]
        if not hard:
            counts["match-soft" if diffs else "match"] += 1
            per_file[f] = {"match": True, "soft": bool(diffs)}
            for k in {k for k, _ in diffs}:
                ex = next(e for kk, e in diffs if kk == k)
                classes[k].append("%s: %s" % (os.path.basename(f), ex))
        else:
            counts["differ"] += 1
            kinds = collections.Counter(k for k, _ in diffs)
            for k in kinds:
                ex = next(e for kk, e in diffs if kk == k)
                classes[k].append("%s: %s (%d cells)" % (os.path.basename(f), ex, kinds[k]))
            per_file[f] = {"match": False, "diffs": dict(kinds)}

    read = counts["openpyxl-read"]
    name = args.reader
    print("%s files (by content): %d" % ("xlsx" if name == "openpyxl" else "OLE2", len(files)))
    print("%s could not open: %d" % (name, counts["openpyxl-failed"]))
    print("%s opened but saw no sheet: %d" % (name, counts["openpyxl-no-sheets"]))
    print("%s read: %d" % (name, read))
    print("  match cell for cell: %d (%.2f%%)" % (counts["match"], 100.0 * counts["match"] / max(read, 1)))
    both = counts["match"] + counts["match-soft"]
    print("  ... counting dates whose serial equals the reference's number: %d (%.2f%%)"
          % (both, 100.0 * both / max(read, 1)))
    print("  differ: %d" % counts["differ"])
    print("  refused by tonghop: %d" % counts["tonghop-refused"])
    print("classes of difference (files):")
    for k, v in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        print("  %-28s %d" % (k, len(v)))
        for e in v[: args.show]:
            print("      " + e[:300])
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"counts": counts, "files": per_file}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
