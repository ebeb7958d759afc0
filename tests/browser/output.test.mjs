// Taking the files away: the warning when values are left out, colima's
// own steps, honest copy buttons, and the route diagram with long names.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, open, shot, preset, addCustomMirror, assertNoSidewaysOverflow } from './harness.mjs';

let srv, br;
before(async () => { srv = await serve(); br = await browser(); });
after(async () => { await br.close(); srv.server.close(); });
beforeEach(() => { br.problems.length = 0; });

test('errors: a warning beside the downloads and the one-liner, downloads still work', async () => {
  const page = await open(br.context, srv.base);
  assert.equal(await page.$('#install-errors'), null);
  await page.fill('#f-proxy-http', 'http://10.0.0.5:7890');
  await page.fill('#f-proxy-https', 'htp:/bad url');
  await page.waitForFunction(() => document.querySelector('#count-errors').textContent === '1 error');
  await page.waitForSelector('#install-errors');
  assert.match(await page.textContent('#install-errors'), /^1 error: the value it points at is left out of the files or will not work\./);
  assert.ok(await page.isVisible('#files-errors'));
  await page.click('#show-one-liner');
  // The one-liner comes from the archive worker: it shows once built.
  await page.waitForSelector('#one-liner-errors');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-tgz')]);
  assert.equal(download.suggestedFilename(), 'mirrorsmith.tar.gz');
  await page.fill('#f-no-proxy', '10.20.0.0/33');
  await page.waitForFunction(() => /^2 errors: these values/.test(document.querySelector('#install-errors')?.textContent || ''));
  await shot(page, 'errors-left-out');
  await page.click('#install-errors button');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'h-findings');
  await page.fill('#f-proxy-https', 'http://10.0.0.5:7890');
  await page.fill('#f-no-proxy', '');
  await page.waitForFunction(() => !document.querySelector('#install-errors'));
  await page.close();
});

test('colima only: its own apply and verify steps, no one-liner, and why', async () => {
  const page = await open(br.context, srv.base);
  await preset(page, 'seed-colima-proxy', '#colima-steps');
  assert.equal(await page.$('#show-one-liner'), null);
  assert.equal(await page.$('#download-install'), null);
  assert.match(await page.textContent('#no-one-liner'), /nothing here is installed on a node/);
  assert.equal(await page.textContent('#h-install'), 'Apply on your workstation (colima)');
  const steps = await page.textContent('#colima-steps');
  assert.match(steps, /~\/\.colima\/default\/colima\.yaml/);
  assert.match(steps, /colima stop && colima start/);
  assert.match(steps, /colima ssh -- cat \/etc\/containerd\/certs\.d\/docker\.io\/hosts\.toml/);
  await page.selectOption('#f-colima-runtime', 'docker');
  await page.waitForFunction(() => /docker info \| grep -iA3 -E 'registry mirrors\|proxy'/.test(document.querySelector('#colima-steps').textContent));
  await page.click('#lang-zh');
  assert.match(await page.textContent('#no-one-liner'), /没有一行安装命令/);
  assert.match(await page.textContent('#colima-steps'), /重启虚拟机/);
  await shot(page, 'colima-steps-zh');
  await page.click('#lang-en');
  // A node target brings install.sh and the one-liner back.
  await page.check('#f-containerd');
  await page.waitForSelector('#show-one-liner');
  assert.ok(await page.isVisible('#colima-steps'), 'colima keeps its steps beside install.sh');
  await page.close();
});

test('copy: a refused clipboard says so and selects the text to copy by hand', async () => {
  const refuse = () => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  };
  const page = await open(br.context, srv.base, { init: refuse });
  await page.click('#copy-link');
  await page.waitForSelector('.share .copy-fallback');
  assert.equal(await page.textContent('#copy-link'), 'Not copied');
  assert.match(await page.textContent('.share .copy-fallback'), /press Ctrl\+C/);
  // The whole link is selected in its box, to copy by hand.
  await page.waitForFunction(() => document.activeElement?.id === 'share-link');
  const link = await page.inputValue('#share-link');
  assert.match(link, /#p=1\./);
  const sel = await page.$eval('#share-link', e => [e.selectionStart, e.selectionEnd]);
  assert.deepEqual(sel, [0, link.length]);
  await page.close();
  assert.deepEqual(br.problems, [], 'no uncaught promise');
});

