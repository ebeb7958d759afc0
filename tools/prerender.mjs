// Trunk post_build hook: prerenders the first visit into index.html.
//
// A first visit (no link in the address bar, no saved session) shows the
// starter profile. Its page - form, file list, the generated file, findings -
// is the same on every such visit, so it is rendered here, at build time, by
// the release app itself in Debian's chromium, once in English and once in
// Chinese, and written into the staged index.html. static/prerender.js shows
// the matching one as soon as the HTML has arrived, while the WebAssembly
// still downloads and compiles; the app replaces it with its own first render
// (the same page) when it starts. A slow link sees the output after the HTML
// (~20 KB gzip) instead of after the whole bundle.
//
// Usage: node tools/prerender.mjs [DIR] (DIR defaults to $TRUNK_STAGING_DIR).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const { chromium } = require(path.join(here, 'node_modules/playwright-core'));

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('prerender: no directory (argument or TRUNK_STAGING_DIR)');
const indexFile = path.join(dir, 'index.html');

// The page is opened at this origin, answered from `dir` by request
// interception (no server). The share links in the page start with it;
// static/prerender.js puts the real page address in their place.
const ORIGIN = 'http://prerender.mirrorsmith.invalid/';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const LANGS = [['en', 'en-US'], ['zh', 'zh-CN']];

// Runs in the page once the app has rendered: the DOM as static HTML.
// Values the app set as properties become attributes; ids (and what points
// at them) go, so that nothing in the document finds the prerendered copy
// instead of the app's own elements.
function snapshot() {
  for (const el of document.querySelectorAll('input')) {
    if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked);
    else el.setAttribute('value', el.value);
  }
  for (const el of document.querySelectorAll('textarea')) el.textContent = el.value;
  for (const el of document.querySelectorAll('select')) {
    for (const o of el.options) o.toggleAttribute('selected', o.selected);
  }
  // The link's length is shown beside it; static/prerender.js corrects it
  // for the page's own address. The mark carries the length it shows.
  const link = document.querySelector('#share-link')?.value ?? '';
  const count = document.querySelector('.share .length');
  if (!count || !count.textContent.includes(String(link.length))) throw new Error('prerender: no link length beside the share link');
  count.setAttribute('data-link-length', String(link.length));
  // The tests find the generated file by this mark.
  const preview = document.querySelector('#preview');
  if (!preview) throw new Error('prerender: no generated file on the page');
  preview.setAttribute('data-prerendered', 'preview');
  for (const el of document.querySelectorAll('[autofocus]')) el.removeAttribute('autofocus');
  for (const attr of ['id', 'for', 'aria-controls', 'aria-labelledby', 'aria-describedby', 'aria-activedescendant']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) el.removeAttribute(attr);
  }
  return [...document.body.children]
    .filter(n => !['SCRIPT', 'NOSCRIPT'].includes(n.tagName) && !n.classList.contains('loading'))
    .map(n => n.outerHTML)
    .join('');
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
}).catch(e => {
  throw new Error(`prerender: cannot start /usr/bin/chromium (apt-get install chromium): ${e.message}`);
});
const parts = [];
try {
  for (const [lang, locale] of LANGS) {
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 1000 }, colorScheme: 'light' });
    await context.route('**/*', route => {
      const url = new URL(route.request().url());
      if (!url.href.startsWith(ORIGIN)) return route.abort();
      const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
      const file = path.join(dir, rel);
      if (!file.startsWith(dir) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ status: 200, body: fs.readFileSync(file), contentType: TYPES[path.extname(file)] || 'application/octet-stream' });
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(ORIGIN);
    await page.waitForFunction(() => performance.getEntriesByName('mirrorsmith-output').length > 0, null, { timeout: 60000 });
    if (errors.length) throw new Error(`prerender: the app failed in ${locale}: ${errors.join('; ')}`);
    const html = await page.evaluate(snapshot);
    if (!html.includes(ORIGIN)) throw new Error('prerender: the page holds no share link to rewrite');
    parts.push(`<div class="prerender" data-lang="${lang}" inert>${html}</div>`);
    await context.close();
  }
} finally {
  // (launch() gave chromium a fresh profile directory; close removes it.)
  await browser.close();
}

// Into the page before <noscript>, between markers: a rebuild starts from
// Trunk's fresh index.html, but running this twice on one directory replaces
// the copy instead of adding one.
const START = '<!--prerender-->', END = '<!--/prerender-->';
let index = fs.readFileSync(indexFile, 'utf8');
const old = index.indexOf(START);
if (old >= 0) index = index.slice(0, old) + index.slice(index.indexOf(END) + END.length);
if (!index.includes('<noscript>')) throw new Error('prerender: index.html has no <noscript> to insert before');
index = index.replace('<noscript>', START + parts.join('') + '<script src="./prerender.js" data-show></script>' + END + '<noscript>');
fs.writeFileSync(indexFile, index);
console.log(`prerender: ${LANGS.map(l => l[0]).join(' + ')} written into ${indexFile} (${(Buffer.byteLength(parts.join('')) / 1024).toFixed(1)} KB)`);
