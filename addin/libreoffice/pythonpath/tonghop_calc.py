"""The LibreOffice Calc side of tonghop: what the extension's command does, without its
dialogs, so a test drives it through UNO like the menu does.

check_document() saves a copy of the open spreadsheet as .xlsx (the document itself keeps
its file and its modified state), posts it to the office's `tonghop serve` (POST
/api/check: checked, nothing stored) and returns the check of that file; with no server
address but a plan set, it runs `tonghop check` on this PC instead (the program at the
configured path or on PATH) and returns the same shape of answer; send_document()
posts it as the unit's submission (POST /api/submissions). colour_cells() fills the
problem cells (red errors, yellow warnings) and returns what they had, restore_cells()
puts it back; select_cell() shows a problem's cell. Standard library and UNO only: this
runs in LibreOffice's own Python on Windows too.
"""
import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request

import uno
from com.sun.star.beans import PropertyValue

FILLS = {"error": 0xFFC7CE, "warning": 0xFFEB9C}  # the same fills as the Excel pane
NO_FILL = -1  # CellBackColor of a cell without fill
TIMEOUT = 120

TEXT = {
    "vi": {
        "no_server": "Chưa đặt địa chỉ máy chủ tonghop: vào tonghop > Cài đặt máy chủ tonghop… "
                     "và nhập địa chỉ văn phòng cấp (ví dụ http://192.168.1.10:8080), hoặc chọn tệp kế hoạch "
                     "để kiểm tra bằng tonghop trên máy này.",
        "bad_url": "Địa chỉ máy chủ không đúng: '{0}'. Cần dạng http://MÁY:CỔNG hoặc https://MÁY:CỔNG.",
        "unreachable": "Không kết nối được máy chủ tonghop ({0}): {1}. Kiểm tra máy chủ đang chạy và máy này "
                       "cùng mạng với văn phòng.",
        "need_link": "Văn phòng đã bật đường dẫn truy cập: nhập đường dẫn của đơn vị (…/u/…) trong Cài đặt.",
        "server_error": "Máy chủ trả lời lỗi {0}: {1}",
        "save_failed": "Không lưu được bản sao của bảng tính để gửi: {0}",
        "bad_link": "Đường dẫn của đơn vị không đúng: '{0}'. Cần đường dẫn văn phòng cấp, dạng http://…/u/…",
        "no_program": "Không tìm thấy chương trình tonghop ({0}): đặt đường dẫn tới tonghop (hoặc thư mục chứa nó) "
                      "trong tonghop > Cài đặt máy chủ tonghop…, hoặc thêm thư mục đó vào PATH.",
        "no_plan": "Không tìm thấy tệp kế hoạch '{0}': chọn lại tệp kế hoạch trong Cài đặt.",
        "bad_year": "Năm không đúng: '{0}'. Cần năm có 4 chữ số, ví dụ 2026.",
        "local_failed": "tonghop check không kiểm tra được tệp (mã thoát {0}): {1}",
        "local_timeout": "tonghop check chạy quá {0} giây và đã bị dừng.",
        "send_needs_server": "Gửi văn phòng cần địa chỉ máy chủ tonghop (Cài đặt); kiểm tra trên máy này thì không gửi.",
    },
    "en": {
        "no_server": "No tonghop server address yet: open tonghop > tonghop server settings… and enter the "
                     "address the office gave (e.g. http://192.168.1.10:8080), or choose the plan file to check "
                     "with tonghop on this PC.",
        "bad_url": "The server address is not right: '{0}'. Give http://HOST:PORT or https://HOST:PORT.",
        "unreachable": "The tonghop server cannot be reached ({0}): {1}. Check that it runs and that this PC is on "
                       "the office network.",
        "need_link": "The office uses access links: enter the unit's link (…/u/…) in the settings.",
        "server_error": "The server answered with error {0}: {1}",
        "save_failed": "A copy of the spreadsheet could not be saved for sending: {0}",
        "bad_link": "The unit's link is not right: '{0}'. Give the link the office made, like http://…/u/…",
        "no_program": "The tonghop program was not found ({0}): set the path to tonghop (or its folder) in "
                      "tonghop > tonghop server settings…, or add that folder to PATH.",
        "no_plan": "The plan file '{0}' was not found: choose the plan file again in the settings.",
        "bad_year": "The year is not right: '{0}'. Give a 4-digit year, e.g. 2026.",
        "local_failed": "tonghop check could not check the file (exit code {0}): {1}",
        "local_timeout": "tonghop check ran for more than {0} seconds and was stopped.",
        "send_needs_server": "Sending to the office needs the tonghop server's address (settings); a check on this PC "
                             "sends nothing.",
    },
}


