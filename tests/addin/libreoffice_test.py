#!/usr/bin/python3
"""The LibreOffice Calc extension end to end, headless: packed by addin/libreoffice/pack.py,
installed into a private LibreOffice profile through the Extension Manager (what unopkg and
Tools > Extension Manager do; unopkg itself refuses a user install as root), its command's
service registered; then its module, driven through UNO on a sample report opened in
Debian's LibreOffice, checks it against a real `tonghop serve`: the issues equal
`tonghop check`'s for the same file, the document is left as it was, the problem cells are
coloured and their fills restored, a problem's cell is selected, the file is sent and
stored. With no server address but a plan, the same check runs through the local
`tonghop check` (the configured program or folder, else PATH) and finds the same issues.
The dialogs themselves need a screen and are not driven here.

    libreoffice_test.py BUILD/tonghop SOURCE_DIR      (exit 77: no LibreOffice/python3-uno)
"""
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
import zipfile

TONGHOP, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
try:
    import uno
    import unohelper
    from com.sun.star.beans import PropertyValue
    from com.sun.star.task import XInteractionHandler
    from com.sun.star.ucb import XCommandEnvironment
except ImportError:
    print("skipped: python3-uno is not installed")
    sys.exit(77)
if not shutil.which("soffice"):
    print("skipped: no soffice")
    sys.exit(77)
sys.path.insert(0, os.path.join(SOURCE, "addin", "libreoffice", "pythonpath"))
import tonghop_calc as tc  # noqa: E402

SAMPLE = "phong-vhxh-2026-lan-1.xlsx"
PLAN = os.path.join(SOURCE, "samples", "ke-hoach", "an-duong-2026-2030.xlsx")


class Approve(unohelper.Base, XInteractionHandler):
    """Says yes to the Extension Manager's questions (install for this user), as the user
    pressing OK in Tools > Extension Manager; the requests are kept to show on failure."""
    def handle(self, request):
        for c in request.getContinuations():
            if c.queryInterface(uno.getTypeByName("com.sun.star.task.XInteractionApprove")):
                c.select()
                return


class CommandEnv(unohelper.Base, XCommandEnvironment):
    def __init__(self):
        self.handler = Approve()

    def getInteractionHandler(self):
        return self.handler

    def getProgressHandler(self):
        return None


def prop(name, value):
    return PropertyValue(Name=name, Value=value)


