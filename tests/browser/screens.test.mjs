// Languages and screen sizes: every string of the Chinese page is Chinese,
// English counts agree with their numbers, and phones get a summary at the
// top and foldable registry cards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, open, shot, preset, assertNoSidewaysOverflow } from './harness.mjs';

let srv;
before(async () => { srv = await serve(); });
after(() => srv.server.close());

const cjk = /[\u4e00-\u9fff]/;

test('Chinese mode: labels, counts, lengths, footer, diagram and verify block are Chinese', async () => {
  const br = await browser({ locale: 'zh-CN' });
  try {
    const page = await open(br.context, srv.base);
    await preset(page, 'corporate-proxy', '#f-proxy-https');
    await page.fill('#f-proxy-https', 'htp:/bad url');
    await page.waitForSelector('#findings .finding.error');
    for (const sev of await page.$$eval('#findings .sev', s => s.map(e => e.textContent))) assert.match(sev, cjk, sev);
    assert.equal(await page.textContent('#count-errors'), '1 个错误');
    assert.match(await page.textContent('.share .length'), /^（\d+ 个字符）$/);
    assert.match(await page.textContent('.foot'), /镜像源数据日期 \d{4}-\d\d-\d\d/);
    const marks = await page.$$eval('#route-diagram .r-small', t => t.map(e => e.textContent));
    assert.ok(marks.some(m => /解析 ✓ 下载 ✓/.test(m)), marks.join(' | '));
    const verify = (await page.textContent('#verify')).split('\n');
    for (const line of verify) {
      if (!line.startsWith('  ') || line.includes('#')) assert.match(line, cjk, line);
    }
    const upper = await page.$$eval('.label', ls => ls.filter(l => getComputedStyle(l).textTransform !== 'none').length);
    assert.equal(upper, 0, 'no uppercased labels (file names are case-sensitive)');
    assert.match(await page.textContent('#explain'), /hosts\.toml 查找/);
    await page.click('#import summary');
    await page.fill('#import-config', '[[[');
    await page.click('#import-run');
    assert.match(await page.textContent('#import-report .sev'), cjk);
    assert.match(await page.textContent('#notice'), /未导入任何内容/);
    await shot(page, 'zh-all');
    assert.deepEqual(br.problems, []);
  } finally {
    await br.close();
  }
});

test('English counts: 1 error, 2 errors, 1 warning', async () => {
  const br = await browser();
  try {
    const page = await open(br.context, srv.base);
    await page.fill('#f-proxy-http', 'http://proxy.example.com:3128');
    await page.waitForFunction(() => document.querySelector('#count-warnings').textContent === '2 warnings');
    await page.fill('#f-proxy-https', 'htp:/bad url');
    await page.waitForFunction(() => document.querySelector('#count-errors').textContent === '1 error');
    assert.equal(await page.textContent('#count-warnings'), '1 warning');
    await page.fill('#f-no-proxy', '10.20.0.0/33');
    await page.waitForFunction(() => document.querySelector('#count-errors').textContent === '2 errors');
    // Notes: the number, then the noun agreeing with it.
    const notes = await page.textContent('#count-infos');
    const n = Number(notes.split(' ')[0]);
    assert.equal(notes, n === 1 ? '1 note' : `${n} notes`);
    // The Harbor preset has exactly one note, the corporate one two.
    await preset(page, 'harbor-proxy-cache', () => document.querySelector('#count-infos').textContent === '1 note');
    assert.equal(await page.textContent('#count-errors'), '0 errors');
    await preset(page, 'corporate-proxy', () => document.querySelector('#count-infos').textContent === '2 notes');
  } finally {
    await br.close();
  }
});

test('phones: a sticky summary with jumps, registry cards that fold', async () => {
  const phone = await browser({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  try {
    const page = await open(phone.context, srv.base);
    // One column: the checks and files come after the form.
    const [form, out] = await Promise.all(['.form', '.out'].map(s => page.$eval(s, e => e.getBoundingClientRect().x)));
    assert.equal(form, out);
    await preset(page, 'china-mainland', '#f-r11-host');
    await assertNoSidewaysOverflow(page);
    await shot(page, 'narrow');
    await page.fill('#f-r2-m0-url', 'htp:/bad url');
    await page.waitForSelector('#f-r2-m0-url-notes');
    assert.equal(await page.textContent('#bar-errors'), '1 个错误');
    await shot(page, 'narrow-top');
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.click('#collapse-all');
    assert.equal(await page.locator('article.registry.collapsed').count(), 12);
    const short = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(short < tall - 3000, `${tall} -> ${short}`);
    const folded = page.locator('article.registry').nth(2);
    assert.match(await folded.textContent(), /k8s\.gcr\.io.*1 个镜像源.*1 个错误/);
    await shot(page, 'narrow-folded');
    // Far down the page the bar is still at the top and jumps to the checks.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    assert.equal(await page.$eval('#summary-bar', b => Math.round(b.getBoundingClientRect().top)), 0);
    await page.click('#bar-checks');
    await page.waitForFunction(() => { const r = document.querySelector('#findings').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; });
    // A finding about a folded card unfolds it and focuses the field.
    await page.click('#findings .finding.error button');
    await page.waitForFunction(() => document.activeElement?.id === 'f-r2-m0-url');
    assert.equal(await page.locator('article.registry.collapsed').count(), 11);
    await page.click('#bar-files');
    await page.waitForFunction(() => { const r = document.querySelector('#output').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; });
    await shot(page, 'narrow-files');
    await assertNoSidewaysOverflow(page);
    // The proxy card with its long NO_PROXY value fits too.
    await preset(page, 'corporate-proxy', '#no-proxy-value');
    await assertNoSidewaysOverflow(page, 'the corporate-proxy page');
    assert.deepEqual(phone.problems, []);
  } finally {
    await phone.close();
  }
  const desk = await browser();
  try {
    const page = await open(desk.context, srv.base);
    assert.equal(await page.isVisible('#summary-bar'), false, 'wide screens have the checks beside the form');
  } finally {
    await desk.close();
  }
});