class TonghopError(Exception):
    """A problem to show the user as it is (already in their language)."""


def text(lang, key, *args):
    s = TEXT.get(lang, TEXT["vi"])[key]
    for i, a in enumerate(args):
        s = s.replace("{%d}" % i, str(a))
    return s


# --- Settings -----------------------------------------------------------------------------

def settings_path():
    """A small JSON file in the LibreOffice user profile (or the home folder outside it)."""
    try:
        ctx = uno.getComponentContext()
        subst = ctx.ServiceManager.createInstanceWithContext("com.sun.star.util.PathSubstitution", ctx)
        folder = uno.fileUrlToSystemPath(subst.substituteVariables("$(user)", True))
    except Exception:
        folder = os.path.expanduser("~")
    return os.path.join(folder, "tonghop-calc.json")


def load_settings(path=None):
    path = path or settings_path()
    try:
        with open(path, encoding="utf-8") as f:
            s = json.load(f)
    except (OSError, ValueError):
        s = {}
    return {"server": s.get("server", ""), "token": s.get("token", ""), "lang": s.get("lang", "vi"),
            "plan": s.get("plan", ""), "year": s.get("year", ""), "tonghop": s.get("tonghop", "")}


def save_settings(settings, path=None):
    path = path or settings_path()
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(settings, f, ensure_ascii=False)
    os.replace(tmp, path)


def parse_link(raw, lang="vi"):
    """A unit's access link (http://host:port/u/HEX) or its bare code -> (server, token)."""
    raw = raw.strip()
    if not raw:
        return "", ""
    m = re.match(r"^(https?://[^/\s]+)/u/([0-9a-f]+)/?$", raw)
    if m:
        return m.group(1), m.group(2)
    if re.match(r"^[0-9a-f]{16,}$", raw):
        return "", raw
    raise TonghopError(text(lang, "bad_link", raw))


def normalise_server(url, lang="vi"):
    url = url.strip().rstrip("/")
    if not url:
        raise TonghopError(text(lang, "no_server"))
    if not re.match(r"^https?://[^/\s]+$", url):
        raise TonghopError(text(lang, "bad_url", url))
    return url


# --- The server ---------------------------------------------------------------------------