class Calc(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="tonghop-calc-test-")
        cls.server = subprocess.Popen(
            [TONGHOP, "serve", "--plan", PLAN, "--year", "2026", "--deadline", "2026-12-03",
             "--data", os.path.join(cls.work, "data"), "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, text=True, start_new_session=True)
        line = cls.server.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+", line)
        while not m:
            line = cls.server.stdout.readline()
            if not line:
                raise RuntimeError("tonghop serve did not start")
            m = re.search(r"http://127\.0\.0\.1:\d+", line)
        cls.base = m.group(0)
        pipe = "tonghop%d" % os.getpid()
        profile = uno.systemPathToFileUrl(os.path.join(cls.work, "profile"))
        cls.office = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
             "-env:UserInstallation=" + profile, "--accept=pipe,name=%s;urp;" % pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 90
        while True:
            try:
                cls.ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                if time.time() > deadline or cls.office.poll() is not None:
                    raise
                time.sleep(0.5)
        cls.smgr = cls.ctx.ServiceManager
        cls.desktop = cls.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", cls.ctx)
        cls.oxt = os.path.join(cls.work, "tonghop-calc.oxt")
        subprocess.run([sys.executable, os.path.join(SOURCE, "addin", "libreoffice", "pack.py"), cls.oxt],
                       check=True, stdout=subprocess.DEVNULL)
        cls.copy = os.path.join(cls.work, SAMPLE)
        shutil.copy(os.path.join(SOURCE, "samples", "bao-cao", SAMPLE), cls.copy)
        cls.doc = cls.desktop.loadComponentFromURL(uno.systemPathToFileUrl(cls.copy), "_blank", 0,
                                                   (prop("Hidden", True),))
        cls.settings = {"server": cls.base, "token": "", "lang": "vi"}

    @classmethod
    def tearDownClass(cls):
        try:
            cls.doc.close(True)
            cls.desktop.terminate()
        except Exception:
            pass
        # soffice is a wrapper around soffice.bin: end each whole process group we started.
        for p in (cls.office, cls.server):
            try:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_1_packed_and_installed(self):
        with zipfile.ZipFile(self.oxt) as z:
            names = set(z.namelist())
            manifest = z.read("META-INF/manifest.xml").decode()
        self.assertIn("pythonpath/tonghop_calc.py", names)
        for entry in re.findall(r'full-path="([^"]+)"', manifest):
            self.assertIn(entry, names)
        manager = self.ctx.getValueByName("/singletons/com.sun.star.deployment.ExtensionManager")
        error = None
        try:
            manager.addExtension(uno.systemPathToFileUrl(self.oxt), (), "user", None, CommandEnv())
        except Exception as e:  # a UNO exception: unittest cannot report it as it is
            error = "not installed: %s" % e
        self.assertIsNone(error)
        ids = [e.getIdentifier().Value for e in manager.getDeployedExtensions("user", None, CommandEnv())]
        self.assertIn("vn.tonghop.calc", ids)
        # The menu's command: service:vn.tonghop.calc.Check, a Python component of the package.
        job = self.smgr.createInstanceWithContext("vn.tonghop.calc.Check", self.ctx)
        self.assertIsNotNone(job, "the extension's component is registered")
        self.assertTrue(hasattr(job, "trigger"))

    @staticmethod
    def cli_issues():
        """`tonghop check` of the sample, received today as the server and the copy take it."""
        original = os.path.join(SOURCE, "samples", "bao-cao", SAMPLE)
        cli = subprocess.run([TONGHOP, "check", "--plan", PLAN, "--year", "2026", "--deadline", "2026-12-03",
                              "--received", original + "=" + datetime.date.today().isoformat(),
                              "--format", "json", original], capture_output=True, text=True)
        return sorted(((i["code"], i["severity"], i["sheet"], i["cell"], i["message"])
                       for i in json.loads(cli.stdout)["files"][0]["issues"]), key=str)

    @staticmethod
    def keyed(answer):
        return sorted(((i["code"], i["severity"], i["sheet"], i["cell"], i["message"])
                       for i in tc.issues_of(answer)), key=str)

    def test_2_issues_equal_tonghop_check(self):
        answer = tc.check_document(self.doc, self.settings)
        got = self.keyed(answer)
        self.assertEqual(got, self.cli_issues())
        self.assertTrue(any(i[3] for i in got), "the sample has problems with cells")
        self.assertEqual(answer["unit"], "Phòng Văn hóa - Xã hội")
        # The document keeps its own file and is not marked changed; nothing is stored.
        self.assertFalse(self.doc.isModified())
        self.assertEqual(self.doc.getURL(), uno.systemPathToFileUrl(self.copy))
        with urllib.request.urlopen(self.base + "/api/submissions") as r:
            self.assertEqual(json.load(r)["submissions"], [])
        type(self).issues = tc.issues_of(answer)

    def test_3_colours_set_and_restored(self):
        cells = tc.problem_cells(self.issues)
        self.assertGreaterEqual(len(cells), 2)
        sheets = self.doc.getSheets()
        first = sheets.getByName(cells[0][0]).getCellRangeByName(cells[0][1])
        first.CellBackColor = 0x00B0F0  # a fill the unit had: it must come back
        saved = tc.colour_cells(self.doc, self.issues)
        self.assertEqual(len(saved), len(cells))
        for sheet, cell, severity in cells:
            self.assertEqual(sheets.getByName(sheet).getCellRangeByName(cell).CellBackColor, tc.FILLS[severity])
        tc.restore_cells(self.doc, saved)
        self.assertEqual(first.CellBackColor, 0x00B0F0)
        for sheet, cell, _ in cells[1:]:
            r = sheets.getByName(sheet).getCellRangeByName(cell)
            self.assertEqual(r.CellBackColor, tc.NO_FILL)
            self.assertTrue(r.IsCellBackgroundTransparent)

    def test_4_a_problem_cell_is_selected(self):
        sheet, cell, _ = tc.problem_cells(self.issues)[-1]
        self.assertTrue(tc.select_cell(self.doc, sheet, cell))
        controller = self.doc.getCurrentController()
        self.assertEqual(controller.getActiveSheet().getName(), sheet)
        self.assertEqual(controller.getSelection().getCellAddress().Column,
                         self.doc.getSheets().getByName(sheet).getCellRangeByName(cell).getCellAddress().Column)
        self.assertEqual(controller.getSelection().getCellAddress().Row,
                         self.doc.getSheets().getByName(sheet).getCellRangeByName(cell).getCellAddress().Row)
        self.assertFalse(tc.select_cell(self.doc, "no such sheet", "A1"))

    def test_5_sent_and_stored(self):
        s = tc.send_document(self.doc, self.settings)
        self.assertEqual(s["unit"], "Phòng Văn hóa - Xã hội")
        self.assertRegex(s["received_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d")
        with urllib.request.urlopen(self.base + "/api/submissions") as r:
            stored = json.load(r)["submissions"]
        self.assertEqual([x["name"] for x in stored], [SAMPLE])

    def test_6_clear_errors(self):
        with self.assertRaisesRegex(tc.TonghopError, "Không kết nối được máy chủ tonghop"):
            tc.check_document(self.doc, {"server": "http://127.0.0.1:9", "token": "", "lang": "vi"})
        with self.assertRaisesRegex(tc.TonghopError, "Chưa đặt địa chỉ máy chủ"):
            tc.check_document(self.doc, {"server": "", "token": "", "lang": "vi"})
        with self.assertRaisesRegex(tc.TonghopError, "not right"):
            tc.check_document(self.doc, {"server": "ftp://x", "token": "", "lang": "en"})
        self.assertEqual(tc.parse_link("http://10.0.0.2:8080/u/0123456789abcdef0123"),
                         ("http://10.0.0.2:8080", "0123456789abcdef0123"))
        with self.assertRaises(tc.TonghopError):
            tc.parse_link("http://10.0.0.2:8080/admin")

    def test_7_no_server_runs_tonghop_check_here(self):
        local = {"server": "", "token": "", "lang": "vi", "plan": PLAN, "year": "2026",
                 "tonghop": os.path.dirname(TONGHOP)}
        expected = self.cli_issues()
        self.doc.setModified(False)  # the colours of test 3 came and went
        answer = tc.check_document(self.doc, local)  # the program's folder configured
        self.assertTrue(answer["local"])
        self.assertEqual(self.keyed(answer), expected)
        self.assertEqual(answer["unit"], "Phòng Văn hóa - Xã hội")
        self.assertEqual(answer["warnings"], sum(1 for i in expected if i[1] == "warning"))
        self.assertFalse(self.doc.isModified())
        # The program itself configured; then none configured, found on PATH.
        self.assertEqual(self.keyed(tc.check_document(self.doc, dict(local, tonghop=TONGHOP))), expected)
        path = os.environ.get("PATH", "")
        os.environ["PATH"] = os.path.dirname(TONGHOP) + os.pathsep + path
        try:
            self.assertEqual(tc.find_tonghop("", "vi"), TONGHOP)
            self.assertEqual(self.keyed(tc.check_document(self.doc, dict(local, tonghop=""))), expected)
            os.environ["PATH"] = os.path.join(self.work, "empty")
            with self.assertRaisesRegex(tc.TonghopError, "Không tìm thấy chương trình tonghop"):
                tc.check_document(self.doc, dict(local, tonghop=os.path.join(self.work, "nowhere")))
        finally:
            os.environ["PATH"] = path
        # The colours go on the cells this check names.
        saved = tc.colour_cells(self.doc, tc.issues_of(answer))
        sheets = self.doc.getSheets()
        for sheet, cell, severity in tc.problem_cells(tc.issues_of(answer)):
            self.assertEqual(sheets.getByName(sheet).getCellRangeByName(cell).CellBackColor, tc.FILLS[severity])
        tc.restore_cells(self.doc, saved)
        with self.assertRaisesRegex(tc.TonghopError, "Không tìm thấy tệp kế hoạch"):
            tc.check_document(self.doc, dict(local, plan=os.path.join(self.work, "no-plan.xlsx")))
        with self.assertRaisesRegex(tc.TonghopError, "not right"):
            tc.check_document(self.doc, dict(local, year="26", lang="en"))
        with self.assertRaisesRegex(tc.TonghopError, "Gửi văn phòng cần địa chỉ máy chủ"):
            tc.send_document(self.doc, local)


if __name__ == "__main__":
    result = unittest.main(argv=[sys.argv[0]], exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
