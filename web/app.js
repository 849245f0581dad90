// tonghop serve: the office's page. Plain JavaScript, no framework, nothing from outside.
// Every view is built from the JSON API with DOM calls (no HTML strings), except the
// charts, which are SVG made by our own server.
'use strict';

const T = {
  vi: {
    loading: 'Đang tải…', no_access: 'Cần đường dẫn truy cập do văn phòng cấp. Hãy mở đường dẫn văn phòng đã gửi cho bạn.',
    upload_title: 'Tải lên báo cáo của các đơn vị', upload_hint: 'Kéo thả các tệp vào đây, hoặc', choose: 'chọn tệp',
    upload_formats: 'Excel (.xlsx, .xls), LibreOffice (.ods), CSV; tối đa 25 MB mỗi tệp. Kiểm tra ngay khi nhận.',
    uploading: 'Đang gửi', checking: 'Đang kiểm tra…', refused: 'Bị từ chối', view_result: 'Xem kết quả',
    unit: 'Đơn vị', unknown_unit: 'Chưa rõ đơn vị', period: 'Kỳ báo cáo', received: 'Nhận lúc', status: 'Trạng thái',
    errors: 'lỗi', warnings: 'cảnh báo', file: 'Tệp', size: 'Cỡ',
    st_ok: 'Đạt yêu cầu', st_warnings: 'Có cảnh báo', st_errors: 'Có lỗi', st_unreadable: 'Không đọc được',
    results_title: 'Kết quả kiểm tra', results_list: 'Các tệp đã nhận (mới nhất trước)', none_yet: 'Chưa có tệp nào.',
    sev_error: 'Lỗi', sev_warning: 'Cảnh báo', sev_info: 'Thông tin', cell: 'Ô', message: 'Nội dung', hint: 'Cách sửa',
    rows_title: 'Các dòng đã đọc và nội dung kế hoạch tương ứng', written: 'Đơn vị ghi', matched: 'Nội dung kế hoạch',
    score: 'Độ giống', value: 'Giá trị', not_matched: 'Không khớp', fix: 'Sửa', save: 'Lưu', cancel: 'Hủy',
    not_plan_item: '— Không phải nội dung của kế hoạch —', search_item: 'Gõ để tìm chỉ tiêu, nhiệm vụ…',
    choose_unit_title: 'tonghop chưa biết tệp này của đơn vị nào hoặc kỳ nào: hãy chọn rồi kiểm tra lại.',
    remember_unit: 'Ghi nhớ: tên tệp này chỉ đơn vị đã chọn (áp dụng cho các lần sau)', recheck: 'Kiểm tra lại',
    download_original: 'Tải bản gốc', download_report: 'Tải sổ đánh dấu lỗi (gửi lại đơn vị)', history: 'Lịch sử',
    no_issues: 'Không có vấn đề nào.', units_title: 'Theo dõi các đơn vị', deadline: 'Hạn nộp',
    left: 'còn', overdue: 'đã quá hạn', days: 'ngày', hours: 'giờ', all: 'Tất cả', sent: 'Đã gửi', missing: 'Chưa gửi',
    late: 'Gửi muộn', with_errors: 'Có lỗi', on_time: 'Đúng hạn', last_version: 'Bản mới nhất',
    missing_items: 'Nội dung chưa báo cáo', kpi_units: 'Đơn vị đã gửi', kpi_ind: 'Chỉ tiêu đạt', kpi_tasks: 'Nhiệm vụ hoàn thành',
    kpi_late: 'Gửi muộn', kpi_missing: 'Chưa gửi', rows_behind: 'Các dòng của hình', group: 'Nhóm', target: 'Mục tiêu',
    actual: 'Thực hiện', source: 'Nguồn', lead: 'Chủ trì', clear: 'Bỏ lọc', history_title: 'Lịch sử các bản báo cáo',
    choose_unit: 'Chọn đơn vị', current: 'Bản đang dùng', superseded: 'Bản cũ', compare: 'So sánh với bản trước',
    changes: 'Thay đổi so với bản trước', before: 'Trước', after: 'Sau', unchanged: 'dòng không đổi', added: 'thêm',
    removed: 'bỏ', changed: 'đổi', consolidate_title: 'Lập sổ tổng hợp năm',
    consolidate_text: 'Lập sổ tổng hợp từ các bản mới nhất của từng đơn vị, theo mẫu của thành phố (cùng cách làm với lệnh tonghop consolidate). Mỗi lần lập được lưu lại cùng các bản đã dùng.',
    consolidate_btn: 'Lập và tải sổ tổng hợp', consolidating: 'Đang lập sổ…', made: 'Đã lập', versions_used: 'Các bản đã dùng',
    download: 'Tải về', past: 'Các lần đã lập', per_unit: 'Sổ đánh dấu lỗi gửi lại từng đơn vị',
    plan_title: 'Kế hoạch tonghop đã hiểu', indicators: 'Chỉ tiêu', tasks: 'Nhiệm vụ', units: 'Đơn vị báo cáo',
    defects: 'Lỗi trong kế hoạch', responsible: 'Đơn vị tham mưu', timeframe: 'Thời gian', code: 'STT', name: 'Tên',
    uom: 'ĐVT', no_defects: 'Kế hoạch không có lỗi.', corrections: 'Những điều văn phòng đã dạy tonghop', remove: 'Xóa',
    saved: 'Đã lưu và kiểm tra lại.', failed: 'Không thực hiện được', of: 'trên', met: 'Đạt', 'not-met': 'Không đạt',
    exceeded: 'Vượt', unknown: 'Chưa đánh giá', 'no-data': 'Chưa báo cáo', done: 'Hoàn thành', 'in-progress': 'Đang thực hiện',
    'not-started': 'Chưa thực hiện', 'behind-schedule': 'Chậm tiến độ', none: 'Chưa rõ', yes: 'Có', no: 'Không',
    taught: 'văn phòng đã chỉ', sheet_row: 'Trang, hàng', uploaded_by: 'Người gửi', office: 'Văn phòng',
    form: 'Biểu mẫu', form_unit_hint: 'Biểu mẫu của đơn vị (tự kiểm tra khi nhập; điền xong gửi lại tại đây):',
    form_office_hint: 'Biểu mẫu để từng đơn vị điền: tải ở trang Đơn vị, cột cuối.',
  },
  en: {
    loading: 'Loading…', no_access: 'An access link from the office is needed. Open the link the office sent you.',
    upload_title: 'Upload the units’ reports', upload_hint: 'Drop the files here, or', choose: 'choose files',
    upload_formats: 'Excel (.xlsx, .xls), LibreOffice (.ods), CSV; 25 MB per file at most. Checked as soon as received.',
    uploading: 'Sending', checking: 'Checking…', refused: 'Refused', view_result: 'See the result',
    unit: 'Unit', unknown_unit: 'Unit unknown', period: 'Period', received: 'Received', status: 'Status',
    errors: 'errors', warnings: 'warnings', file: 'File', size: 'Size',
    st_ok: 'Fine', st_warnings: 'Warnings', st_errors: 'Errors', st_unreadable: 'Unreadable',
    results_title: 'Check result', results_list: 'Files received (newest first)', none_yet: 'No file yet.',
    sev_error: 'Errors', sev_warning: 'Warnings', sev_info: 'Information', cell: 'Cell', message: 'Message', hint: 'How to fix',
    rows_title: 'The rows as read and the plan items they matched', written: 'As written', matched: 'Plan item',
    score: 'Similarity', value: 'Value', not_matched: 'No match', fix: 'Correct', save: 'Save', cancel: 'Cancel',
    not_plan_item: '— Not a plan item —', search_item: 'Type to search indicators, tasks…',
    choose_unit_title: 'tonghop could not tell this file’s unit or period: choose them and check again.',
    remember_unit: 'Remember: this file name means the chosen unit (for later uploads too)', recheck: 'Check again',
    download_original: 'Download the original', download_report: 'Download the annotated copy (to send back)', history: 'History',
    no_issues: 'No problem found.', units_title: 'The units', deadline: 'Deadline',
    left: 'left', overdue: 'overdue', days: 'days', hours: 'hours', all: 'All', sent: 'Sent', missing: 'Not sent',
    late: 'Late', with_errors: 'With errors', on_time: 'On time', last_version: 'Latest version',
    missing_items: 'Items not reported', kpi_units: 'Units sent', kpi_ind: 'Indicators met', kpi_tasks: 'Tasks done',
    kpi_late: 'Late', kpi_missing: 'Not sent', rows_behind: 'The rows behind the picture', group: 'Group', target: 'Target',
    actual: 'Actual', source: 'Source', lead: 'Lead', clear: 'Clear filter', history_title: 'Versions of the reports',
    choose_unit: 'Choose a unit', current: 'Current', superseded: 'Older', compare: 'Compare with the previous version',
    changes: 'Changes since the previous version', before: 'Before', after: 'After', unchanged: 'rows unchanged', added: 'added',
    removed: 'removed', changed: 'changed', consolidate_title: 'The consolidated yearly workbook',
    consolidate_text: 'Builds the consolidated workbook from each unit’s latest version, in the city’s layout (the same engine as tonghop consolidate). Each one is recorded with the versions it used.',
    consolidate_btn: 'Build and download', consolidating: 'Building…', made: 'Made', versions_used: 'Versions used',
    download: 'Download', past: 'Made so far', per_unit: 'Annotated copies to send back to each unit',
    plan_title: 'The plan as tonghop understood it', indicators: 'Indicators', tasks: 'Tasks', units: 'Reporting units',
    defects: 'Defects in the plan', responsible: 'Responsible unit', timeframe: 'Timeframe', code: 'No.', name: 'Name',
    uom: 'Unit', no_defects: 'The plan has no defect.', corrections: 'What the office taught tonghop', remove: 'Remove',
    saved: 'Saved and checked again.', failed: 'Failed', of: 'of', met: 'Met', 'not-met': 'Not met',
    exceeded: 'Exceeded', unknown: 'Not assessed', 'no-data': 'Not reported', done: 'Done', 'in-progress': 'In progress',
    'not-started': 'Not started', 'behind-schedule': 'Behind schedule', none: 'Unclear', yes: 'Yes', no: 'No',
    taught: 'taught by the office', sheet_row: 'Sheet, row', uploaded_by: 'Uploaded by', office: 'Office',
    form: 'Form', form_unit_hint: 'Your unit’s fill-in form (it checks itself as you type; send it back here when filled):',
    form_office_hint: 'Fill-in forms for the units: on the Units page, last column.',
  },
};

