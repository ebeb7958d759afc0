// Archives and the one-liner come from a second WebAssembly module, a web
// worker loaded on first use: the first visit does not download it, the
// downloads work through it, the one-liner follows the profile, and a
// worker that cannot load says so in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { serve, browser, open, preset } from './harness.mjs';

const WORKER = /mirrorsmith-archive|archive-worker/;

async function withPage(opts, fn) {
  const srv = await serve(opts);
  const br = await browser();
  try {
    const page = await br.context.newPage();
    const requested = [];
    br.context.on('request', r => requested.push(r.url()));
    await page.close();
    await fn(await open(br.context, srv.base), requested, br);
  } finally {
    await br.close();
    srv.server.close();
  }
}

test('the first visit does not load the archive worker; the first download does', async () => {
  await withPage({}, async (page, requested, br) => {
    await page.waitForTimeout(300);
    assert.deepEqual(requested.filter(u => WORKER.test(u)), [], 'nothing of the worker on the first visit');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-tgz')]);
    assert.equal(download.suggestedFilename(), 'mirrorsmith.tar.gz');
    const urls = requested.filter(p => WORKER.test(p)).map(u => new URL(u));
    const names = urls.map(u => u.pathname.split('/').pop()).sort();
    // Each carries the app build's hash, so a cached old worker is never used.
    const build = (await page.getAttribute('script[data-mirrorsmith-js]', 'data-mirrorsmith-js')).match(/-([0-9a-f]+)\.js$/)[1];
    assert.deepEqual(urls.map(u => u.search), urls.map(() => `?v=${build}`));
    assert.deepEqual(names, ['archive-worker.js', 'mirrorsmith-archive.js', 'mirrorsmith-archive_bg.wasm']);
    assert.equal(await page.textContent('#download-tgz'), 'Download everything .tar.gz', 'the label is back');
    assert.deepEqual(br.problems, []);
  });
});

test('the one-liner follows the profile while it is shown', async () => {
  await withPage({}, async (page) => {
    await page.click('#show-one-liner');
    const first = await page.inputValue('#one-liner');
    const files = line => execFileSync('tar', ['-tz'], { input: Buffer.from(line.split("'")[1], 'base64'), encoding: 'utf8' }).trim().split('\n');
    assert.ok(!files(first).includes('etc/environment'));
    await preset(page, 'corporate-proxy', () => document.querySelectorAll('#file-list button.file').length === 5);
    await page.waitForFunction(old => {
      const el = document.querySelector('#one-liner');
      return el && el.value !== old;
    }, first);
    assert.ok(files(await page.inputValue('#one-liner')).includes('etc/environment'));
  });
});

test('an archive worker that cannot load: a message in both languages, single files still download', async () => {
  // Its WebAssembly missing: no error event reaches the page, the loader says so.
  await withPage({ missing: /mirrorsmith-archive_bg\.wasm$/ }, async (page, requested, br) => {
    await page.click('#download-zip');
    await page.waitForSelector('#archive-failed');
    assert.match(await page.textContent('#archive-failed'), /could not load.*Reload the page/);
    assert.equal(await page.getAttribute('#archive-failed', 'role'), 'alert');
    assert.equal(await page.textContent('#download-zip'), '.zip', 'not left "Preparing…"');
    const [single] = await Promise.all([page.waitForEvent('download'), page.click('#download-install')]);
    assert.equal(single.suggestedFilename(), 'install.sh');
    await page.click('#lang-zh');
    assert.match(await page.textContent('#archive-failed'), /打包组件.*加载失败/);
    assert.ok(br.problems.every(p => /404|Failed to load resource|archive worker failed/.test(p)), br.problems.join('\n'));
  });
});
