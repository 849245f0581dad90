"""The extension's UNO component: the menu/toolbar commands "Kiểm tra với tonghop"
(service:vn.tonghop.calc.Check?check) and "Cài đặt máy chủ tonghop…" (?settings). The work
is in pythonpath/tonghop_calc.py; this file only shows dialogs around it."""
import os

import unohelper
import uno
from com.sun.star.awt import XActionListener, XItemListener
from com.sun.star.task import XJobExecutor

import tonghop_calc as tc

UI = {
    "vi": {"title": "tonghop – Kiểm tra báo cáo", "go": "Đến ô", "colour": "Tô màu ô có vấn đề",
           "uncolour": "Bỏ tô màu", "send": "Gửi văn phòng", "close": "Đóng",
           "summary": "Đơn vị: {0} · {1} lỗi, {2} cảnh báo", "none": "Không có vấn đề nào: có thể gửi văn phòng.",
           "sent": "Đã gửi văn phòng lúc {0}.", "settings": "Cài đặt máy chủ tonghop",
           "server": "Địa chỉ máy chủ (văn phòng cấp):", "link": "Đường dẫn của đơn vị (nếu văn phòng cấp):",
           "english": "English", "save": "Lưu", "cancel": "Hủy",
           "local": "Không có máy chủ: kiểm tra bằng tonghop trên máy này với", "plan": "Tệp kế hoạch:",
           "year": "Năm:", "program": "Chương trình tonghop (trống: tìm trong PATH):",
           "local_summary": "Kiểm tra trên máy này (không gửi văn phòng)."},
    "en": {"title": "tonghop – Check the report", "go": "Go to cell", "colour": "Colour problem cells",
           "uncolour": "Remove colours", "send": "Send to the office", "close": "Close",
           "summary": "Unit: {0} · {1} errors, {2} warnings", "none": "No problem found: the file can be sent.",
           "sent": "Sent to the office at {0}.", "settings": "tonghop server settings",
           "server": "Server address (from the office):", "link": "The unit's link (if the office gave one):",
           "english": "English", "save": "Save", "cancel": "Cancel",
           "local": "No server: check with tonghop on this PC, with", "plan": "Plan file:",
           "year": "Year:", "program": "The tonghop program (empty: look on PATH):",
           "local_summary": "Checked on this PC (nothing sent to the office)."},
}


def ui(lang, key, *args):
    s = UI["en" if lang == "en" else "vi"][key]
    for i, a in enumerate(args):
        s = s.replace("{%d}" % i, str(a))
    return s


class Dialog:
    """A dialog built from UNO control models (no .xdl file to keep in step)."""

    def __init__(self, ctx, title, width, height):
        self.ctx = ctx
        smgr = ctx.ServiceManager
        self.model = smgr.createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx)
        self.model.Width, self.model.Height, self.model.Title = width, height, title
        self.dialog = smgr.createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx)
        self.dialog.setModel(self.model)

    def add(self, kind, name, x, y, w, h, **props):
        m = self.model.createInstance("com.sun.star.awt.UnoControl%sModel" % kind)
        m.PositionX, m.PositionY, m.Width, m.Height = x, y, w, h
        for k, v in props.items():
            setattr(m, k, v)
        self.model.insertByName(name, m)
        return self.dialog.getControl(name)

    def run(self):
        toolkit = self.ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", self.ctx)
        self.dialog.createPeer(toolkit, None)
        result = self.dialog.execute()
        self.dialog.dispose()
        return result


def message(ctx, doc, title, text, error=False):
    toolkit = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
    parent = doc.getCurrentController().getFrame().getContainerWindow()
    kind = uno.Enum("com.sun.star.awt.MessageBoxType", "ERRORBOX" if error else "INFOBOX")
    box = toolkit.createMessageBox(parent, kind, 1, title, text)  # 1: an OK button
    box.execute()
    box.dispose()


class Listener(unohelper.Base, XActionListener, XItemListener):
    def __init__(self, on_action=None, on_item=None):
        self.on_action, self.on_item = on_action, on_item

    def actionPerformed(self, event):
        if self.on_action:
            self.on_action(event)

    def itemStateChanged(self, event):
        if self.on_item:
            self.on_item(event)

    def disposing(self, source):
        pass


