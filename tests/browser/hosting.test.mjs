// The built site works from any directory of a plain static server, and
// says so in both languages when it cannot load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, open, dist, shot, preset } from './harness.mjs';

test('index.html refers to its assets relatively', () => {
  // Without the prerendered page: its links are content (share links, docs).
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8').replace(/<!--prerender-->[\s\S]*<!--\/prerender-->/, '');
  const urls = [...html.matchAll(/(?:href|src|data-mirrorsmith-js|data-mirrorsmith-wasm)=("?)([^"\s>]+)\1/g)].map(m => m[2]);
  assert.ok(urls.length >= 5, urls.join(' '));
  for (const u of urls.filter(u => !u.startsWith('data:'))) assert.match(u, /^\.\//, `${u} is relative`);
});

test('served under /mirrorsmith/: the app loads and works', async () => {
  const srv = await serve({ prefix: '/mirrorsmith/' });
  const br = await browser();
  try {
    const page = await open(br.context, srv.base);
    assert.match(await page.textContent('#preview'), /config_path/);
    await preset(page, 'corporate-proxy', () => document.querySelectorAll('#file-list button.file').length === 5);
    await page.waitForFunction(() => location.href.startsWith(document.querySelector('#share-link').value.split('#')[0]));
    assert.match(await page.inputValue('#share-link'), /\/mirrorsmith\/#p=1\./);
    assert.equal(await page.$eval('body', b => getComputedStyle(b).backgroundColor), 'rgb(246, 247, 249)', 'the CSS loaded');
    assert.deepEqual(br.problems, []);
  } finally {
    await br.close();
    srv.server.close();
  }
});

test('a missing wasm file: a visible message in both languages, not a loading note forever', async () => {
  const srv = await serve({ prefix: '/mirrorsmith/', missing: /\.wasm$/ });
  const br = await browser();
  try {
    const page = await br.context.newPage();
    await page.goto(srv.base);
    await page.waitForSelector('#loading.failed', { timeout: 10000 });
    const text = await page.textContent('#loading');
    assert.match(text, /Mirrorsmith could not load/);
    assert.match(text, /加载失败/);
    assert.equal(await page.getAttribute('#loading', 'role'), 'alert');
    // The prerendered first visit would look usable: it is gone.
    assert.equal(await page.$$eval('.prerender', els => els.length), 0);
    await shot(page, 'load-failed');
    // The only problems are the 404 and the message about it; no CSP violation.
    assert.ok(br.problems.every(p => /404|loading failed|Failed to load resource/.test(p)), br.problems.join('\n'));
  } finally {
    await br.close();
    srv.server.close();
  }
});