class Server:
    def __init__(self, settings):
        self.lang = settings.get("lang", "vi")
        self.base = normalise_server(settings.get("server", ""), self.lang)
        self.token = settings.get("token", "")
        self.csrf = None

    def _request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.base + path, data=body, method=method)
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        # The server checks Origin against its own address when one is sent.
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
                return r.status, json.loads(r.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            try:
                answer = json.loads(e.read().decode("utf-8"))
            except ValueError:
                answer = {}
            return e.code, answer
        except (urllib.error.URLError, OSError) as e:
            raise TonghopError(text(self.lang, "unreachable", self.base, getattr(e, "reason", e)))

    def _fail(self, status, answer):
        if status == 401:
            raise TonghopError(text(self.lang, "need_link"))
        message = answer.get("message_en" if self.lang == "en" else "message") or answer.get("error") or ""
        raise TonghopError(text(self.lang, "server_error", status, message))

    def session(self):
        status, answer = self._request("GET", "/api/session")
        if status != 200:
            self._fail(status, answer)
        self.csrf = answer["csrf"]
        return answer

    def post_file(self, path, name, data):
        if self.csrf is None:
            self.session()
        return self._request("POST", path, data, {
            "X-Tonghop-CSRF": self.csrf,
            "X-File-Name": urllib.parse.quote(name, safe=""),
            "Content-Type": "application/octet-stream",
        })

    def check(self, name, data):
        status, answer = self.post_file("/api/check?lang=" + self.lang, name, data)
        if status != 200:
            self._fail(status, answer)
        return answer

    def send(self, name, data):
        """The stored submission (its receipt time, unit, status), or TonghopError with the reason."""
        status, answer = self.post_file("/api/submissions", name, data)
        refused = answer.get("refused") or []
        if status == 201 and answer.get("accepted"):
            return answer["accepted"][0]
        if refused:
            one = refused[0]
            raise TonghopError(one.get("message_en" if self.lang == "en" else "message", ""))
        self._fail(status, answer)


# --- tonghop on this PC (no server) ------------------------------------------------------

LOCAL_TIMEOUT = 300
PROGRAM_NAMES = ("tonghop.exe", "tonghop") if os.name == "nt" else ("tonghop",)


def find_tonghop(configured="", lang="vi"):
    """The tonghop program: the configured path (the program, or the folder it is in), else
    the one on PATH. TonghopError saying where it looked when there is none."""
    configured = (configured or "").strip()
    if configured:
        candidates = [configured] if os.path.isfile(configured) else \
            [os.path.join(configured, n) for n in PROGRAM_NAMES]
        for c in candidates:
            if os.path.isfile(c) and os.access(c, os.X_OK):
                return os.path.abspath(c)
    for n in PROGRAM_NAMES:
        found = shutil.which(n)
        if found:
            return found
    raise TonghopError(text(lang, "no_program", (configured + ", " if configured else "") + "PATH"))


def check_year(raw, lang="vi"):
    """The year to check ('' means this year)."""
    raw = str(raw or "").strip()
    if not raw:
        return datetime.date.today().year
    if not re.match(r"^\d{4}$", raw):
        raise TonghopError(text(lang, "bad_year", raw))
    return int(raw)


def local_check(name, data, settings):
    """`tonghop check --format json` on a copy named as the document (the unit is often read
    from the name): the answer in the server's shape {'unit', 'status', 'result', ...}."""
    lang = settings.get("lang", "vi")
    plan = (settings.get("plan") or "").strip()
    if not plan or not os.path.isfile(plan):
        raise TonghopError(text(lang, "no_plan", plan))
    program = find_tonghop(settings.get("tonghop", ""), lang)
    year = check_year(settings.get("year"), lang)
    folder = tempfile.mkdtemp(prefix="tonghop-calc-")
    path = os.path.join(folder, name)
    try:
        with open(path, "wb") as f:
            f.write(data)
        try:
            # Received today, as the server would take it (not the copy's file time).
            run = subprocess.run([program, "check", "--plan", plan, "--year", str(year), "--format", "json",
                                  "--lang", "en" if lang == "en" else "vi",
                                  "--received", path + "=" + datetime.date.today().isoformat(), path],
                                 capture_output=True, timeout=LOCAL_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise TonghopError(text(lang, "local_timeout", LOCAL_TIMEOUT))
        except OSError as e:
            raise TonghopError(text(lang, "local_failed", "-", e))
        # 0 no error, 1 errors found, 3 a file not readable: all answer in JSON.
        try:
            result = json.loads(run.stdout.decode("utf-8")) if run.returncode in (0, 1, 3) else None
        except ValueError:
            result = None
        if not result or not result.get("files"):
            message = run.stderr.decode("utf-8", "replace").strip().splitlines()
            raise TonghopError(text(lang, "local_failed", run.returncode, " ".join(message[:3])))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    one = result["files"][0]
    issues = one.get("issues") or []
    return {"name": name, "readable": run.returncode != 3, "unit": one.get("unit"), "status": one.get("status"),
            "errors": sum(1 for i in issues if i.get("severity") == "error"),
            "warnings": sum(1 for i in issues if i.get("severity") == "warning"),
            "result": result, "local": True}


# --- The document -------------------------------------------------------------------------

def document_name(doc):
    """The document's file name with .xlsx (what the copy is), 'bao-cao.xlsx' when unsaved."""
    url = doc.getURL()
    name = urllib.parse.unquote(url.rsplit("/", 1)[-1]) if url else ""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return (stem or "bao-cao") + ".xlsx"


def xlsx_bytes(doc, lang="vi"):
    """The spreadsheet as .xlsx bytes: a copy stored aside; the document keeps its own file."""
    folder = tempfile.mkdtemp(prefix="tonghop-calc-")
    path = os.path.join(folder, "copy.xlsx")
    try:
        args = (PropertyValue(Name="FilterName", Value="Calc MS Excel 2007 XML"),
                PropertyValue(Name="Overwrite", Value=True))
        doc.storeToURL(uno.systemPathToFileUrl(path), args)
        with open(path, "rb") as f:
            return f.read()
    except Exception as e:  # an IOException from UNO, or the disk
        raise TonghopError(text(lang, "save_failed", e))
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
        os.rmdir(folder)


def check_document(doc, settings):
    """The check of the open spreadsheet: {'result': check JSON, 'status', ...}, by the server
    when its address is set, else by tonghop on this PC when a plan is set."""
    lang = settings.get("lang", "vi")
    if not (settings.get("server") or "").strip() and (settings.get("plan") or "").strip():
        return local_check(document_name(doc), xlsx_bytes(doc, lang), settings)
    server = Server(settings)
    return server.check(document_name(doc), xlsx_bytes(doc, server.lang))


def send_document(doc, settings):
    if not (settings.get("server") or "").strip() and (settings.get("plan") or "").strip():
        raise TonghopError(text(settings.get("lang", "vi"), "send_needs_server"))
    server = Server(settings)
    return server.send(document_name(doc), xlsx_bytes(doc, server.lang))


def issues_of(answer):
    files = (answer.get("result") or {}).get("files") or []
    return files[0]["issues"] if files else []


def problem_cells(issues):
    """Each problem cell once as (sheet, cell, severity); an error wins over a warning."""
    cells = {}
    for i in issues:
        if not i.get("sheet") or not i.get("cell") or i.get("severity") not in FILLS:
            continue
        key = (i["sheet"], i["cell"])
        if key not in cells or i["severity"] == "error":
            cells[key] = i["severity"]
    return [(s, c, sev) for (s, c), sev in cells.items()]


def _range(doc, sheet, cell):
    sheets = doc.getSheets()
    if not sheets.hasByName(sheet):
        return None
    return sheets.getByName(sheet).getCellRangeByName(cell)


def colour_cells(doc, issues):
    """Fills the problem cells; returns [(sheet, cell, previous colour)] for restore_cells."""
    saved = []
    for sheet, cell, severity in problem_cells(issues):
        r = _range(doc, sheet, cell)
        if r is None:
            continue
        saved.append((sheet, cell, r.CellBackColor))
        r.CellBackColor = FILLS[severity]
    return saved


def restore_cells(doc, saved):
    for sheet, cell, colour in saved:
        r = _range(doc, sheet, cell)
        if r is not None:
            r.CellBackColor = colour
            if colour == NO_FILL:
                r.IsCellBackgroundTransparent = True


def select_cell(doc, sheet, cell):
    """Activates the sheet and selects the cell; False when the sheet is not there."""
    r = _range(doc, sheet, cell)
    if r is None:
        return False
    controller = doc.getCurrentController()
    controller.setActiveSheet(doc.getSheets().getByName(sheet))
    controller.select(r)
    return True


def describe(issue, lang="vi"):
    """One line of the dialog's list: severity, place, message."""
    sev = {"vi": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"},
           "en": {"error": "Error", "warning": "Warning", "info": "Info"}}[lang if lang == "en" else "vi"]
    place = issue.get("sheet") or ("whole file" if lang == "en" else "cả tệp")
    if issue.get("sheet") and issue.get("cell"):
        place += "!" + issue["cell"]
    return "[%s] %s: %s" % (sev.get(issue.get("severity"), issue.get("severity")), place, issue.get("message", ""))


def sorted_issues(issues):
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(issues, key=lambda i: order.get(i.get("severity"), 3))
