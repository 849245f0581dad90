// The Excel task pane of tonghop: checks the open workbook with the office's `tonghop serve`
// (POST /api/check, nothing stored), lists the problems by severity, selects a problem's
// cell, colours the problem cells and removes the colours, sends the workbook to the office
// (POST /api/submissions), and downloads the unit's fill-in form (GET /api/form) through a
// browser window, since a pane cannot save a file itself. ES5 only, no build step: perpetual Office 2016/2019 runs add-ins
// in Internet Explorer 11 (no Promise, no fetch, no arrow functions). Newer API sets are
// feature-detected: without ExcelApi 1.1 a cell is selected through goToByIdAsync and
// colouring is not offered.
(function () {
  'use strict';

  var TEXT = {
    vi: {
      title: 'tonghop – Kiểm tra báo cáo', other_lang: 'English',
      check: 'Kiểm tra', colour: 'Tô màu ô có vấn đề', uncolour: 'Bỏ tô màu', send: 'Gửi văn phòng',
      token_label: 'Đường dẫn hoặc mã của đơn vị (văn phòng cấp)', token_save: 'Lưu',
      no_office: 'Không tải được Office.js từ máy chủ của Microsoft: máy này cần kết nối Internet để dùng ngăn kiểm tra. ' +
        'Khi không có Internet, hãy gửi tệp qua trang của văn phòng.',
      not_excel: 'Trang này chạy trong Excel (Trang đầu > Phần bổ trợ). Mở bằng trình duyệt thì không đọc được sổ.',
      no_server: 'Không kết nối được máy chủ tonghop ({0}). Kiểm tra máy chủ đang chạy và máy này cùng mạng với văn phòng.',
      need_token: 'Văn phòng đã bật đường dẫn truy cập: dán đường dẫn của đơn vị (…/u/…) vào ô dưới rồi bấm Lưu.',
      bad_token: 'Đường dẫn hoặc mã không đúng: cần đường dẫn văn phòng cấp cho đơn vị, dạng http://…/u/ (chuỗi chữ số và a–f).',
      ready: 'Sẵn sàng. Bấm "Kiểm tra" để kiểm tra sổ đang mở.',
      reading: 'Đang đọc sổ… ({0}/{1})', checking: 'Đang kiểm tra…', sending: 'Đang gửi…',
      read_failed: 'Không đọc được sổ từ Excel: {0}. Hãy lưu sổ rồi thử lại.',
      server_error: 'Máy chủ trả lời lỗi: {0}',
      unreadable: 'tonghop không đọc được tệp này.',
      office: 'Văn phòng', unit: 'Đơn vị', commune: 'Xã/phường', period: 'Kỳ', status: 'Kết quả',
      errors: 'lỗi', warnings: 'cảnh báo',
      sev_error: 'Lỗi', sev_warning: 'Cảnh báo', sev_info: 'Thông tin',
      no_issues: 'Không có vấn đề nào: có thể gửi văn phòng.',
      select_failed: 'Không chọn được ô {0}: {1}',
      colour_failed: 'Không tô màu được: {0}', coloured: 'Đã tô màu {0} ô. Bấm "Bỏ tô màu" trước khi lưu hoặc gửi.',
      uncoloured: 'Đã bỏ tô màu.', no_colour_api: 'Phiên bản Excel này không cho phép tô màu từ phần bổ trợ (cần ExcelApi 1.1).',
      sent: 'Đã gửi văn phòng lúc {0}.', sent_unit: 'Văn phòng nhận là báo cáo của: {0}.',
      refused: 'Văn phòng chưa nhận tệp: {0}', whole_file: 'cả tệp',
      form: 'Mẫu của đơn vị', form_unit: 'Đơn vị', form_choose: 'Chọn đơn vị trong danh sách để có đường dẫn tải biểu mẫu.',
      form_opened: 'Đã mở trình duyệt để tải biểu mẫu của {0}. Nếu trình duyệt không mở, bấm đường dẫn dưới.',
      form_click: 'Bấm đường dẫn dưới để tải biểu mẫu của {0} bằng trình duyệt, rồi mở tệp tải về bằng Excel.',
      form_link: 'Tải biểu mẫu: {0}'
    },
    en: {
      title: 'tonghop – Check the report', other_lang: 'Tiếng Việt',
      check: 'Check', colour: 'Colour problem cells', uncolour: 'Remove colours', send: 'Send to the office',
      token_label: "The unit's link or code (from the office)", token_save: 'Save',
      no_office: "Office.js could not be loaded from Microsoft's servers: this PC needs internet access for the pane. " +
        "Without internet, send the file through the office's page.",
      not_excel: 'This page runs inside Excel (Home > Add-ins). Opened in a browser it cannot read a workbook.',
      no_server: 'The tonghop server cannot be reached ({0}). Check that it runs and that this PC is on the office network.',
      need_token: "The office uses access links: paste the unit's link (…/u/…) below and press Save.",
      bad_token: 'The link or code is not right: give the link the office made for the unit, like http://…/u/ (digits and a–f).',
      ready: 'Ready. Press "Check" to check the open workbook.',
      reading: 'Reading the workbook… ({0}/{1})', checking: 'Checking…', sending: 'Sending…',
      read_failed: 'The workbook could not be read from Excel: {0}. Save it and try again.',
      server_error: 'The server answered with an error: {0}',
      unreadable: 'tonghop cannot read this file.',
      office: 'Office', unit: 'Unit', commune: 'Commune', period: 'Period', status: 'Result',
      errors: 'errors', warnings: 'warnings',
      sev_error: 'Errors', sev_warning: 'Warnings', sev_info: 'Information',
      no_issues: 'No problem found: the file can be sent.',
      select_failed: 'The cell {0} could not be selected: {1}',
      colour_failed: 'Colouring failed: {0}', coloured: '{0} cells coloured. Press "Remove colours" before saving or sending.',
      uncoloured: 'Colours removed.', no_colour_api: 'This Excel does not let add-ins colour cells (ExcelApi 1.1 is needed).',
      sent: 'Sent to the office at {0}.', sent_unit: 'The office received it as the report of: {0}.',
      refused: 'The office did not accept the file: {0}', whole_file: 'whole file',
      form: "The unit's form", form_unit: 'Unit', form_choose: 'Choose the unit in the list to get the link to its form.',
      form_opened: 'A browser window was opened to download the form of {0}. If none opened, use the link below.',
      form_click: 'Use the link below to download the form of {0} in a browser, then open the file in Excel.',
      form_link: 'Download the form: {0}'
    }
  };
  var FILLS = { error: '#FFC7CE', warning: '#FFEB9C' };  // Excel's own "bad" and "neutral" fills
  var SEVERITIES = ['error', 'warning', 'info'];

  var lang = 'vi';
  var session = null;      // GET /api/session
  var lastCheck = null;    // the answer of POST /api/check
  var coloured = null;     // [{sheet, cell, before}] while the colours are on
  var officeReady = false;

  function $(id) { return document.getElementById(id); }
  function t(key) {
    var s = TEXT[lang][key] || key;
    for (var i = 1; i < arguments.length; i++) s = s.split('{' + (i - 1) + '}').join(String(arguments[i]));
    return s;
  }
  function store(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem('tonghop.' + key);
      if (value === null) window.localStorage.removeItem('tonghop.' + key);
      else window.localStorage.setItem('tonghop.' + key, value);
    } catch (e) { /* storage off: the pane still works, the token is asked again */ }
    return null;
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs) if (attrs.hasOwnProperty(k)) e.setAttribute(k, attrs[k]);
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function say(message, kind) {
    var s = $('status');
    s.className = 'notice' + (kind ? ' ' + kind : '');
    s.textContent = message || '';
  }
  function busy(on) {
    $('check-btn').disabled = on || !officeReady || !session;
    $('send-btn').disabled = on || !officeReady || !session;
    $('form-btn').disabled = on || !session;
    $('colour-btn').disabled = on || !canColour() || !(coloured || hasCells());
  }

  // --- Office ---------------------------------------------------------------------------

  function hasExcelApi() {
    return typeof Excel !== 'undefined' && Office.context && Office.context.requirements &&
      Office.context.requirements.isSetSupported('ExcelApi', '1.1');
  }
  function canColour() { return officeReady && hasExcelApi(); }

  // The workbook as the bytes of an .xlsx, read slice by slice (Compressed works from the
  // oldest Excel API). done(error, Uint8Array).
  function readWorkbook(done) {
    Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: 65536 }, function (res) {
      if (res.status !== Office.AsyncResultStatus.Succeeded) return done(res.error ? res.error.message : 'getFileAsync');
      var file = res.value, count = file.sliceCount, parts = [], total = 0;
      function finish(error) {
        file.closeAsync(function () {
          if (error) return done(error);
          var bytes = new Uint8Array(total), at = 0;
          for (var i = 0; i < parts.length; i++) { bytes.set(parts[i], at); at += parts[i].length; }
          done(null, bytes);
        });
      }
      function next(i) {
        if (i >= count) return finish(null);
        say(t('reading', i + 1, count));
        file.getSliceAsync(i, function (r) {
          if (r.status !== Office.AsyncResultStatus.Succeeded) return finish(r.error ? r.error.message : 'getSliceAsync');
          var part = toBytes(r.value.data);
          parts.push(part);
          total += part.length;
          next(i + 1);
        });
      }
      next(0);
    });
  }
  // A slice's data: an array of byte values on most hosts, base64 text on some.
  function toBytes(data) {
    if (typeof data === 'string') {
      var bin = window.atob(data), out = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    }
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    return new Uint8Array(data);
  }
  // The workbook's file name for the server (the unit is often read from it): the open
  // document's name with the extension of what getFileAsync gives.
  function fileName() {
    var url = (Office.context.document && Office.context.document.url) || '';
    var name = url.split(/[\\\/]/).pop().split('?')[0];
    try { name = decodeURIComponent(name); } catch (e) { /* keep it as written */ }
    if (!name) name = 'bao-cao';
    var dot = name.lastIndexOf('.');
    var ext = dot > 0 ? name.substring(dot).toLowerCase() : '';
    if (ext !== '.xlsx' && ext !== '.xlsm') name = (dot > 0 ? name.substring(0, dot) : name) + '.xlsx';
    return name;
  }

  function quoteSheet(sheet) { return "'" + sheet.replace(/'/g, "''") + "'"; }

  function selectCell(sheet, cell) {
    var fail = function (e) { say(t('select_failed', sheet + '!' + cell, e && e.message ? e.message : e), 'error'); };
    if (hasExcelApi()) {
      Excel.run(function (ctx) {
        var sh = ctx.workbook.worksheets.getItem(sheet);
        sh.activate();
        sh.getRange(cell).select();
        return ctx.sync();
      }).then(null, fail);
    } else {
      Office.context.document.goToByIdAsync(quoteSheet(sheet) + '!' + cell, Office.GoToType.NamedItem,
        { selectionMode: Office.SelectionMode.Selected }, function (r) {
          if (r.status !== Office.AsyncResultStatus.Succeeded) fail(r.error);
        });
    }
  }

  // The cells to colour: each issue's cell once, an error's fill winning over a warning's.
  function problemCells() {
    var issues = lastCheck && lastCheck.result && lastCheck.result.files && lastCheck.result.files[0] ?
      lastCheck.result.files[0].issues : [];
    var seen = {}, list = [];
    for (var i = 0; i < issues.length; i++) {
      var is = issues[i];
      if (!is.sheet || !is.cell || !FILLS[is.severity]) continue;
      var key = is.sheet + '!' + is.cell;
      if (seen[key]) {
        if (is.severity === 'error') seen[key].severity = 'error';
        continue;
      }
      seen[key] = { sheet: is.sheet, cell: is.cell, severity: is.severity };
      list.push(seen[key]);
    }
    return list;
  }
  function hasCells() { return problemCells().length > 0; }

  function colour(done) {
    var cells = problemCells();
    Excel.run(function (ctx) {
      var ranges = [];
      for (var i = 0; i < cells.length; i++) {
        var r = ctx.workbook.worksheets.getItem(cells[i].sheet).getRange(cells[i].cell);
        r.format.fill.load('color');
        ranges.push(r);
      }
      return ctx.sync().then(function () {
        var saved = [];
        for (var i = 0; i < cells.length; i++) {
          saved.push({ sheet: cells[i].sheet, cell: cells[i].cell, before: ranges[i].format.fill.color });
          ranges[i].format.fill.color = FILLS[cells[i].severity];
        }
        return ctx.sync().then(function () { coloured = saved; });
      });
    }).then(function () { done(null, cells.length); }, function (e) { done(e); });
  }
  // Back to the fill each cell had; "#FFFFFF" (what ExcelApi 1.1 reports for no fill) and
  // mixed fills (null) are cleared.
  function uncolour(done) {
    var saved = coloured || [];
    Excel.run(function (ctx) {
      for (var i = 0; i < saved.length; i++) {
        var fill = ctx.workbook.worksheets.getItem(saved[i].sheet).getRange(saved[i].cell).format.fill;
        if (!saved[i].before || saved[i].before.toUpperCase() === '#FFFFFF') fill.clear();
        else fill.color = saved[i].before;
      }
      return ctx.sync();
    }).then(function () { coloured = null; done(null); }, function (e) { done(e); });
  }

  // --- Server ---------------------------------------------------------------------------

  function request(method, path, body, headers, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, path, true);
    var token = store('token');
    if (token) xhr.setRequestHeader('Authorization', 'Bearer ' + token);
    if (session && method !== 'GET') xhr.setRequestHeader('X-Tonghop-CSRF', session.csrf);
    for (var k in headers) if (headers.hasOwnProperty(k)) xhr.setRequestHeader(k, headers[k]);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      if (xhr.status === 0) return done({ status: 0, message: t('no_server', window.location.host) });
      var json = null;
      try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
      if (xhr.status >= 200 && xhr.status < 300) return done(null, json, xhr.status);
      var message = json && (lang === 'en' ? json.message_en : json.message) || ('HTTP ' + xhr.status);
      done({ status: xhr.status, message: message, body: json });
    };
    xhr.send(body === undefined ? null : body);
  }

  function loadSession() {
    request('GET', '/api/session', undefined, {}, function (err, json) {
      if (err && err.status === 401) {
        session = null;
        $('access').className = 'card';
        say(t(store('token') ? 'bad_token' : 'need_token'), 'error');
        return busy(false);
      }
      if (err) { say(err.message, 'error'); return busy(false); }
      session = json;
      $('access').className = 'card hidden';
      $('who').textContent = (json.role === 'unit' ? t('unit') + ': ' + json.unit : t('office')) +
        (json.commune ? ' · ' + json.commune : '') + ' · ' + json.period;
      if (officeReady) say(t('ready'));
      busy(false);
    });
  }

  // "http://host/u/0123abcd" or the bare code.
  function saveToken() {
    var raw = $('token-input').value.replace(/^\s+|\s+$/g, '');
    var m = /\/u\/([0-9a-f]+)\/?$/.exec(raw) || /^([0-9a-f]+)$/.exec(raw);
    if (!m) return say(t('bad_token'), 'error');
    store('token', m[1]);
    loadSession();
  }

  function check() {
    busy(true);
    var run = function () {
      readWorkbook(function (err, bytes) {
        if (err) { say(t('read_failed', err), 'error'); return busy(false); }
        say(t('checking'));
        request('POST', '/api/check?lang=' + lang, bytes.buffer,
          { 'X-File-Name': encodeURIComponent(fileName()), 'Content-Type': 'application/octet-stream' },
          function (e, json) {
            if (e) { say(t('server_error', e.message), 'error'); return busy(false); }
            lastCheck = json;
            say('');
            render();
            busy(false);
          });
      });
    };
    // The colours are ours, not the unit's: never read them back into the check.
    if (coloured) uncolour(function () { $('colour-btn').textContent = t('colour'); run(); });
    else run();
  }

  function send() {
    busy(true);
    var run = function () {
      readWorkbook(function (err, bytes) {
        if (err) { say(t('read_failed', err), 'error'); return busy(false); }
        say(t('sending'));
        request('POST', '/api/submissions', bytes.buffer,
          { 'X-File-Name': encodeURIComponent(fileName()), 'Content-Type': 'application/octet-stream' },
          function (e, json) {
            busy(false);
            var refused = e && e.body && e.body.refused && e.body.refused[0];
            if (e && !refused) return say(t('server_error', e.message), 'error');
            if (refused) return say(t('refused', lang === 'en' ? refused.message_en : refused.message), 'error');
            var s = json.accepted[0];
            var receipt = $('receipt');
            receipt.className = 'notice ok';
            receipt.textContent = t('sent', formatTime(s.received_at)) + (s.unit ? ' ' + t('sent_unit', s.unit) : '');
            if (s.result) { lastCheck = { result: s.result, status: s.status }; render(); }
            say('');
          });
      });
    };
    if (coloured) uncolour(function () { $('colour-btn').textContent = t('colour'); run(); });
    else run();
  }

  // "2026-11-29T13:05:12+07:00" -> "13:05 29/11/2026" (as the server's clock wrote it).
  function formatTime(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || '');
    return m ? m[4] + ':' + m[5] + ' ' + m[3] + '/' + m[2] + '/' + m[1] : String(iso);
  }

  function toggleColour() {
    if (!canColour()) return say(t('no_colour_api'), 'error');
    busy(true);
    if (coloured) {
      uncolour(function (e) {
        busy(false);
        if (e) return say(t('colour_failed', e.message || e), 'error');
        $('colour-btn').textContent = t('colour');
        say(t('uncoloured'), 'ok');
      });
    } else {
      colour(function (e, n) {
        busy(false);
        if (e) return say(t('colour_failed', e.message || e), 'error');
        $('colour-btn').textContent = t('uncolour');
        say(t('coloured', n), 'ok');
      });
    }
  }

  // --- The unit's fill-in form ---------------------------------------------------------

  // A unit's link gives its own form; the office chooses the unit (the one of the last
  // check, when tonghop recognised it).
  var planUnits = null, formCheck = null;  // formCheck: the check whose unit was last proposed
  function formUnit() {
    if (session.role === 'unit') return session.unit;
    var select = $('form-unit');
    return select.value || '';
  }
  function fillUnits(done) {
    if (planUnits) return done();
    request('GET', '/api/plan?lang=' + lang, undefined, {}, function (err, json) {
      if (err) return done(err);
      planUnits = [];
      var units = json && json.plan && json.plan.units || [];
      for (var i = 0; i < units.length; i++) planUnits.push(units[i].name);
      var select = $('form-unit');
      clear(select);
      select.appendChild(el('option', { value: '' }, '—'));
      for (var k = 0; k < planUnits.length; k++) select.appendChild(el('option', { value: planUnits[k] }, planUnits[k]));
      done();
    });
  }
  function checkedUnit() {
    var file = lastCheck && lastCheck.result && lastCheck.result.files && lastCheck.result.files[0];
    return file && file.unit ? file.unit : '';
  }
  // The form's absolute address: the browser that downloads it has neither this pane's
  // header nor its cookie, so the token goes in the query (the server takes it there for
  // this download only).
  function formUrl(unit) {
    var token = store('token');
    return window.location.protocol + '//' + window.location.host + '/api/form?unit=' + encodeURIComponent(unit) +
      (token ? '&token=' + encodeURIComponent(token) : '');
  }
  function canOpenBrowser() {
    return typeof Office !== 'undefined' && Office.context && Office.context.ui &&
      typeof Office.context.ui.openBrowserWindow === 'function' && Office.context.requirements &&
      Office.context.requirements.isSetSupported('OpenBrowserWindowApi', '1.1');
  }
  // The link to the chosen unit's form (hidden while none is chosen); true when shown.
  function showFormLink() {
    var unit = formUnit(), link = $('form-link');
    if (!unit) { link.className = 'hidden'; return false; }
    link.setAttribute('href', formUrl(unit));
    link.textContent = t('form_link', unit);
    link.className = '';
    return true;
  }
  function downloadForm() {
    var box = $('form-box');
    if (session.role !== 'unit' && !planUnits) {
      busy(true);
      return fillUnits(function (err) {
        busy(false);
        if (err) return say(t('server_error', err.message), 'error');
        downloadForm();
      });
    }
    if (session.role !== 'unit' && lastCheck !== formCheck) {
      formCheck = lastCheck;
      var want = checkedUnit();
      for (var i = 0; i < planUnits.length; i++) if (planUnits[i] === want) $('form-unit').value = want;
    }
    var unit = formUnit();
    if (session.role === 'unit') { $('form-unit-label').className = 'hidden'; $('form-unit').className = 'hidden'; }
    box.className = 'card';
    if (!showFormLink()) return say(t('form_choose'), 'error');
    var url = formUrl(unit);
    if (canOpenBrowser()) {
      try {
        Office.context.ui.openBrowserWindow(url);
        return say(t('form_opened', unit), 'ok');
      } catch (e) { /* the link below still works */ }
    }
    say(t('form_click', unit));
  }

  // --- The list -------------------------------------------------------------------------

  function render() {
    var summary = $('summary'), list = $('issues');
    clear(summary);
    clear(list);
    if (!lastCheck) return;
    var file = lastCheck.result && lastCheck.result.files && lastCheck.result.files[0];
    if (!file) return;
    var errors = 0, warnings = 0;
    for (var i = 0; i < file.issues.length; i++) {
      if (file.issues[i].severity === 'error') errors++;
      if (file.issues[i].severity === 'warning') warnings++;
    }
    summary.appendChild(el('p', { id: 'summary-line' },
      el('strong', {}, t('unit') + ': '), file.unit || '—', ' · ',
      el('strong', {}, t('status') + ': '), errors + ' ' + t('errors') + ', ' + warnings + ' ' + t('warnings')));
    if (lastCheck.readable === false) summary.appendChild(el('p', { 'class': 'notice error' }, t('unreadable')));
    var any = false;
    for (var s = 0; s < SEVERITIES.length; s++) {
      var sev = SEVERITIES[s], items = [];
      for (var j = 0; j < file.issues.length; j++) if (file.issues[j].severity === sev) items.push(file.issues[j]);
      if (!items.length) continue;
      any = true;
      var ul = el('ul', { 'class': 'issues', id: 'issues-' + sev });
      for (var k = 0; k < items.length; k++) ul.appendChild(issueItem(items[k]));
      list.appendChild(el('h2', { 'class': 'sev-' + sev }, t('sev_' + sev) + ' (' + items.length + ')'));
      list.appendChild(ul);
    }
    if (!any) list.appendChild(el('p', { 'class': 'notice ok', id: 'no-issues' }, t('no_issues')));
  }

  function issueItem(issue) {
    var place = issue.sheet ? issue.sheet + (issue.cell ? '!' + issue.cell : issue.row ? ' ' + issue.row : '') : t('whole_file');
    var body = [el('span', { 'class': 'cellref' }, place), ' ', issue.message,
      issue.hint ? el('span', { 'class': 'hint' }, issue.hint) : null];
    var inner;
    if (issue.sheet && issue.cell) {
      inner = el('a', { href: '#', 'data-sheet': issue.sheet, 'data-cell': issue.cell });
      inner.onclick = function (ev) {
        if (ev && ev.preventDefault) ev.preventDefault();
        selectCell(issue.sheet, issue.cell);
        return false;
      };
    } else {
      inner = el('span', {});
    }
    for (var i = 0; i < body.length; i++) if (body[i]) inner.appendChild(typeof body[i] === 'string' ? document.createTextNode(body[i]) : body[i]);
    return el('li', { 'class': 'sev-' + issue.severity }, inner);
  }

  function applyLanguage() {
    document.documentElement.setAttribute('lang', lang);
    $('title').textContent = t('title');
    $('lang-btn').textContent = t('other_lang');
    $('check-btn').textContent = t('check');
    $('colour-btn').textContent = t(coloured ? 'uncolour' : 'colour');
    $('send-btn').textContent = t('send');
    $('form-btn').textContent = t('form');
    $('form-unit-label').textContent = t('form_unit');
    $('token-label').textContent = t('token_label');
    $('token-btn').textContent = t('token_save');
  }

  // --- Start ----------------------------------------------------------------------------

  // Office.js wants its callback registered while the page loads, before the DOM is ready.
  var officeInfo = null, started = false;
  if (typeof Office !== 'undefined') {
    if (Office.onReady) Office.onReady(function (info) { officeInfo = info || {}; if (started) officeStarted(); });
    else Office.initialize = function () { officeInfo = { host: 'Excel' }; if (started) officeStarted(); };
  }

  function officeStarted() {
    officeReady = !!officeInfo.host || !!(Office.context && Office.context.document && Office.context.document.getFileAsync);
    if (!officeReady) say(t('not_excel'), 'error');
    else if (session) say(t('ready'));
    busy(false);
    document.body.setAttribute('data-ready', 'yes');
  }

  function start() {
    lang = store('lang') === 'en' ? 'en' : 'vi';
    applyLanguage();
    $('lang-btn').onclick = function () {
      lang = lang === 'vi' ? 'en' : 'vi';
      store('lang', lang);
      applyLanguage();
      render();
    };
    $('token-btn').onclick = saveToken;
    $('check-btn').onclick = check;
    $('send-btn').onclick = send;
    $('colour-btn').onclick = toggleColour;
    $('form-btn').onclick = downloadForm;
    $('form-unit').onchange = function () { if (showFormLink()) say(t('form_click', formUnit())); };
    busy(false);
    started = true;
    loadSession();
    if (typeof Office === 'undefined') {
      say(t('no_office'), 'error');
      document.body.setAttribute('data-ready', 'no-office');
    } else if (officeInfo) {
      officeStarted();
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
