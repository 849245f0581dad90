#!/usr/bin/python3
"""Packs the LibreOffice Calc extension: pack.py OUT.oxt (default build/tonghop-calc.oxt).
The same bytes from the same sources (fixed times and order), written aside and renamed."""
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ["META-INF/manifest.xml", "description.xml", "tonghop.components", "Addons.xcu",
         "tonghop_component.py", "pythonpath/tonghop_calc.py"]


def pack(out):
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name in FILES:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(os.path.join(HERE, name), "rb") as f:
                z.writestr(info, f.read())
    os.replace(tmp, out)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build", "tonghop-calc.oxt")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    pack(out)
    print(out)