class Check(unohelper.Base, XJobExecutor):
    def __init__(self, ctx):
        self.ctx = ctx

    def trigger(self, args):
        desktop = self.ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        doc = desktop.getCurrentComponent()
        if doc is None or not doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
            return
        settings = tc.load_settings()
        if args == "settings" or not (settings["server"] or settings["plan"]):
            if not self.settings_dialog(doc, settings) or args == "settings":
                return
            settings = tc.load_settings()
        try:
            answer = tc.check_document(doc, settings)
        except tc.TonghopError as e:
            message(self.ctx, doc, ui(settings["lang"], "title"), str(e), error=True)
            return
        self.results_dialog(doc, settings, answer)

    def settings_dialog(self, doc, settings):
        lang = settings["lang"]
        d = Dialog(self.ctx, ui(lang, "settings"), 230, 190)
        d.add("FixedText", "l1", 6, 6, 218, 10, Label=ui(lang, "server"))
        server = d.add("Edit", "server", 6, 18, 218, 14, Text=settings["server"])
        d.add("FixedText", "l2", 6, 38, 218, 10, Label=ui(lang, "link"))
        link = d.add("Edit", "link", 6, 50, 218, 14, Text=settings["token"])
        d.add("FixedLine", "line", 6, 68, 218, 8, Label=ui(lang, "local"))
        d.add("FixedText", "l3", 6, 80, 150, 10, Label=ui(lang, "plan"))
        plan = d.add("FileControl", "plan", 6, 92, 178, 14, Text=settings["plan"])
        d.add("FixedText", "l4", 188, 80, 36, 10, Label=ui(lang, "year"))
        year = d.add("Edit", "year", 188, 92, 36, 14, Text=str(settings["year"] or ""))
        d.add("FixedText", "l5", 6, 112, 218, 10, Label=ui(lang, "program"))
        program = d.add("FileControl", "program", 6, 124, 218, 14, Text=settings["tonghop"])
        english = d.add("CheckBox", "english", 6, 148, 100, 12, Label=ui(lang, "english"), State=int(lang == "en"))
        d.add("Button", "ok", 110, 168, 55, 16, Label=ui(lang, "save"), PushButtonType=1, DefaultButton=True)
        d.add("Button", "cancel", 169, 168, 55, 16, Label=ui(lang, "cancel"), PushButtonType=2)
        if d.run() != 1:
            return False
        new_lang = "en" if english.getState() else "vi"
        plan_path, year_text = plan.getText().strip(), year.getText().strip()
        try:
            base, token = tc.parse_link(link.getText(), new_lang)
            address = server.getText() or base
            if address or not plan_path:
                url = tc.normalise_server(address, new_lang)
            else:  # tonghop on this PC: the plan, the year and the program must be there
                url = ""
                tc.check_year(year_text, new_lang)
                if not os.path.isfile(plan_path):
                    raise tc.TonghopError(tc.text(new_lang, "no_plan", plan_path))
                tc.find_tonghop(program.getText(), new_lang)
        except tc.TonghopError as e:
            message(self.ctx, doc, ui(new_lang, "title"), str(e), error=True)
            return False
        tc.save_settings({"server": url, "token": token, "lang": new_lang, "plan": plan_path, "year": year_text,
                          "tonghop": program.getText().strip()})
        return True

    def results_dialog(self, doc, settings, answer):
        lang = settings["lang"]
        issues = tc.sorted_issues(tc.issues_of(answer))
        d = Dialog(self.ctx, ui(lang, "title"), 320, 220)
        errors = sum(1 for i in issues if i.get("severity") == "error")
        warnings = sum(1 for i in issues if i.get("severity") == "warning")
        d.add("FixedText", "summary", 6, 6, 308, 10, Label=ui(lang, "summary", answer.get("unit") or "—", errors, warnings))
        items = tuple(tc.describe(i, lang) for i in issues) or (ui(lang, "none"),)
        box = d.add("ListBox", "issues", 6, 20, 308, 150, StringItemList=items, Dropdown=False)
        status = d.add("FixedText", "status", 6, 174, 308, 10, Label=ui(lang, "local_summary") if answer.get("local") else "")
        go = d.add("Button", "go", 6, 196, 60, 16, Label=ui(lang, "go"))
        colour = d.add("Button", "colour", 70, 196, 90, 16, Label=ui(lang, "colour"))
        send = d.add("Button", "send", 164, 196, 90, 16, Label=ui(lang, "send"))
        d.add("Button", "close", 258, 196, 56, 16, Label=ui(lang, "close"), PushButtonType=2)
        state = {"saved": None}

        def show_selected(_event=None):
            n = box.getSelectedItemPos()
            if 0 <= n < len(issues) and issues[n].get("sheet") and issues[n].get("cell"):
                tc.select_cell(doc, issues[n]["sheet"], issues[n]["cell"])

        def toggle_colour(_event):
            if state["saved"] is None:
                state["saved"] = tc.colour_cells(doc, issues)
                colour.getModel().Label = ui(lang, "uncolour")
            else:
                tc.restore_cells(doc, state["saved"])
                state["saved"] = None
                colour.getModel().Label = ui(lang, "colour")

        def send_file(_event):
            # The colours are not the unit's: never sent.
            if state["saved"] is not None:
                toggle_colour(None)
            try:
                s = tc.send_document(doc, settings)
                status.getModel().Label = ui(lang, "sent", s.get("received_at", ""))
            except tc.TonghopError as e:
                status.getModel().Label = str(e)

        box.addItemListener(Listener(on_item=show_selected))
        go.addActionListener(Listener(on_action=show_selected))
        colour.addActionListener(Listener(on_action=toggle_colour))
        send.addActionListener(Listener(on_action=send_file))
        d.run()


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(Check, "vn.tonghop.calc.Check", ("com.sun.star.task.Job",))
