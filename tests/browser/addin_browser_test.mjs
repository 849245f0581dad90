// The Excel task pane (addin/excel/, served by tonghop serve at /addin/) in Debian's
// chromium, against a real `tonghop serve` and a real sample report. Office.js is replaced
// by a test double (fake_office.js, served in place of Microsoft's CDN URL): it hands the
// pane the sample's bytes in small slices and records the Excel.run calls. Checked: the
// workbook read slice by slice arrives byte for byte (sha256 of the sent file), the issues
// listed by severity equal the server's check, a click selects the issue's cell, "Tô màu"
// colours exactly the problem cells and "Bỏ tô màu" restores the fills they had, "Kiểm tra"
// stores nothing and "Gửi văn phòng" stores one submission with its receipt time; without
// ExcelApi the cell is selected through goToByIdAsync; without Office.js (no internet) a
// clear message; a unit's access link pasted into the pane; "Mẫu của đơn vị" opens (or
// links) an address that, without the pane's cookie or header, downloads that unit's
// fill-in form; the served manifest names the server's own /addin/ URLs and passes the schema. A screenshot of the pane goes to SHOTS
// (docs/screenshots with UPDATE_SCREENSHOTS=1).
//
//   node addin_browser_test.mjs BUILD/tonghop SOURCE_DIR
import { chromium } from 'playwright-core';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const [tonghop, source] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!tonghop || !source) { console.error('usage: addin_browser_test.mjs TONGHOP SOURCE_DIR'); process.exit(2); }
if (!fs.existsSync(chromiumPath)) { console.error('skipped: no chromium at ' + chromiumPath); process.exit(77); }
const shots = process.env.UPDATE_SCREENSHOTS ? path.join(source, 'docs', 'screenshots')
  : path.join(path.dirname(tonghop), 'screenshots');
