// The first visit's page is in index.html (tools/prerender.mjs): it shows
// before the WebAssembly has arrived, in the visitor's language, with share
// links to this very page, and the app takes its place with the same output.
// Visits that start from a link or a saved session do not see it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser } from './harness.mjs';

const PRE = '[data-prerendered="preview"]';

/** A page whose wasm download is held back until `release()`. */
async function heldPage(context) {
  const page = await context.newPage();
  let release;
  const held = new Promise(r => { release = r; });
  await page.route('**/*.wasm', async route => { await held; await route.continue(); });
  return { page, release };
}

async function withBrowser(opts, fn) {
  const srv = await serve();
  const br = await browser(opts);
  try {
    await fn(srv, br);
  } finally {
    await br.close();
    srv.server.close();
  }
}

test('first visit: the output shows before the wasm arrives, then the app takes over with the same output', async () => {
  await withBrowser({}, async (srv, br) => {
    const { page, release } = await heldPage(br.context);
    await page.goto(srv.base);
    await page.waitForSelector(`.prerender[data-lang="en"] ${PRE}`, { state: 'visible' });
    const before = await page.$eval(PRE, e => e.textContent);
    assert.match(before, /config_path|hosts\.toml|\[plugins/, 'a generated file is on screen');
    assert.equal(await page.getAttribute('html', 'data-prerender'), 'en');
    assert.equal(await page.$$eval('.prerender[data-lang="zh"]', els => els.every(e => e.checkVisibility() === false || getComputedStyle(e).display === 'none')), true);
    // Share links point at this page, not at the build's address.
    const text = await page.$eval('.prerender[data-lang="en"]', e => e.innerHTML);
    assert.ok(!text.includes('mirrorsmith.invalid'), 'the build address is rewritten');
    assert.ok(text.includes(srv.base + '#p='), 'links start with the page address');
    const link = await page.$eval('.prerender[data-lang="en"] .share input', e => e.value);
    assert.ok(link.startsWith(srv.base + '#p='), link);
    assert.match(await page.$eval('.prerender[data-lang="en"] .share .length', e => e.textContent), new RegExp(`\\(${link.length} characters\\)`));
    // Nothing in it can be used yet, and nothing finds it by id.
    assert.equal(await page.$eval('.prerender[data-lang="en"]', e => e.inert), true);
    assert.equal(await page.$$eval('.prerender [id]', els => els.length), 0);
    assert.ok(await page.isVisible('#loading'), 'the loading note stays, as a badge');
    assert.equal(await page.$('#preview'), null, 'the app has not rendered');

    release();
    await page.waitForSelector('#preview');
    await page.waitForFunction(() => !document.querySelector('.prerender') && !document.documentElement.hasAttribute('data-prerender'));
    assert.equal(await page.$('#loading'), null);
    const after = await page.$eval('#preview', e => e.textContent);
    assert.equal(after, before, 'the app shows what the prerendered page showed');
    assert.deepEqual(br.problems, []);
  });
});

test('first visit in Chinese: the Chinese page shows', async () => {
  await withBrowser({ locale: 'zh-CN' }, async (srv, br) => {
    const { page, release } = await heldPage(br.context);
    await page.goto(srv.base);
    await page.waitForSelector(`.prerender[data-lang="zh"] ${PRE}`, { state: 'visible' });
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(await page.$eval('.prerender[data-lang="zh"]', e => e.innerText), /[\u4e00-\u9fff]/);
    assert.equal(await page.isVisible(`.prerender[data-lang="en"] ${PRE}`), false);
    release();
    await page.waitForSelector('#preview');
    assert.deepEqual(br.problems, []);
  });
});

test('a share link or a saved session: no prerendered page, the loading note', async () => {
  await withBrowser({ colorScheme: 'light' }, async (srv, br) => {
    // A link: the app will show the linked profile, not the starter.
    const first = await heldPage(br.context);
    await first.page.goto(srv.base + '#p=1.anything');
    await first.page.waitForLoadState('domcontentloaded');
    await first.page.waitForTimeout(100);
    assert.equal(await first.page.getAttribute('html', 'data-prerender'), null);
    assert.equal(await first.page.isVisible(PRE), false);
    assert.ok(await first.page.isVisible('#loading h1'), 'the full loading note');
    first.release();
    await first.page.close();

    // A saved session (and a saved dark theme, set before the first paint).
    const setup = await br.context.newPage();
    await setup.goto(srv.base + '__blank');
    await setup.evaluate(() => {
      localStorage.setItem('mirrorsmith.profile', '{"registries":[]}');
      localStorage.setItem('mirrorsmith.theme', 'dark');
    });
    await setup.close();
    const second = await heldPage(br.context);
    await second.page.goto(srv.base);
    await second.page.waitForLoadState('domcontentloaded');
    await second.page.waitForTimeout(100);
    assert.equal(await second.page.getAttribute('html', 'data-prerender'), null);
    assert.equal(await second.page.getAttribute('html', 'data-theme'), 'dark');
    assert.equal(await second.page.isVisible(PRE), false);
    second.release();
    await second.page.waitForSelector('#preview');
  });
});
