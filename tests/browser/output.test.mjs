// Taking the files away: the warning when values are left out, colima's
// own steps, honest copy buttons, and the route diagram with long names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, open, shot } from './harness.mjs';

let srv, br;
before(async () => { srv = await serve(); br = await browser(); });
after(async () => { await br.close(); srv.server.close(); });

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
  assert.ok(await page.isVisible('#one-liner-errors'));
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