let lang = localStorage.getItem('tonghop-lang') === 'en' ? 'en' : 'vi';
let session = null;
let planCache = {};
const t = (k) => (T[lang][k] !== undefined ? T[lang][k] : k);

// el('div', {class: 'x', onclick: f}, 'text', child...)
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function api(path, opts = {}) {
  const sep = path.includes('?') ? '&' : '?';
  const url = opts.method && opts.method !== 'GET' ? path : path + sep + 'lang=' + lang;
  const headers = Object.assign({}, opts.headers || {});
  if (opts.method && opts.method !== 'GET') headers['X-Tonghop-CSRF'] = session ? session.csrf : '';
  const res = await fetch(url, Object.assign({}, opts, { headers, credentials: 'same-origin' }));
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const msg = body ? (lang === 'en' ? body.message_en || body.message : body.message) : res.statusText;
    const err = new Error(msg || String(res.status));
    err.status = res.status;
    err.body = body;
    throw err;
  }
  return body;
}

function form(data) {
  return Object.entries(data).map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}

function post(path, data) {
  return api(path, { method: 'POST', body: form(data || {}), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

function fmtTime(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return m[3] + '/' + m[2] + '/' + m[1] + (m[4] ? ' ' + m[4] + ':' + m[5] : '');
}

function fmtSize(n) { return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(0) + ' KB' : (n / 1048576).toFixed(1) + ' MB'; }

function badge(status) {
  return el('span', { class: 'badge badge-' + status }, t('st_' + status) || status);
}

function pill(kind, text) { return el('span', { class: 'pill pill-' + kind }, text); }

function statusWord(s) { return el('span', { class: 'state state-' + s }, t(s)); }

function section(title, ...children) {
  return el('section', { class: 'card' }, el('h2', {}, title), ...children);
}

function table(headers, rows, cls) {
  return el('div', { class: 'table-wrap' }, el('table', { class: cls || '' },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows)));
}

function notice(kind, text) { return el('div', { class: 'notice notice-' + kind, role: 'status' }, text); }

function query(hash) {
  const q = {};
  const i = hash.indexOf('?');
  if (i < 0) return q;
  for (const part of hash.slice(i + 1).split('&')) {
    const [k, v] = part.split('=');
    if (k) q[decodeURIComponent(k)] = decodeURIComponent((v || '').replace(/\+/g, ' '));
  }
  return q;
}

async function plan() {
  if (!planCache[lang]) planCache[lang] = await api('/api/plan');
  return planCache[lang];
}

// ---------------------------------------------------------------- Tải lên
// The unit's fill-in form (tonghop template), made by the server for the office's period.
function formLink(unit) {
  return el('a', { href: '/api/form?unit=' + encodeURIComponent(unit), download: '', class: 'form-link' }, t('form'));
}

function uploadPage(main) {
  const list = el('div', { class: 'uploads', id: 'upload-list' });
  const input = el('input', { type: 'file', id: 'file-input', multiple: true, class: 'visually-hidden',
    accept: '.xlsx,.xlsm,.xls,.ods,.csv,.txt' });
  const zone = el('label', { class: 'dropzone', for: 'file-input', id: 'dropzone' },
    el('div', { class: 'drop-icon', 'aria-hidden': 'true' }, '⇪'),
    el('div', {}, t('upload_hint'), ' ', el('span', { class: 'link' }, t('choose'))),
    el('div', { class: 'muted small' }, t('upload_formats')));
  input.addEventListener('change', () => { queue([...input.files]); input.value = ''; });
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); queue([...e.dataTransfer.files]); });
  const formHint = session && session.unit
    ? el('p', { class: 'muted small' }, t('form_unit_hint'), ' ', formLink(session.unit))
    : el('p', { class: 'muted small' }, t('form_office_hint'));
  main.append(section(t('upload_title'), input, zone, formHint, list));

  const pending = [];
  let running = 0;
  function queue(files) {
    for (const f of files) {
      const bar = el('progress', { max: 100, value: 0 });
      const state = el('span', { class: 'muted' }, t('uploading'));
      const item = el('div', { class: 'upload-item' },
        el('div', { class: 'upload-head' }, el('strong', {}, f.name), el('span', { class: 'muted small' }, fmtSize(f.size))),
        bar, el('div', { class: 'upload-state' }, state));
      list.prepend(item);
      pending.push({ f, bar, state, item });
    }
    pump();
  }
  function pump() {
    while (running < 2 && pending.length) { running++; send(pending.shift()).finally(() => { running--; pump(); }); }
  }
  function send(job) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/submissions');
      xhr.setRequestHeader('X-Tonghop-CSRF', session.csrf);
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(job.f.name));
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) job.bar.value = Math.round(e.loaded * 100 / e.total); };
      xhr.upload.onload = () => { job.bar.value = 100; job.state.textContent = t('checking'); };
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        job.state.replaceChildren();
        if (body && body.accepted && body.accepted.length) {
          const s = body.accepted[0];
          job.item.classList.add('done');
          job.state.append(badge(s.status), ' ',
            el('span', {}, s.unit || t('unknown_unit')), ' · ',
            el('span', { class: 'muted' }, s.errors + ' ' + t('errors') + ', ' + s.warnings + ' ' + t('warnings')), ' ',
            el('a', { href: '#results/' + s.id, class: 'btn btn-small' }, t('view_result')));
        } else {
          const r = body && body.refused && body.refused[0];
          job.item.classList.add('refused');
          const msg = r ? (lang === 'en' ? r.message_en : r.message) : (body ? (lang === 'en' ? body.message_en : body.message) : xhr.statusText || xhr.responseText);
          job.state.append(badge('unreadable'), ' ', el('strong', {}, t('refused') + ': '), msg || '');
          const issues = r && r.result && r.result.files && r.result.files[0] ? r.result.files[0].issues : [];
          for (const i of issues) job.state.append(el('div', { class: 'small' }, i.message, ' ', el('em', { class: 'muted' }, i.hint || '')));
        }
        resolve();
      };
      xhr.onerror = () => { job.state.textContent = t('failed'); job.item.classList.add('refused'); resolve(); };
      xhr.send(job.f);
    });
  }
}

