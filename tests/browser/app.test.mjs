// The web app in a real browser: the release build in Debian's chromium.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, open, allFiles, shot, outDir, settled, preset, addCustomMirror } from './harness.mjs';

// Reordering, broken links and narrow screens are in edit, session and
// screens.test.mjs.
let srv, br;
before(async () => { srv = await serve(); br = await browser(); });
after(async () => { await br.close(); srv.server.close(); });
beforeEach(() => { br.problems.length = 0; });

test('first visit: output without errors, strict CSP, nothing from other hosts', async () => {
  const page = await open(br.context, srv.base);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', m => m.content);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(await page.$$eval('script:not([src])', s => s.length), 0, 'no inline script');
  assert.match(await page.$eval('#preview', e => e.textContent), /config_path = "\/etc\/containerd\/certs.d"/);
  await settled(page);
  assert.match(page.url(), /#p=1\./, 'the address holds the profile');
  await shot(page, 'first-visit');
  assert.deepEqual(br.problems, []);
  await page.close();
});

test('a preset fills the form, the files and the checks', async () => {
  const page = await open(br.context, srv.base);
  await preset(page, 'china-mainland', () => document.querySelectorAll('#file-list button.file').length === 14);
  const paths = await page.$$eval('#file-list button.file', bs => bs.map(b => b.dataset.path));
  assert.ok(paths.includes('/etc/containerd/certs.d/quay.io/hosts.toml'));
  assert.match(await page.textContent('#notice'), /China mainland/);
  assert.equal(await page.textContent('#count-errors'), '0 errors');
  await page.click('#file-list button.file[data-path="/etc/containerd/certs.d/docker.io/hosts.toml"]');
  assert.match(await page.textContent('#preview'), /\[host\."https:\/\/docker\.m\.daocloud\.io"\]/);
  await page.close();
});

test('typing a mirror updates preview and findings on every keystroke', async () => {
  const page = await open(br.context, srv.base);
  await page.click('#catalog button:has-text("quay.io")');
  const card = page.locator('article.registry[aria-label="quay.io"]');
  await addCustomMirror(card, 'quay-mirror.example.com');
  // No scheme: an error next to the field, counted in the summary.
  const url = card.locator('input[id$="-m0-url"]');
  await page.waitForFunction(() => document.querySelector('#count-errors').textContent === '1 error');
  assert.match(await card.locator('.note.error').first().textContent(), /MS002.*scheme/);
  assert.equal(await url.getAttribute('aria-invalid'), 'true');
  await shot(page, 'mirror-error');
  // Fix it key by key; the preview follows.
  await url.fill('');
  await url.type('https://quay-mirror.example.com');
  await page.waitForFunction(() => document.querySelector('#count-errors').textContent === '0 errors');
  await page.click('#file-list button.file[data-path="/etc/containerd/certs.d/quay.io/hosts.toml"]');
  assert.match(await page.textContent('#preview'), /\[host\."https:\/\/quay-mirror\.example\.com"\]/);
  assert.match(await page.textContent('#preview'), /server = "https:\/\/quay\.io"/);
  await page.close();
});

test('the archive download lists every generated file', async () => {
  const page = await open(br.context, srv.base);
  await preset(page, 'corporate-proxy', () => document.querySelectorAll('#file-list button.file').length === 5);
  const shown = await page.$$eval('#file-list button.file', bs => bs.map(b => b.dataset.path.replace(/^\//, '').replace(/^~\//, 'root/')));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-tgz')]);
  assert.equal(download.suggestedFilename(), 'mirrorsmith.tar.gz');
  const file = path.join(outDir, 'mirrorsmith.tar.gz');
  await download.saveAs(file);
  const listing = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
  assert.deepEqual(listing, shown);
  const env = execFileSync('tar', ['-xzOf', file, 'etc/environment'], { encoding: 'utf8' });
  assert.match(env, /^HTTPS_PROXY=http:\/\/proxy\.example\.com:3128$/m);
  const [zip] = await Promise.all([page.waitForEvent('download'), page.click('#download-zip')]);
  assert.equal(zip.suggestedFilename(), 'mirrorsmith.zip');
  // The one-liner carries the same archive.
  await page.click('#show-one-liner');
  const line = await page.inputValue('#one-liner');
  const b64 = line.split("'")[1];
  fs.writeFileSync(path.join(outDir, 'one-liner.tar.gz'), Buffer.from(b64, 'base64'));
  assert.deepEqual(execFileSync('tar', ['-tzf', path.join(outDir, 'one-liner.tar.gz')], { encoding: 'utf8' }).trim().split('\n'), shown);
  await page.close();
});

test('a copied link opens the exact same state in a fresh page', async () => {
  const page = await open(br.context, srv.base);
  await preset(page, 'harbor-proxy-cache', '#f-r3-m0-url');
  await page.fill('#f-proxy-https', 'http://proxy.corp.example:3128');
  await page.check('#f-host-env');
  await page.click('#copy-link');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  await settled(page);
  assert.equal(link, page.url(), 'copied link = address bar');
  const before = await allFiles(page);
  const other = await browser();
  try {
    const fresh = await open(other.context, link);
    assert.deepEqual(await allFiles(fresh), before);
    assert.equal(await fresh.inputValue('#f-proxy-https'), 'http://proxy.corp.example:3128');
    assert.equal(await fresh.isChecked('#f-host-env'), true);
    assert.equal(fresh.url(), link);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
  await page.close();
});

test('secrets stay out of the address unless the user opts in, with a warning', async () => {
  const page = await open(br.context, srv.base);
  await page.fill('#f-proxy-https', 'http://bob:s3cret@proxy.example.com:3128');
  await page.waitForSelector('#include-secrets');
  await settled(page);
  const fragment = () => decodeURIComponent(new URL(page.url()).hash);
  const decode = async () => execFileSync(path.resolve('target/debug/mirrorsmith'), ['profile', page.url()], { encoding: 'utf8' });
  assert.match(await decode(), /bob@proxy\.example\.com/, 'the address holds the proxy, without its password');
  assert.doesNotMatch(await decode(), /s3cret/);
  await page.check('#include-secrets');
  await page.waitForSelector('.share .warn');
  await settled(page);
  assert.match(await decode(), /s3cret/);
  assert.ok(fragment().length > 0);
  await page.close();
});

test('Chinese and English, switchable; every control has a label', async () => {
  const page = await open(br.context, srv.base);
  // Keyboard: from the top of a fresh page, Tab reaches the first control.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'preset');
  await preset(page, 'seed-aliyun-legacy');
  await page.fill('#f-proxy-https', 'proxy.example.com:3128');
  await page.click('#lang-zh');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#h-targets'), '1. 目标');
  // The list follows once typing pauses (the counts at once).
  await page.waitForFunction(() => /缺少协议/.test(document.querySelector('#findings').textContent));
  await shot(page, 'zh');
  await page.click('#lang-en');
  assert.equal(await page.textContent('#h-targets'), '1. Targets');
  const unlabelled = await page.$$eval('input, select, textarea', els => els.filter(el => {
    if (el.type === 'hidden') return false;
    if (el.getAttribute('aria-label') || el.closest('label')) return false;
    return !(el.id && document.querySelector(`label[for="${el.id}"]`));
  }).map(el => el.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
  await page.close();
});

test('a finding jumps to its field', async () => {
  const page = await open(br.context, srv.base);
  await page.fill('#f-proxy-http', 'http://proxy.example.com:3128');
  const finding = page.locator('#findings .finding.warning', { hasText: 'HTTPS_PROXY' }).first();
  await finding.waitFor();
  await finding.locator('button').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-proxy-https');
  await page.close();
});

test('dark theme follows the system', async () => {
  const dark = await browser({ colorScheme: 'dark' });
  try {
    const page = await open(dark.context, srv.base);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(15, 18, 22)');
    await preset(page, 'seed-colima-proxy', () => document.querySelectorAll('#file-list button.file').length === 1);
    await shot(page, 'dark');
    assert.deepEqual(dark.problems, []);
  } finally {
    await dark.close();
  }
});

test('import a blog config: report, migrated form, patched file and its diff', async () => {
  const page = await open(br.context, srv.base);
  await page.click('#import summary');
  await page.fill('#import-config', fs.readFileSync(path.resolve('tests/fixtures/import/seed-002-config.toml'), 'utf8'));
  await page.click('#import-add-hosts');
  await page.fill('#import-hosts-0-dir', 'quay.io');
  await page.fill('#import-hosts-0-text', '[host."https://quay.m.daocloud.io"]\ncapabilites = ["pull"]\n');
  await page.click('#import-run');
  await page.waitForSelector('#import-report');
  const report = await page.textContent('#import-report');
  assert.match(report, /Legacy mirrors of docker\.io/);
  assert.match(report, /MS612.*capabilites/, 'the misspelled key is reported');
  assert.equal(await page.inputValue('#f-r0-host'), 'docker.io');
  assert.equal(await page.inputValue('#f-r0-m0-url'), 'https://45hrqeao.mirror.aliyuncs.com');
  assert.equal(await page.isChecked('#import-patch'), true);
  assert.match(await page.textContent('#import-diff'), /\+config_path = "\/etc\/containerd\/certs\.d"/);
  await page.click('#file-list button.file[data-path="/etc/containerd/config.toml"]');
  const config = await page.textContent('#preview');
  assert.match(config, /^disabled_plugins = \[\]/, 'the user\'s own file, not a new one');
  assert.doesNotMatch(config, /registry\.mirrors\."docker\.io"\]/);
  // The imported blog's mistakes are checked like any profile.
  assert.match(await page.textContent('#findings'), /MS315/);
  await page.uncheck('#import-patch');
  await page.waitForFunction(() => document.querySelector('#preview').textContent.startsWith('# Generated by Mirrorsmith'));
  await shot(page, 'import');
  await page.close();
});

test('the explainer follows an image through the hosts and the proxy', async () => {
  const page = await open(br.context, srv.base);
  await preset(page, 'corporate-proxy');
  await page.click('#catalog button:has-text("quay.io")');
  await page.fill('#explain-input', 'quay.io/prometheus/busybox:latest');
  await page.waitForFunction(() => document.querySelector('#explain-image')?.textContent === 'quay.io/prometheus/busybox:latest');
  const text = await page.textContent('#explain-result');
  assert.match(text, /HEAD https:\/\/quay\.io\/v2\/prometheus\/busybox\/manifests\/latest/);
  assert.match(text, /proxy http:\/\/proxy\.example\.com:3128/);
  assert.equal(await page.$$eval('#route-diagram g.host', g => g.length), 1);
  await page.fill('#explain-input', 'https://not/an image');
  await page.waitForSelector('#explain-error');
  await page.fill('#explain-input', 'nginx@sha256:' + 'a'.repeat(64));
  await page.waitForSelector('#explain-result');
  assert.match(await page.textContent('#explain-result'), /blobs\/sha256:a{64}/);
  await page.close();
});
