// The Excel task pane's files as Office will take them: the XML manifest against the
// schema of a TaskPaneApp (tests/addin/taskpaneapp.xsd, with xmllint), its URLs pointing at
// the server's /addin/ files that exist, and the pane's script in ES5 (Internet Explorer 11
// runs it in perpetual Office 2016/2019) with no inline script (the pane's CSP).
//
//   node --test tests/addin/manifest_test.mjs      (TONGHOP_SOURCE: the source folder)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const source = process.env.TONGHOP_SOURCE || path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const pane = path.join(source, 'addin', 'excel');
const schema = path.join(source, 'tests', 'addin', 'taskpaneapp.xsd');
const manifestPath = path.join(pane, 'manifest.xml');
const manifest = fs.readFileSync(manifestPath, 'utf8');
// acorn comes with the browser tests' packages (tests/browser/package-lock.json).
const acorn = createRequire(path.join(source, 'tests', 'browser', 'package.json'))('acorn');

function validate(xml) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-manifest-')), 'manifest.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String(e.stderr);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

test('the manifest is valid against the TaskPaneApp schema', () => {
  assert.equal(validate(manifest), '');
});

test('the schema refuses what Office refuses', () => {
  // Elements out of order, a wrong permission, a bad id, no task pane type, a missing source.
  const broken = [
    manifest.replace(/(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/, '$2$1'),
    manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadWrite</Permissions>'),
    manifest.replace(/<Id>[^<]*<\/Id>/, '<Id>tonghop</Id>'),
    manifest.replace('xsi:type="TaskPaneApp"', ''),
    manifest.replace(/<DefaultSettings>[\s\S]*<\/DefaultSettings>/, ''),
    manifest.replace('<Host Name="Workbook"/>', '<Host Name="Excel"/>'),
  ];
  for (const xml of broken) {
    assert.notEqual(xml, manifest, 'the change applies');
    assert.match(validate(xml), /fails to validate/);
  }
});

test('every URL points at the server and its /addin/ files exist', () => {
  const urls = [...manifest.matchAll(/DefaultValue="(http[^"]+)"/g)].map((m) => m[1]);
  assert.ok(urls.length >= 4);
  for (const url of urls) {
    assert.ok(url.startsWith('http://localhost:8080/'), url + ': the address tonghop serve replaces with its own');
    const rest = url.slice('http://localhost:8080/'.length);
    if (rest === '') continue;  // SupportUrl: the office's page
    assert.match(rest, /^addin\/[\w.-]+$/);
    assert.ok(fs.existsSync(path.join(pane, rest.slice(6))), rest + ' exists in addin/excel/');
  }
  assert.match(manifest, /<SourceLocation DefaultValue="http:\/\/localhost:8080\/addin\/taskpane\.html"\/>/);
  assert.match(manifest, /<Host Name="Workbook"\/>/);
});

test('the pane script is ES5 and the page has no inline script', () => {
  const code = fs.readFileSync(path.join(pane, 'taskpane.js'), 'utf8');
  acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
  assert.throws(() => acorn.parse('var f = (x) => x;', { ecmaVersion: 5 }), 'an arrow function is not ES5');
  const names = [...acorn.tokenizer(code, { ecmaVersion: 5 })].filter((t) => t.type.label === 'name').map((t) => t.value);
  for (const missing of ['Promise', 'fetch', 'Map', 'Set']) assert.ok(!names.includes(missing), 'IE11 has no ' + missing);
  const html = fs.readFileSync(path.join(pane, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 2);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /src="/);
    assert.equal(body.trim(), '');
  }
  assert.match(scripts[0][1], /src="https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"/);
});