// ---------------------------------------------------------------- Kết quả
async function resultsList(main) {
  const data = await api('/api/submissions');
  const rows = data.submissions.slice().reverse().map((s) => el('tr', {},
    el('td', {}, el('a', { href: '#results/' + s.id }, s.name)),
    el('td', {}, s.unit || el('em', { class: 'muted' }, t('unknown_unit'))),
    el('td', {}, fmtTime(s.received_at)),
    el('td', {}, badge(s.status), s.superseded_by ? el('span', { class: 'muted small' }, ' (' + t('superseded') + ')') : ''),
    el('td', { class: 'num' }, s.errors), el('td', { class: 'num' }, s.warnings)));
  main.append(section(t('results_list'), rows.length ? table([t('file'), t('unit'), t('received'), t('status'), t('errors'), t('warnings')], rows)
    : el('p', { class: 'muted' }, t('none_yet'))));
}

async function resultPage(main, id) {
  const s = await api('/api/submissions/' + id);
  const file = s.result.files[0];
  const office = session.role === 'office';
  const head = el('div', { class: 'result-head' },
    el('div', {}, el('h2', {}, s.name), el('div', { class: 'facts' },
      fact(t('unit'), s.unit ? s.unit + (s.unit_source === 'filename' ? ' (' + (lang === 'en' ? 'from the file name' : 'theo tên tệp') + ')' : '') : t('unknown_unit')),
      fact(t('period'), file.period ? periodText(file.period) : '—'),
      fact(t('received'), fmtTime(s.received_at)),
      fact(t('status'), badge(s.status)),
      fact(t('size'), fmtSize(s.size)))),
    el('div', { class: 'actions' },
      el('a', { class: 'btn', href: '/api/submissions/' + s.id + '/original', download: s.name }, t('download_original')),
      el('a', { class: 'btn', href: '/api/submissions/' + s.id + '/report?lang=' + lang }, t('download_report')),
      office && s.unit ? el('a', { class: 'btn btn-ghost', href: '#history?unit=' + encodeURIComponent(s.unit) }, t('history')) : null));
  main.append(el('section', { class: 'card' }, head));
  const unknownUnit = !s.unit || file.issues.some((i) => i.code === 'unknown-unit');
  if (office && (unknownUnit || !file.period)) main.append(await chooser(s));
  // Issues by severity.
  const groups = [['error', 'sev_error'], ['warning', 'sev_warning'], ['info', 'sev_info']];
  const issuesCard = el('section', { class: 'card' }, el('h2', {}, lang === 'en' ? 'Problems found' : 'Các vấn đề'));
  let any = false;
  for (const [sev, label] of groups) {
    const list = file.issues.filter((i) => i.severity === sev);
    if (!list.length) continue;
    any = true;
    issuesCard.append(el('h3', { class: 'sev sev-' + sev }, t(label) + ' (' + list.length + ')'),
      table([t('cell'), t('message'), t('hint')], list.map((i) => el('tr', {},
        el('td', { class: 'cellref' }, i.sheet ? i.sheet + (i.cell ? '!' + i.cell : '') : '—'),
        el('td', {}, i.message), el('td', { class: 'muted' }, i.hint || ''))), 'issues'));
  }
  if (!any) issuesCard.append(notice('ok', t('no_issues')));
  main.append(issuesCard);
  // Rows as matched.
  const p = office ? await plan() : null;
  const rows = file.rows.map((r) => {
    const tr = el('tr', { class: r.name ? '' : 'unmatched' },
      el('td', { class: 'cellref' }, r.sheet + ', ' + r.row),
      el('td', {}, r.written),
      el('td', {}, r.name ? [r.code ? el('span', { class: 'code' }, r.code) : '', ' ', r.name] : el('em', { class: 'warn-text' }, t('not_matched'))),
      el('td', { class: 'num' }, r.score >= 1 && r.name ? el('span', { title: t('taught') }, '1') : Number(r.score).toFixed(2)),
      el('td', { class: 'num' }, r.actual === null ? '' : String(r.actual)),
      el('td', {}, statusWord(r.status)),
      office ? el('td', {}, el('button', { type: 'button', class: 'btn btn-small btn-ghost fix-btn', onclick: () => openFix(tr, r, p, s) }, t('fix'))) : null);
    return tr;
  });
  main.append(section(t('rows_title'), rows.length ? table([t('sheet_row'), t('written'), t('matched'), t('score'), t('value'), t('status'), office ? '' : null].filter((x) => x !== null), rows, 'rows')
    : el('p', { class: 'muted' }, '—')));
}

