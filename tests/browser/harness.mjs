// Serves the release build (dist/) on 127.0.0.1 and drives Debian's chromium
// through playwright-core. Nothing is downloaded; the server and the browser
// are stopped by the tests that start them.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const { chromium } = require(path.join(root, 'tools/node_modules/playwright-core'));

export const dist = path.join(root, 'dist');
export const outDir = path.join(root, 'tests/browser/out');
fs.mkdirSync(outDir, { recursive: true });

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** A static server for dist/ on a free loopback port: at `/`, or under
 * `prefix` (a subpath such as `/mirrorsmith/`, nothing else answers).
 * Paths matching `missing` answer 404 (a broken deployment). */
export async function serve({ prefix = '/', missing = null } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/__blank') {
      // A same-origin page without the app, to reset storage between tests.
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><link rel="icon" href="data:,">');
      return;
    }
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404).end(); return; }
    const rel = '/' + url.pathname.slice(prefix.length);
    if (missing && missing.test(rel)) { res.writeHead(404).end(); return; }
    let file = path.join(dist, decodeURIComponent(rel));
    if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
    if (rel.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' }).end(body);
    });
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}${prefix}` };
}

/** Debian's chromium with a fresh profile; records errors and off-host
 * requests. `clock` installs Playwright's controllable clock for every page
 * of this browser (see pauseClock): a browser of its own, since the clock
 * belongs to the whole context. */
export async function browser({ locale = 'en-US', colorScheme = 'light', viewport = { width: 1440, height: 1000 }, clock = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mirrorsmith-chrome-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport, locale, colorScheme, acceptDownloads: true,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  if (clock) await context.clock.install();
  const problems = [];
  context.on('page', p => watch(p, problems));
  for (const p of context.pages()) watch(p, problems);
  const close = async () => { await context.close(); fs.rmSync(dir, { recursive: true, force: true }); };
  return { context, problems, close };
}

function watch(page, problems) {
  page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
  page.on('console', m => {
    // Chromium notes that preload links ignore integrity; that is not ours to fix.
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('integrity')) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('request', r => {
    const u = r.url();
    if (!u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`off-host request: ${u}`);
  });
}

/** Opens the app and waits until the preview shows. Starts from empty
 * storage (no saved session) unless keepStorage is set; `init` runs in the
 * page before the app (to take browser APIs away). */
export async function open(context, url, { keepStorage = false, init = null } = {}) {
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  if (!keepStorage) {
    await page.goto(new URL('/__blank', url).href);
    await page.evaluate(() => localStorage.clear());
  }
  await page.goto(url);
  await page.waitForSelector('#preview', { timeout: 20000 });
  return page;
}

/** Every generated file, path -> content, read through the UI. */
export async function allFiles(page) {
  const files = {};
  const paths = await page.$$eval('#file-list button.file', bs => bs.map(b => b.dataset.path));
  for (const p of paths) {
    await page.click(`#file-list button.file[data-path="${p}"]`);
    await page.waitForFunction(p => document.querySelector('#preview-path')?.textContent === p, p);
    files[p] = await page.$eval('#preview', e => e.textContent);
  }
  return files;
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
}

/** Waits until the address bar holds the current share link (it follows
 * the profile once typing pauses). */
export async function settled(page) {
  await page.waitForFunction(() => location.href === document.querySelector('#share-link')?.value, null, { timeout: 5000 });
}

/** The session this browser saved (JSON), or null. */
export async function savedSession(page) {
  return page.evaluate(() => localStorage.getItem('mirrorsmith.profile'));
}

/** Adds a custom mirror to a registry card (a locator of article.registry). */
export async function addCustomMirror(card, url) {
  await card.locator('select[id$="-add-provider"]').selectOption('custom');
  await card.locator('input[id$="-add-url"]').fill(url);
  await card.locator('button[id$="-add-button"]').click();
}

/** Picks a preset from the header and waits until `ready` (a selector) is
 * on the page: by default the preset's notice with its Undo. */
export async function preset(page, id, ready = '#notice-undo') {
  await page.selectOption('#preset', id);
  if (typeof ready === 'function') await page.waitForFunction(ready);
  else await page.waitForSelector(ready);
}

/** Fails when the page is wider than the screen (it would scroll sideways). */
export async function assertNoSidewaysOverflow(page, what = 'page') {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${what} is ${overflow}px wider than the screen`);
}

/** Stops the page's clock (timers and performance.now): pauses such as
 * "findings show once typing pauses" happen only when the test lets time
 * run (`page.clock.runFor`), however slowly this machine types. Needs a
 * `browser({ clock: true })`; `page.clock.resume()` lets time flow again. */
export async function pauseClock(page) {
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 1000);
}
