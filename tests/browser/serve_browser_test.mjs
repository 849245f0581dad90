// The office's year in a real browser: Debian's chromium driven by playwright-core.
// Upload the sample reports, read the TCVN3 file's converted text, see the missing unit on
// the dashboard, correct a row's mapping, re-upload a corrected file and see the diff in
// the history, download the consolidated workbook and read it back with tonghop itself.
// Screenshots of each page go to SHOTS (docs/screenshots with UPDATE_SCREENSHOTS=1).
//
//   node serve_browser_test.mjs BUILD/tonghop SOURCE_DIR
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const [tonghop, source] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!tonghop || !source) { console.error('usage: serve_browser_test.mjs TONGHOP SOURCE_DIR'); process.exit(2); }
if (!fs.existsSync(chromiumPath)) { console.error('skipped: no chromium at ' + chromiumPath); process.exit(77); }
const shots = process.env.UPDATE_SCREENSHOTS ? path.join(source, 'docs', 'screenshots')
  : path.join(path.dirname(tonghop), 'screenshots');
fs.mkdirSync(shots, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-browser-'));
const samples = path.join(source, 'samples', 'bao-cao');

// The KT-HT-ĐT unit's CSV with one row the plan does not name as written: staff teach it.
const csv = fs.readFileSync(path.join(samples, 'phong-kt-ht-dt-2026.csv'), 'utf8') +
  '7,Tỷ lệ hộ kinh doanh dùng hóa đơn điện tử,%,80,85,\n';
const taught = path.join(work, 'phong-kt-ht-dt-2026.csv');
fs.writeFileSync(taught, csv);
const firstRound = ['bch-quan-su-2026.xlsx', 'bql-du-an-2026.xls', 'cong-an-2026.xlsx', 'phong-vhxh-2026-lan-1.xlsx',
  'van-phong-2026.ods'].map((f) => path.join(samples, f)).concat([taught]);

const server = spawn(tonghop, ['serve', '--plan', path.join(source, 'samples/ke-hoach/an-duong-2026-2030.xlsx'),
  '--year', '2026', '--deadline', '2026-12-03', '--data', path.join(work, 'data'), '--listen', '127.0.0.1:0'],
  { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => { out += d; const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out); if (m) resolve(m[0].slice(0, -1)); });
  server.on('exit', (code) => reject(new Error('tonghop serve exited with ' + code + ': ' + out)));
  setTimeout(() => reject(new Error('tonghop serve did not start: ' + out)), 20000);
});

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], headless: true });
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'vi-VN' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  const ready = (name) => page.waitForFunction((n) => document.body.dataset.ready === n, name);
  const shot = (name) => page.screenshot({ path: path.join(shots, name + '.png') });

  // Tải lên: every file at once, one progress bar each, a result per file.
  await page.goto(base + '/#upload');
  await ready('upload');
  await page.setInputFiles('#file-input', firstRound);
  await page.waitForFunction((n) => document.querySelectorAll('.upload-item.done, .upload-item.refused').length === n,
    firstRound.length, { timeout: 60000 });
  assert.equal(await page.locator('.upload-item.refused').count(), 0, 'no sample is refused');
  assert.equal(await page.locator('.upload-item progress').count(), firstRound.length);
  await shot('tai-len');

  // Kết quả of the TCVN3 file: its text converted to Unicode, shown with the cell.
  await page.locator('.upload-item', { hasText: 'cong-an-2026.xlsx' }).getByRole('link').click();
  await ready('results');
  await page.getByText('CÔNG AN PHƯỜNG AN DƯƠNG').first().waitFor();
  assert.ok(await page.getByText('TCVN3').count() > 0, 'the legacy encoding is named');
  await shot('ket-qua');

  // Đơn vị: who has not sent (Trung tâm Dịch vụ sự nghiệp công), charts linking to rows.
  await page.goto(base + '/#units');
  await ready('units');
  const missing = page.locator('tr.row-missing', { hasText: 'Trung tâm Dịch vụ sự nghiệp công' });
  await missing.waitFor();
  assert.ok(await missing.getByText('Chưa gửi').count() > 0);
  assert.equal(await page.locator('svg.chart').count(), 3);
  await shot('don-vi');
  await page.locator('svg.chart a[href*="filter=missing"]').first().click();
  // The page was already ready for 'units': wait for the filtered table itself (or fail on
  // the timeout when the filter keeps other rows).
  await page.waitForFunction(() => location.hash.includes('filter=missing') &&
    document.querySelectorAll('.units-table tbody tr').length > 0 &&
    document.querySelectorAll('.units-table tbody tr:not(.row-missing)').length === 0);
  assert.ok((await page.locator('.units-table tbody tr').count()) >= 1);
  assert.equal(await page.locator('.units-table tbody tr:not(.row-missing)').count(), 0, 'the filter keeps only missing units');

  // Teach it: the unmatched row of the CSV gets its plan item, and the file is checked again.
  await page.goto(base + '/#results');
  await ready('results');
  await page.locator('a', { hasText: 'phong-kt-ht-dt-2026.csv' }).first().click();
  await ready('results');
  const row = page.locator('tr.unmatched', { hasText: 'hóa đơn điện tử' });
  await row.waitFor();
  await row.getByRole('button').click();
  await page.locator('.fix-search').fill('giai ngan');
  const value = await page.locator('.fix-list').evaluate((sel) => {
    const o = [...sel.options].find((x) => x.textContent.includes('giải ngân'));
    return o ? o.value : 'none: ' + [...sel.options].slice(0, 5).map((x) => x.textContent).join(' | ');
  });
  assert.ok(value.startsWith('indicator|'), 'the search finds the item: ' + value);
  await page.locator('.fix-list').selectOption(value);
  await page.locator('.fix-row .btn-primary').click();
  await page.waitForFunction(() => !document.querySelector('tr.unmatched'), null, { timeout: 30000 });
  await ready('results');
  assert.ok(await page.locator('tr', { hasText: 'hóa đơn điện tử' }).getByText('giải ngân').count() > 0,
    'the corrected row shows its plan item');

  // Lịch sử: the unit sends a corrected file; the new version and what changed.
  await page.goto(base + '/#upload');
  await ready('upload');
  await page.setInputFiles('#file-input', [path.join(samples, 'phong-vhxh-2026.xlsx')]);
  await page.locator('.upload-item.done').first().waitFor({ timeout: 30000 });
  await page.goto(base + '/#history?unit=' + encodeURIComponent('Phòng Văn hóa - Xã hội'));
  await ready('history');
  await page.locator('.diff-table tbody tr').first().waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.version').count(), 2);
  assert.ok(await page.locator('.diff-table td.old').count() > 0, 'old values are shown beside the new');
  await shot('lich-su');

  // Tổng hợp: one button, the workbook downloads; tonghop's own reader reads it back.
  await page.goto(base + '/#consolidate');
  await ready('consolidate');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('#consolidate-btn')]);
  const book = path.join(work, 'tong-hop.xlsx');
  await download.saveAs(book);
  const inspected = execFileSync(tonghop, ['inspect', book], { encoding: 'utf8' });
  assert.match(inspected, /"Tổng hợp"/);
  assert.match(inspected, /Biểu 01/);
  await page.locator('#download-latest').waitFor();
  await shot('tong-hop');

  // Kế hoạch: what was understood, and the plan's defects.
  await page.goto(base + '/#plan');
  await ready('plan');
  assert.ok(await page.getByText('duplicate-code').count() + await page.getByText('STT 13').count() > 0);
  await shot('ke-hoach');

  // English switch.
  await page.click('#lang-en');
  await ready('plan');
  assert.equal((await page.locator('#tabs a[data-page=upload]').textContent()).trim(), 'Upload');
  assert.deepEqual(problems, [], problems.join('\n'));
  console.log('browser test passed; screenshots in ' + shots);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