function fact(label, value) { return el('div', { class: 'fact' }, el('span', { class: 'fact-label' }, label), el('span', { class: 'fact-value' }, value)); }

function periodText(p) {
  const names = { vi: { year: 'Năm', h1: '6 tháng đầu năm', '9m': '9 tháng', q1: 'Quý I', q2: 'Quý II', q3: 'Quý III', q4: 'Quý IV' },
    en: { year: 'Year', h1: 'First half', '9m': 'Nine months', q1: 'Q1', q2: 'Q2', q3: 'Q3', q4: 'Q4' } };
  return (names[lang][p.kind] || p.kind) + ' ' + p.year;
}

async function chooser(s) {
  const p = await plan();
  const unitSel = el('select', { id: 'choose-unit' }, el('option', { value: '' }, '—'),
    p.plan.units.map((u) => el('option', { value: u.name, selected: u.name === s.unit }, u.name)));
  const periods = ['year', 'h1', '9m', 'q1', 'q2', 'q3', 'q4'];
  const perSel = el('select', { id: 'choose-period' },
    periods.map((k) => el('option', { value: session.year + '-' + k, selected: (s.period || session.period) === session.year + '-' + k }, periodText({ kind: k, year: session.year }))));
  const remember = el('input', { type: 'checkbox', id: 'remember-unit' });
  const msg = el('div');
  const btn = el('button', { type: 'submit', class: 'btn btn-primary' }, t('recheck'));
  const f = el('form', { class: 'card chooser' }, el('p', {}, el('strong', {}, t('choose_unit_title'))),
    el('div', { class: 'form-row' }, el('label', {}, t('unit'), unitSel), el('label', {}, t('period'), perSel), btn),
    el('label', { class: 'check' }, remember, ' ', t('remember_unit')), msg);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    btn.disabled = true;
    try {
      if (remember.checked && unitSel.value) {
        const stem = s.name.replace(/\.[^.]+$/, '');
        await post('/api/corrections', { kind: 'unit', written: stem, target: unitSel.value });
      }
      await post('/api/submissions/' + s.id + '/recheck', { unit: unitSel.value, period: perSel.value });
      route();
    } catch (err) { msg.replaceChildren(notice('error', err.message)); btn.disabled = false; }
  });
  return f;
}