test('copy without a clipboard API (plain http): execCommand, else a box to copy from', async () => {
  const noApi = (works) => `
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
    document.execCommand = (c) => { window.__copied = c; return ${works}; };`;
  const page = await open(br.context, srv.base, { init: noApi(false) });
  await page.click('#copy-file');
  await page.waitForSelector('#copy-file-manual');
  assert.equal(await page.textContent('#copy-file'), 'Not copied');
  await page.waitForFunction(() => document.activeElement?.id === 'copy-file-manual');
  const [start, end, len] = await page.$eval('#copy-file-manual', e => [e.selectionStart, e.selectionEnd, e.value.length]);
  assert.ok(start === 0 && end === len && len > 100);
  await shot(page, 'copy-by-hand');
  await page.close();
  const works = await open(br.context, srv.base, { init: noApi(true) });
  await works.click('#copy-file');
  await works.waitForFunction(() => document.querySelector('#copy-file').textContent === 'Copied');
  assert.equal(await works.evaluate(() => window.__copied), 'copy');
  assert.equal(await works.evaluate(() => document.activeElement?.id), 'copy-file', 'focus is back on the button');
  assert.equal(await works.$('#copy-file-manual'), null);
  await works.close();
  assert.deepEqual(br.problems, []);
});

test('the route diagram shortens long names (whole name as tooltip), scrolls on phones', async () => {
  const long = 'harbor-proxy-cache.shanghai.internal.corp.example.com:8443';
  const check = async (page) => {
    await page.fill('#f-proxy-https', 'http://proxy.shanghai.corp.example.com:3128');
    await addCustomMirror(page.locator('article.registry').first(), `https://${long}`);
    await page.waitForFunction(() => document.querySelectorAll('#route-diagram g.host').length === 2);
    const host = page.locator('#route-diagram g.host').first();
    const label = await host.locator('text.r-label').textContent();
    assert.match(label, /^1\. harbor-proxy-ca.*….*\.com:8443$/);
    assert.match(await host.locator('title').textContent(), new RegExp(long.replace(/\./g, '\\.')));
    const [tw, bw] = await host.evaluate(g => [g.querySelector('text.r-label').getBBox().width, g.querySelector('rect').getBBox().width]);
    assert.ok(tw < bw - 8, `label ${tw} fits the box ${bw}`);
    const [pw, pb] = await page.$eval('#route-diagram .proxy-box', g => [g.querySelector('text.r-small').getBBox().width, g.querySelector('rect').getBBox().width]);
    assert.ok(pw <= pb, `proxy label ${pw} fits ${pb}`);
    assert.match(await page.textContent('#route-diagram g.host .r-small'), /resolve ✓ fetch ✓ · proxy/);
  };
  const page = await open(br.context, srv.base);
  await check(page);
  await page.locator('#explain').screenshot({ path: 'tests/browser/out/diagram-long-host.png' });
  await page.close();
  const phone = await browser({ viewport: { width: 390, height: 844 } });
  try {
    const p = await open(phone.context, srv.base);
    await check(p);
    const [sw, cw, svgw] = await p.$eval('.route-scroll', e => [e.scrollWidth, e.clientWidth, e.querySelector('svg').getBoundingClientRect().width]);
    assert.ok(svgw >= 560 && sw > cw, `diagram ${svgw}px in ${cw}px scrolls sideways`);
    await assertNoSidewaysOverflow(p, 'the page itself');
    await p.locator('#explain').screenshot({ path: 'tests/browser/out/diagram-narrow.png' });
  } finally {
    await phone.close();
  }
});