fs.mkdirSync(shots, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-addin-'));
const here = path.dirname(new URL(import.meta.url).pathname);
const shim = fs.readFileSync(path.join(here, 'fake_office.js'), 'utf8');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/**';

// The Phòng VH-XH sample: warnings on 'Biểu 01'!F14 and F15 (a sheet name with a space and
// Vietnamese letters) and warnings for the whole file.
const sampleName = 'phong-vhxh-2026-lan-1.xlsx';
const sample = fs.readFileSync(path.join(source, 'samples', 'bao-cao', sampleName));
const sheets = execFileSync(tonghop, ['inspect', path.join(source, 'samples', 'bao-cao', sampleName)], { encoding: 'utf8' })
  .split('\n').map((l) => /^\s+(?:trang tính|sheet) \d+: "(.*)"/.exec(l)).filter(Boolean).map((m) => m[1]);
assert.ok(sheets.length > 0, 'tonghop inspect lists the sample sheets');

const servers = [];
function serveArgs(data) {
  return ['serve', '--plan', path.join(source, 'samples/ke-hoach/an-duong-2026-2030.xlsx'), '--year', '2026',
    '--deadline', '2026-12-03', '--data', data, '--listen', '127.0.0.1:0'];
}
async function startServer(data) {
  const server = spawn(tonghop, serveArgs(data), { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(server);
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => { out += d; const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out); if (m) resolve(m[0].slice(0, -1)); });
    server.on('exit', (code) => reject(new Error('tonghop serve exited with ' + code + ': ' + out)));
    setTimeout(() => reject(new Error('tonghop serve did not start: ' + out)), 20000);
  });
}

const base = await startServer(path.join(work, 'data'));
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], headless: true });
let failed = false;

// A pane page with the fake Office.js (or none: no internet) and the sample as the open workbook.
async function openPane(url, config) {
  const context = await browser.newContext({ viewport: { width: 360, height: 760 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  if (config) {
    const setup = 'window.__fakeOfficeConfig = ' + JSON.stringify(config) + ';\n';
    await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: 'text/javascript', body: setup + shim }));
  } else {
    await page.route(OFFICE_JS, (route) => route.abort('internetdisconnected'));
  }
  await page.goto(url);
  return { page, context, problems };
}
const office = (page) => page.evaluate(() => window.__office);

// The address the pane gave for a unit's form, fetched as a browser outside the pane would
// (no cookie, no header): an .xlsx that tonghop reads back as that unit's report.
async function assertForm(url, unit, slug) {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers.get('content-disposition'), new RegExp('bieu-mau-' + slug + '-nam-2026\\.xlsx'));
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const formFile = path.join(work, 'form-' + slug + '.xlsx');
  fs.writeFileSync(formFile, bytes);
  // An empty form has errors (nothing reported yet): exit code 1 is expected.
  const run = spawnSync(tonghop, ['check', '--plan', path.join(source, 'samples/ke-hoach/an-duong-2026-2030.xlsx'),
    '--year', '2026', '--format', 'json', formFile], { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, 'tonghop check read the form: ' + run.stderr);
  assert.equal(JSON.parse(run.stdout).files[0].unit, unit, 'the form reads back as the report of ' + unit);
}

try {
  // What the server's check says of the sample (POST /api/check, the same engine).
  const session = await (await fetch(base + '/api/session')).json();
  const direct = await (await fetch(base + '/api/check', {
    method: 'POST', body: sample,
    headers: { 'X-Tonghop-CSRF': session.csrf, 'X-File-Name': encodeURIComponent(sampleName) }
  })).json();
  const expected = direct.result.files[0].issues;
  const withCell = expected.filter((i) => i.sheet && i.cell);
  assert.ok(withCell.length >= 2, 'the sample has problems with cells');
  assert.equal((await (await fetch(base + '/api/submissions')).json()).submissions.length, 0,
    '/api/check stores nothing');

  // The served manifest: the server's own address, valid against the schema.
  const manifest = await (await fetch(base + '/addin/manifest.xml')).text();
  const manifestFile = path.join(work, 'manifest.xml');
  fs.writeFileSync(manifestFile, manifest);
  execFileSync('xmllint', ['--noout', '--schema', path.join(source, 'tests', 'addin', 'taskpaneapp.xsd'), manifestFile],
    { stdio: 'pipe' });
  assert.ok(manifest.includes('<SourceLocation DefaultValue="' + base + '/addin/taskpane.html"/>'), manifest);
  assert.ok(!manifest.includes('localhost:8080'), 'no committed address left');
  const paneHeaders = (await fetch(base + '/addin/taskpane.html')).headers;
  assert.match(paneHeaders.get('content-security-policy'), /script-src 'self' https:\/\/appsforoffice\.microsoft\.com/);
  assert.equal(paneHeaders.get('x-frame-options'), null, 'Excel on the web frames the pane');
  assert.match((await fetch(base + '/')).headers.get('content-security-policy'), /frame-ancestors 'none'/);

  // Kiểm tra: the workbook in 1 KiB slices, the issues by severity.
  const config = { url: 'C:\\Users\\vhxh\\Documents\\' + sampleName, base64: sample.toString('base64'), sliceSize: 1024,
    excelApi: '1.7', sheets, fills: { [withCell[0].sheet + '!' + withCell[0].cell]: '#00B0F0' }, openBrowserWindow: true };
  const pane = await openPane(base + '/addin/', config);
  const page = pane.page;
  await page.waitForFunction(() => document.body.dataset.ready === 'yes');
  await page.waitForFunction(() => !document.getElementById('check-btn').disabled);
  await page.click('#check-btn');
  await page.locator('#summary-line').waitFor({ timeout: 60000 });
  let log = await office(page);
  const slices = Math.ceil(sample.length / 1024);
  assert.deepEqual(log.slices, [...Array(slices).keys()], 'every slice read once, in order');
  assert.equal(log.closed, 1, 'the file is closed after reading');
  assert.equal(log.fileRequests[0].type, 'compressed');
  for (const sev of ['error', 'warning', 'info']) {
    const want = expected.filter((i) => i.severity === sev);
    const got = await page.locator('#issues-' + sev + ' li').allTextContents();
    assert.equal(got.length, want.length, sev + ': the pane lists what the server found');
    want.forEach((w, n) => assert.ok(got[n].includes(w.message), 'listed: ' + w.message));
  }
  assert.equal(await page.locator('#issues a[data-cell]').count(), withCell.length, 'issues with a cell are links');
  assert.equal((await (await fetch(base + '/api/submissions')).json()).submissions.length, 0, 'Kiểm tra stores nothing');

  // A click selects the cell on its sheet.
  const target = withCell[withCell.length - 1];
  await page.locator('#issues a[data-cell="' + target.cell + '"][data-sheet="' + target.sheet + '"]').first().click();
  await page.waitForFunction(() => window.__office.selections.length > 0);
  log = await office(page);
  assert.deepEqual(log.selections, [{ sheet: target.sheet, cell: target.cell }]);
  assert.deepEqual(log.activations, [target.sheet]);
  await page.screenshot({ path: path.join(shots, 'addin-excel.png') });

  // Tô màu: exactly the problem cells (an error's fill wins), then the old fills back.
  await page.click('#colour-btn');
  await page.waitForFunction(() => document.getElementById('colour-btn').textContent === 'Bỏ tô màu');
  log = await office(page);
  const wantFills = {};
  for (const i of withCell) {
    const k = i.sheet + '!' + i.cell;
    if (i.severity === 'error' || !wantFills[k]) wantFills[k] = i.severity === 'error' ? '#FFC7CE' : '#FFEB9C';
  }
  assert.deepEqual(log.fills, wantFills, 'problem cells coloured');
  assert.deepEqual(log.errors, []);
  await page.click('#colour-btn');
  await page.waitForFunction(() => document.getElementById('colour-btn').textContent === 'Tô màu ô có vấn đề');
  assert.deepEqual((await office(page)).fills, config.fills, 'the fills the cells had are back');

  // Gửi văn phòng: one stored submission, the very bytes of the workbook, its receipt time.
  await page.click('#send-btn');
  await page.locator('#receipt:not(.hidden)').waitFor({ timeout: 60000 });
  assert.match(await page.locator('#receipt').textContent(), /Đã gửi văn phòng lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\./);
  const stored = (await (await fetch(base + '/api/submissions')).json()).submissions;
  assert.equal(stored.length, 1);
  assert.equal(stored[0].name, sampleName);
  assert.equal(stored[0].sha256, crypto.createHash('sha256').update(sample).digest('hex'), 'sent byte for byte');
  assert.equal(stored[0].unit, 'Phòng Văn hóa - Xã hội');

  // Mẫu của đơn vị (the office's own pane): the unit of the last check proposed, the
  // address opened in a browser window (OpenBrowserWindowApi), a link as well.
  await page.click('#form-btn');
  await page.waitForFunction(() => window.__office.opened.length > 0);
  assert.equal(await page.locator('#form-unit').inputValue(), 'Phòng Văn hóa - Xã hội');
  const opened = (await office(page)).opened;
  assert.equal(opened.length, 1);
  assert.ok(opened[0].startsWith(base + '/api/form?unit='), opened[0]);
  assert.equal(await page.locator('#form-link').getAttribute('href'), opened[0]);
  assert.match(await page.locator('#status').textContent(), /Đã mở trình duyệt/);
  await assertForm(opened[0], 'Phòng Văn hóa - Xã hội', 'phong-van-hoa-xa-hoi');
  // Another unit chosen: the link follows.
  await page.selectOption('#form-unit', 'Công an');
  const other = await page.locator('#form-link').getAttribute('href');
  assert.equal(other, base + '/api/form?unit=' + encodeURIComponent('Công an'));
  await assertForm(other, 'Công an', 'cong-an');

  // English switch.
  await page.click('#lang-btn');
  assert.equal(await page.locator('#check-btn').textContent(), 'Check');
  assert.deepEqual(pane.problems, [], pane.problems.join('\n'));
  await pane.context.close();

  // Perpetual Excel without ExcelApi 1.1: the cell through goToByIdAsync, no colouring.
  const old = await openPane(base + '/addin/taskpane.html', { ...config, excelApi: null });
  await old.page.waitForFunction(() => !document.getElementById('check-btn').disabled);
  await old.page.click('#check-btn');
  await old.page.locator('#summary-line').waitFor({ timeout: 60000 });
  assert.ok(await old.page.locator('#colour-btn').isDisabled(), 'no colouring without ExcelApi');
  await old.page.locator('#issues a[data-cell="' + target.cell + '"]').first().click();
  await old.page.waitForFunction(() => window.__office.goTo.length > 0);
  assert.deepEqual((await office(old.page)).goTo,
    [{ id: "'" + target.sheet.replace(/'/g, "''") + "'!" + target.cell, type: 'namedItem' }]);
  await old.context.close();

  // No internet: Office.js does not load; the pane says so.
  const offline = await openPane(base + '/addin/', null);
  await offline.page.waitForFunction(() => document.body.dataset.ready === 'no-office');
  assert.match(await offline.page.locator('#status').textContent(), /Không tải được Office\.js/);
  assert.ok(await offline.page.locator('#check-btn').isDisabled());
  await offline.context.close();

  // A server with access links: the pane asks for the unit's link, then checks as that unit.
  const linkedData = path.join(work, 'data-links');
  const links = execFileSync(tonghop, [...serveArgs(linkedData), '--make-links'], { encoding: 'utf8' });
  const unitLink = /(http:\/\/\S+\/u\/[0-9a-f]+)/.exec(
    links.split('\n').find((l) => l.includes('Văn hóa - Xã hội') && /\/u\//.test(l)) || '');
  assert.ok(unitLink, 'a link for Phòng Văn hóa - Xã hội: ' + links);
  const linkedBase = await startServer(linkedData);
  const unitPane = await openPane(linkedBase + '/addin/', { ...config, openBrowserWindow: false });
  await unitPane.page.locator('#access:not(.hidden)').waitFor();
  await unitPane.page.fill('#token-input', 'not a link');
  await unitPane.page.click('#token-btn');
  assert.match(await unitPane.page.locator('#status').textContent(), /không đúng/);
  await unitPane.page.fill('#token-input', unitLink[1]);
  await unitPane.page.click('#token-btn');
  await unitPane.page.waitForFunction(() => !document.getElementById('check-btn').disabled);
  assert.match(await unitPane.page.locator('#who').textContent(), /Phòng Văn hóa - Xã hội/);
  await unitPane.page.click('#check-btn');
  await unitPane.page.locator('#summary-line').waitFor({ timeout: 60000 });
  // The first /api/session is refused (401) until the link is given: that one is expected.
  const unexpected = unitPane.problems.filter((p) => !/status of 401/.test(p));
  assert.deepEqual(unexpected, [], unexpected.join('\n'));
  assert.match(await unitPane.page.locator('#summary-line').textContent(), /Phòng Văn hóa - Xã hội/);
  // Mẫu của đơn vị without OpenBrowserWindowApi (older Excel): a link carrying the unit's
  // token, which works in a browser that has neither the pane's cookie nor its header.
  await unitPane.page.click('#form-btn');
  await unitPane.page.locator('#form-link:not(.hidden)').waitFor();
  assert.ok(await unitPane.page.locator('#form-unit').isHidden(), "a unit's link gives its own form only");
  const unitForm = await unitPane.page.locator('#form-link').getAttribute('href');
  const token = /\/u\/([0-9a-f]+)/.exec(unitLink[1])[1];
  assert.equal(unitForm, linkedBase + '/api/form?unit=' + encodeURIComponent('Phòng Văn hóa - Xã hội') + '&token=' + token);
  assert.match(await unitPane.page.locator('#status').textContent(), /Bấm đường dẫn dưới/);
  assert.deepEqual((await office(unitPane.page)).opened, []);
  await assertForm(unitForm, 'Phòng Văn hóa - Xã hội', 'phong-van-hoa-xa-hoi');
  assert.equal((await fetch(unitForm.replace(/&token=.*/, ''))).status, 401, 'no token, no form');
  // The link clicked in a browser: the download is the same form.
  const [download] = await Promise.all([unitPane.page.waitForEvent('download'), unitPane.page.click('#form-link')]);
  const downloaded = fs.readFileSync(await download.path());
  assert.equal(downloaded.subarray(0, 2).toString(), 'PK');
  assert.equal(download.suggestedFilename(), 'bieu-mau-phong-van-hoa-xa-hoi-nam-2026.xlsx');
  await unitPane.context.close();

  console.log('add-in browser test passed; screenshot in ' + shots);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  for (const server of servers) {
    if (server.exitCode !== null) continue;
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
  }
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