function openFix(tr, r, p, s) {
  if (tr.nextSibling && tr.nextSibling.classList && tr.nextSibling.classList.contains('fix-row')) { tr.nextSibling.remove(); return; }
  const options = [];
  for (const i of p.plan.indicators) options.push({ kind: 'indicator', name: i.name, label: (i.code ? i.code + '. ' : '') + i.name + ' [' + t('indicators').toLowerCase() + ']' });
  for (const k of p.plan.tasks) options.push({ kind: 'task', name: k.name, label: (k.code ? k.code + '. ' : '') + k.name + ' [' + t('tasks').toLowerCase() + ']' });
  const search = el('input', { type: 'search', placeholder: t('search_item'), class: 'fix-search', 'aria-label': t('search_item') });
  const list = el('select', { size: 8, class: 'fix-list' });
  function fill() {
    const q = fold(search.value);
    list.replaceChildren(el('option', { value: 'none|' }, t('not_plan_item')),
      ...options.filter((o) => !q || fold(o.label).includes(q)).map((o) => el('option', { value: o.kind + '|' + o.name }, o.label)));
  }
  search.addEventListener('input', fill);
  fill();
  const msg = el('span', { class: 'muted' });
  const save = el('button', { type: 'button', class: 'btn btn-primary btn-small', onclick: async () => {
    if (!list.value) return;
    const [kind, ...rest] = list.value.split('|');
    save.disabled = true;
    try {
      await post('/api/corrections', { kind: 'item', written: r.written, target_kind: kind, target: rest.join('|') });
      msg.textContent = t('saved');
      route();
    } catch (err) { msg.textContent = err.message; save.disabled = false; }
  } }, t('save'));
  const cancel = el('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: () => row.remove() }, t('cancel'));
  const row = el('tr', { class: 'fix-row' }, el('td', { colspan: 7 },
    el('div', { class: 'fix' }, el('div', { class: 'muted small' }, '“' + r.written + '” →'), search, list, el('div', { class: 'form-row' }, save, cancel, msg))));
  tr.after(row);
  search.focus();
}

function fold(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase(); }

// ---------------------------------------------------------------- Đơn vị
async function unitsPage(main, q) {
  const d = await api('/api/units');
  const dl = new Date(d.deadline), now = new Date(d.now);
  const ms = dl - now;
  const days = Math.floor(Math.abs(ms) / 86400000), hours = Math.floor((Math.abs(ms) % 86400000) / 3600000);
  const countdown = ms >= 0 ? t('left') + ' ' + days + ' ' + t('days') + ' ' + hours + ' ' + t('hours')
    : t('overdue') + ' ' + days + ' ' + t('days') + ' ' + hours + ' ' + t('hours');
  const k = d.kpi;
  const late = d.units.filter((u) => u.late).length;
  main.append(el('section', { class: 'kpis' },
    kpi(t('deadline'), fmtTime(d.deadline).slice(0, 10), countdown, ms >= 0 ? 'info' : 'bad'),
    kpi(t('kpi_units'), k.units_sent + '/' + k.units_expected, (k.units_expected - k.units_sent) + ' ' + t('kpi_missing').toLowerCase() + ', ' + late + ' ' + t('kpi_late').toLowerCase(), k.units_sent === k.units_expected ? 'good' : 'warn'),
    kpi(t('kpi_ind'), k.indicators_met + '/' + k.indicators, k.indicators_not_met + ' ' + t('not-met').toLowerCase() + ', ' + k.indicators_no_data + ' ' + t('no-data').toLowerCase(), 'info'),
    kpi(t('kpi_tasks'), k.tasks_done + '/' + k.tasks, k.tasks_behind + ' ' + t('behind-schedule').toLowerCase() + ', ' + k.tasks_no_data + ' ' + t('no-data').toLowerCase(), 'info')));
  const filter = q.filter || 'all';
  const filters = [['all', t('all')], ['sent', t('sent')], ['missing', t('missing')], ['late', t('late')], ['errors', t('with_errors')], ['on-time', t('on_time')]];
  const keep = (u) => filter === 'all' || (filter === 'sent' && u.sent) || (filter === 'missing' && !u.sent) || (filter === 'late' && u.late)
    || (filter === 'errors' && u.errors > 0) || (filter === 'on-time' && u.sent && !u.late);
  const rows = d.units.filter(keep).map((u) => el('tr', { class: u.sent ? '' : 'row-missing', 'data-unit': u.name },
    el('td', {}, el('strong', {}, u.name)),
    el('td', {}, u.sent ? (u.late ? pill('late', t('late')) : pill('sent', t('sent'))) : pill('missing', t('missing')),
      u.errors ? [' ', pill('errors', u.errors + ' ' + t('errors'))] : ''),
    el('td', {}, u.received ? fmtTime(u.received) : '—'),
    el('td', { class: 'num' }, u.errors), el('td', { class: 'num' }, u.warnings),
    el('td', {}, u.missing.length ? el('details', {}, el('summary', {}, u.missing.length + ' ' + t('missing_items').toLowerCase()), el('ul', { class: 'small' }, u.missing.map((m) => el('li', {}, m)))) : (u.sent ? '0' : '—')),
    el('td', { class: 'links' }, u.submission ? [el('a', { href: '#results/' + u.submission }, t('view_result')), ' · ',
      el('a', { href: '#history?unit=' + encodeURIComponent(u.name) }, t('history')), ' · '] : '',
      formLink(u.name))));
  const bar = el('div', { class: 'filters' }, filters.map(([key, label]) =>
    el('a', { href: '#units?filter=' + key, class: 'chip' + (key === filter ? ' active' : '') }, label)));
  main.append(section(t('units_title'), bar, table([t('unit'), t('status'), t('last_version'), t('errors'), t('warnings'), t('missing_items'), ''], rows, 'units-table')));
  // Server-made SVG charts; each bar links to the rows behind it.
  const charts = el('section', { class: 'charts' });
  for (const key of ['groups', 'tasks', 'units']) {
    const box = el('div', { class: 'card chart-box' });
    box.innerHTML = d.charts[key];
    charts.append(box);
  }
  main.append(charts);
  if (q.group || q.task) {
    let list, head;
    if (q.group) {
      list = d.indicators.filter((i) => (i.group || '-') === q.group && (q.status === 'met' ? (i.status === 'met' || i.status === 'exceeded') : i.status === q.status));
      head = [t('code'), t('indicators'), t('target'), t('actual'), t('status'), t('responsible'), t('source')];
      list = list.map((i) => el('tr', {}, el('td', {}, i.code), el('td', {}, i.name), el('td', {}, i.target), el('td', { class: 'num' }, i.actual),
        el('td', {}, statusWord(i.status)), el('td', {}, i.responsible), el('td', { class: 'small' }, i.submission ? el('a', { href: '#results/' + i.submission }, i.source) : '—')));
    } else {
      list = d.tasks.filter((x) => x.status === q.task).map((x) => el('tr', {}, el('td', {}, x.code), el('td', {}, x.name), el('td', {}, x.lead),
        el('td', {}, statusWord(x.status)), el('td', { class: 'small' }, x.submission ? el('a', { href: '#results/' + x.submission }, x.source) : '—')));
      head = [t('code'), t('tasks'), t('lead'), t('status'), t('source')];
    }
    const card = section(t('rows_behind') + ': ' + (q.group ? q.group + ' · ' + t(q.status) : t(q.task)) + ' (' + list.length + ')',
      el('a', { href: '#units', class: 'btn btn-small btn-ghost' }, t('clear')), table(head, list));
    card.id = 'rows-behind';
    main.append(card);
    card.scrollIntoView();
  }
}

function kpi(label, value, sub, tone) {
  return el('div', { class: 'kpi kpi-' + tone }, el('div', { class: 'kpi-label' }, label), el('div', { class: 'kpi-value' }, value), el('div', { class: 'kpi-sub' }, sub));
}

// ---------------------------------------------------------------- Lịch sử
async function historyPage(main, q) {
  const [data, p] = await Promise.all([api('/api/submissions'), plan()]);
  const unit = q.unit || '';
  const sel = el('select', { id: 'history-unit', onchange: () => { location.hash = '#history?unit=' + encodeURIComponent(sel.value); } },
    el('option', { value: '' }, t('choose_unit')), p.plan.units.map((u) => el('option', { value: u.name, selected: u.name === unit }, u.name)));
  const card = section(t('history_title'), el('div', { class: 'form-row' }, el('label', {}, t('unit'), sel)));
  main.append(card);
  if (!unit) return;
  const versions = data.submissions.filter((s) => s.unit === unit).reverse();
  if (!versions.length) { card.append(el('p', { class: 'muted' }, t('none_yet'))); return; }
  for (const s of versions) {
    const diffBox = el('div', { class: 'diff' });
    const hasPrev = versions.some((v) => v.superseded_by === s.id);
    const row = el('div', { class: 'version' + (s.superseded_by ? '' : ' current'), 'data-id': s.id },
      el('div', { class: 'version-head' },
        el('div', {}, el('strong', {}, s.name), ' ', s.superseded_by ? pill('old', t('superseded')) : pill('sent', t('current'))),
        el('div', { class: 'muted small' }, t('received') + ' ' + fmtTime(s.received_at) + ' · ' + fmtSize(s.size) + ' · sha256 ' + s.sha256.slice(0, 12)),
        el('div', { class: 'actions' }, badge(s.status), ' ',
          el('a', { href: '#results/' + s.id, class: 'btn btn-small btn-ghost' }, t('view_result')),
          el('a', { href: '/api/submissions/' + s.id + '/original', class: 'btn btn-small btn-ghost', download: s.name }, t('download_original')),
          hasPrev ? el('button', { type: 'button', class: 'btn btn-small diff-btn', onclick: () => showDiff(s.id, diffBox) }, t('compare')) : null)),
      diffBox);
    card.append(row);
    if (hasPrev && !s.superseded_by) showDiff(s.id, diffBox);
  }
}

async function showDiff(id, box) {
  box.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  try {
    const d = await api('/api/submissions/' + id + '/diff');
    const rows = d.changes.map((c) => el('tr', { class: 'change-' + c.change },
      el('td', {}, t(c.change)), el('td', {}, c.code ? el('span', { class: 'code' }, c.code) : '', ' ', c.name),
      el('td', { class: 'num old' }, c.before), el('td', { class: 'num new' }, c.after),
      el('td', {}, c.before_status ? statusWord(c.before_status) : ''), el('td', {}, c.after_status ? statusWord(c.after_status) : ''),
      el('td', { class: 'cellref' }, c.cell)));
    box.replaceChildren(el('h3', {}, t('changes') + ': ' + d.changes.length + ' · ' + d.unchanged + ' ' + t('unchanged') +
      ' · ' + t('errors') + ' ' + d.errors[0] + ' → ' + d.errors[1]),
      rows.length ? table(['', t('matched'), t('before'), t('after'), t('status') + ' (' + t('before').toLowerCase() + ')', t('status') + ' (' + t('after').toLowerCase() + ')', t('cell')], rows, 'diff-table') : '');
  } catch (err) { box.replaceChildren(notice('error', err.message)); }
}

// ---------------------------------------------------------------- Tổng hợp
async function consolidatePage(main) {
  const [list, subs] = await Promise.all([api('/api/consolidations'), api('/api/submissions')]);
  const msg = el('div');
  const btn = el('button', { type: 'button', class: 'btn btn-primary btn-big', id: 'consolidate-btn' }, t('consolidate_btn'));
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    btn.textContent = t('consolidating');
    try {
      const c = await post('/api/consolidations');
      msg.replaceChildren(notice('ok', t('made') + ' ' + fmtTime(c.made_at) + ' · ' + c.submissions.length + ' ' + t('versions_used').toLowerCase() + ' · '),
        el('a', { href: c.download, class: 'btn', id: 'download-latest', download: '' }, t('download')));
      document.getElementById('download-latest').click();
      pastList(await api('/api/consolidations'));
    } catch (err) { msg.replaceChildren(notice('error', err.message)); }
    btn.disabled = false;
    btn.textContent = t('consolidate_btn');
  });
  main.append(section(t('consolidate_title'), el('p', {}, t('consolidate_text')), btn, msg));
  const past = el('section', { class: 'card' });
  main.append(past);
  function pastList(l) {
    const rows = l.consolidations.slice().reverse().map((c) => el('tr', {}, el('td', {}, '#' + c.id), el('td', {}, fmtTime(c.made_at)),
      el('td', {}, c.submissions.map((id, i) => [i ? ', ' : '', el('a', { href: '#results/' + id }, '#' + id)])), el('td', {}, fmtSize(c.size)),
      el('td', {}, el('a', { href: c.download, download: '' }, t('download')))));
    past.replaceChildren(el('h2', {}, t('past')), rows.length ? table(['', t('made'), t('versions_used'), t('size'), ''], rows) : el('p', { class: 'muted' }, t('none_yet')));
  }
  pastList(list);
  const current = subs.submissions.filter((s) => !s.superseded_by && s.unit);
  main.append(section(t('per_unit'), current.length ? table([t('unit'), t('file'), t('status'), ''], current.map((s) => el('tr', {},
    el('td', {}, s.unit), el('td', {}, s.name), el('td', {}, badge(s.status)),
    el('td', {}, el('a', { href: '/api/submissions/' + s.id + '/report?lang=' + lang }, t('download')))))) : el('p', { class: 'muted' }, t('none_yet'))));
}

