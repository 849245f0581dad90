#!/usr/bin/python3
"""Recalculate a workbook in LibreOffice and compare every formula's result with the value
the file carries (what viewers that do not recalculate show).

    /usr/bin/python3 tools/recalc_compare.py out/tong-hop-2026.xlsx

Starts its own headless soffice with a private profile, loads the file (LibreOffice keeps
the cached results of .xlsx files on load), reads each formula cell, recalculates
everything, reads again. Exit 0 when all agree, 1 with the differing cells listed, 77 when
LibreOffice or its Python bridge (python3-uno) is missing.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    print("python3-uno is not installed: skipped")
    sys.exit(77)


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def formula_cells(doc):
    """{(sheet, row, col): (formula, value)} for every formula cell."""
    out = {}
    FORMULA = 4  # com.sun.star.table.CellContentType.FORMULA
    for sheet in doc.Sheets:
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        rows, cols = cursor.RangeAddress.EndRow + 1, cursor.RangeAddress.EndColumn + 1
        for r in range(rows):
            for c in range(cols):
                cell = sheet.getCellByPosition(c, r)
                if cell.Type.value != "FORMULA":
                    continue
                # A text result has no numeric value; compare strings then.
                kind = cell.FormulaResultType2
                value = cell.String if kind == 2 else cell.Value  # 2: TEXT
                out[(sheet.Name, r, c)] = (cell.Formula, value)
    return out


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if not shutil.which("soffice"):
        print("LibreOffice is not installed: skipped")
        return 77
    path = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp()
    pipe = "tonghop_recalc_%d" % os.getpid()
    proc = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + tmp + "/profile", "--headless",
                             "--invisible", "--norestore", "--accept=pipe,name=%s;urp;" % pipe],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env=dict(os.environ, HOME=tmp, TMPDIR=tmp))  # no shared home or profile
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(120):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.5)
        if ctx is None:
            print("could not reach LibreOffice")
            return 1
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
        cached = formula_cells(doc)
        doc.calculateAll()
        computed = formula_cells(doc)
        doc.close(True)
        bad = []
        for key, (formula, value) in cached.items():
            now = computed[key][1]
            same = abs(value - now) < 1e-9 if isinstance(value, float) and isinstance(now, float) else value == now
            if not same:
                bad.append("%s!R%dC%d %s: cached %r, recalculated %r" % (key[0], key[1] + 1, key[2] + 1, formula, value, now))
        print("%d formulas, %d differ after recalculation" % (len(cached), len(bad)))
        for line in bad[:40]:
            print("  " + line)
        return 1 if bad or not cached else 0
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            os.killpg(proc.pid, 9)
        except Exception:
            pass
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