// ---------------------------------------------------------------- Kế hoạch
async function planPage(main) {
  const [p, corr] = await Promise.all([plan(), api('/api/corrections')]);
  const pl = p.plan;
  main.append(el('section', { class: 'card' }, el('h2', {}, t('plan_title')),
    el('div', { class: 'facts' }, fact(lang === 'en' ? 'Commune' : 'Xã/phường', pl.commune || '—'), fact(lang === 'en' ? 'Period' : 'Giai đoạn', pl.period || '—'),
      fact(t('indicators'), pl.indicators.length), fact(t('tasks'), pl.tasks.length), fact(t('units'), pl.units.length)),
    pl.title ? el('p', { class: 'muted' }, pl.title) : ''));
  const defects = p.issues.map((i) => el('tr', {}, el('td', {}, el('span', { class: 'sev-dot sev-' + i.severity }), ' ', i.severity),
    el('td', { class: 'cellref' }, i.sheet ? i.sheet + (i.cell ? '!' + i.cell : '') : '—'), el('td', {}, i.message), el('td', { class: 'muted' }, i.hint || '')));
  main.append(section(t('defects') + ' (' + defects.length + ')', defects.length ? table(['', t('cell'), t('message'), t('hint')], defects) : notice('ok', t('no_defects'))));
  main.append(section(t('indicators') + ' (' + pl.indicators.length + ')', table([t('code'), t('name'), t('uom'), t('target'), t('responsible')],
    pl.indicators.map((i) => el('tr', {}, el('td', {}, i.code || ''), el('td', { class: i.parent ? 'sub' : '' }, i.name, el('div', { class: 'muted small' }, i.group || '')),
      el('td', {}, i.unit || ''), el('td', {}, i.target ? i.target.raw : ''), el('td', {}, i.responsible || '—'))))));
  main.append(section(t('tasks') + ' (' + pl.tasks.length + ')', table([t('code'), t('name'), t('lead'), t('timeframe')],
    pl.tasks.map((k) => el('tr', {}, el('td', {}, k.code || ''), el('td', {}, k.name), el('td', {}, k.lead || '—'), el('td', {}, typeof k.timeframe === 'object' && k.timeframe ? (k.timeframe.raw || '') : (k.timeframe || '')))))));
  main.append(section(t('units') + ' (' + pl.units.length + ')', el('ul', { class: 'unit-list' }, pl.units.map((u) => el('li', {}, u.name)))));
  const rows = corr.corrections.map((c) => el('tr', {}, el('td', {}, c.kind === 'unit' ? t('unit') : (lang === 'en' ? 'Row' : 'Dòng')), el('td', {}, c.written),
    el('td', {}, c.target_kind === 'none' ? t('not_plan_item') : c.target), el('td', {}, fmtTime(c.created_at)),
    el('td', {}, el('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: async () => {
      await api('/api/corrections/' + c.id, { method: 'DELETE' }); route(); } }, t('remove')))));
  main.append(section(t('corrections') + ' (' + rows.length + ')', rows.length ? table(['', t('written'), '→', t('made'), ''], rows) : el('p', { class: 'muted' }, '—')));
}

// ---------------------------------------------------------------- shell
function applyLang() {
  document.documentElement.lang = lang;
  for (const a of document.querySelectorAll('[data-vi]')) a.textContent = a.getAttribute('data-' + lang);
  document.getElementById('lang-vi').classList.toggle('active', lang === 'vi');
  document.getElementById('lang-en').classList.toggle('active', lang === 'en');
  document.getElementById('app-title').textContent = lang === 'en' ? 'Plan progress reports' : 'Tổng hợp báo cáo thực hiện kế hoạch';
  if (session) document.getElementById('app-subtitle').textContent = (session.commune || '') + ' · ' + (lang === 'en' ? 'year ' : 'năm ') + session.year +
    (session.role === 'unit' ? ' · ' + session.unit : '');
}

async function route() {
  const hash = location.hash || '#upload';
  const page = hash.slice(1).split(/[/?]/)[0] || 'upload';
  const main = document.getElementById('main');
  for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.page === page);
  const fresh = el('div', { class: 'page page-' + page });
  try {
    const q = query(hash);
    if (page === 'upload') uploadPage(fresh);
    else if (page === 'results') { const id = hash.split(/[/?]/)[1]; if (id) await resultPage(fresh, id); else await resultsList(fresh); }
    else if (page === 'units') await unitsPage(fresh, q);
    else if (page === 'history') await historyPage(fresh, q);
    else if (page === 'consolidate') await consolidatePage(fresh);
    else if (page === 'plan') await planPage(fresh);
    else uploadPage(fresh);
  } catch (err) {
    fresh.replaceChildren(notice('error', t('failed') + ': ' + err.message));
  }
  main.replaceChildren(fresh);
  if (page === 'units' && (query(hash).group || query(hash).task)) { const r = document.getElementById('rows-behind'); if (r) r.scrollIntoView(); }
  document.body.dataset.ready = page;
}

async function start() {
  document.getElementById('lang-vi').addEventListener('click', () => { lang = 'vi'; localStorage.setItem('tonghop-lang', lang); applyLang(); route(); });
  document.getElementById('lang-en').addEventListener('click', () => { lang = 'en'; localStorage.setItem('tonghop-lang', lang); applyLang(); route(); });
  try {
    session = await api('/api/session');
  } catch (err) {
    applyLang();
    document.getElementById('main').replaceChildren(notice('error', err.status === 401 ? t('no_access') : err.message));
    return;
  }
  if (session.role !== 'office') for (const a of document.querySelectorAll('#tabs [data-office]')) a.remove();
  document.getElementById('foot').textContent = 'tonghop ' + session.version + ' · ' + (lang === 'en' ? 'runs on this machine, no internet needed' : 'chạy trên máy này, không cần Internet');
  applyLang();
  window.addEventListener('hashchange', route);
  route();
}

document.addEventListener('DOMContentLoaded', start);
