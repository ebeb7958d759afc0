// The address bar and the session this browser saves: broken and too-new
// links never overwrite the last session; secrets stay out of storage
// unless the user ticked the box.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, open, settled, savedSession, shot } from './harness.mjs';

let srv, br;
before(async () => { srv = await serve(); br = await browser(); });
after(async () => { await br.close(); srv.server.close(); });

const wait = ms => new Promise(r => setTimeout(r, ms));

/** A page with the China preset loaded and saved; returns [page, saved]. */
async function withSession() {
  const page = await open(br.context, srv.base);
  await page.selectOption('#preset', 'china-mainland');
  await page.waitForSelector('#f-r11-host');
  await settled(page);
  const saved = await savedSession(page);
  assert.match(saved, /k8s\.m\.daocloud\.io/);
  return [page, saved];
}

test('a broken link keeps the saved session and the bad address until the user acts', async () => {
  const [first, saved] = await withSession();
  await first.close();
  const page = await open(br.context, srv.base + '#p=1.this-is-not-a-profile', { keepStorage: true });
  assert.match(await page.textContent('#notice'), /damaged/);
  await wait(700);
  assert.equal(await savedSession(page), saved, 'the starter did not overwrite the session');
  assert.match(page.url(), /#p=1\.this-is-not-a-profile$/, 'the address is left as it was');
  assert.ok(await page.isVisible('#notice-restore'), 'Restore is offered');
  await shot(page, 'broken-link-hold');
  // Reload or close now: nothing is lost.
  await page.reload();
  await page.waitForSelector('#notice-restore');
  assert.equal(await savedSession(page), saved);
  await page.click('#notice-restore');
  await page.waitForSelector('#f-r11-host');
  await settled(page);
  assert.equal(await savedSession(page), saved);
  assert.doesNotMatch(page.url(), /this-is-not/);
  assert.deepEqual(br.problems, []);
  await page.close();
});

test('a too-new link: dismissing lets the app save and rewrite the address again', async () => {
  const [first, saved] = await withSession();
  await first.close();
  const page = await open(br.context, srv.base + '#p=9.AAAA', { keepStorage: true });
  assert.match(await page.textContent('#notice'), /newer Mirrorsmith/);
  await wait(700);
  assert.equal(await savedSession(page), saved);
  assert.match(page.url(), /#p=9\.AAAA$/);
  await page.click('#notice-dismiss');
  await settled(page);
  assert.doesNotMatch(page.url(), /p=9\./);
  assert.doesNotMatch(await savedSession(page), /k8s\.m\.daocloud\.io/, 'the user chose the starter');
  await page.close();
});

test('an edit ends the hold; the notice keeps Restore for the session it replaced', async () => {
  const [first, saved] = await withSession();
  await first.close();
  const page = await open(br.context, srv.base + '#p=1.xx', { keepStorage: true });
  await page.check('#f-host-env');
  await settled(page);
  assert.notEqual(await savedSession(page), saved, 'saving resumed with the edit');
  assert.ok(await page.isVisible('#notice-restore'));
  await page.click('#notice-restore');
  await page.waitForSelector('#f-r11-host');
  await page.close();
});

test('a bad link pasted into the open page: form kept, address and session held', async () => {
  const [page, saved] = await withSession();
  await page.evaluate(() => { location.hash = '#p=1.pasted-and-broken'; });
  await page.waitForSelector('#notice.error');
  await wait(700);
  assert.match(page.url(), /#p=1\.pasted-and-broken$/);
  assert.equal(await savedSession(page), saved);
  assert.equal(await page.locator('article.registry').count(), 12, 'the form is as it was');
  assert.equal(await page.isVisible('#notice-restore'), false, 'the session is what the form shows');
  await page.check('#f-host-env');
  await settled(page);
  assert.doesNotMatch(page.url(), /pasted-and-broken/);
  await page.close();
  // Opened from a broken link, a second one still offers the last session.
  const again = await open(br.context, srv.base + '#p=1.one', { keepStorage: true });
  await again.evaluate(() => { location.hash = '#p=1.two'; });
  await again.waitForFunction(() => location.hash === '#p=1.two');
  await again.waitForSelector('#notice-restore');
  await again.close();
});

test('secrets stay out of the saved session unless the box is ticked, which says so', async () => {
  const page = await open(br.context, srv.base);
  await page.fill('#f-proxy-https', 'http://bob:s3cret@proxy.example.com:3128');
  await page.waitForSelector('#include-secrets');
  await settled(page);
  await page.waitForFunction(() => (localStorage.getItem('mirrorsmith.profile') || '').includes('bob@proxy'));
  assert.doesNotMatch(await savedSession(page), /s3cret/);
  assert.match(await page.textContent('#secrets-note'), /1 secret is left out of the link and of the session this browser saves/);
  await page.check('#include-secrets');
  await settled(page);
  await page.waitForFunction(() => (localStorage.getItem('mirrorsmith.profile') || '').includes('s3cret'));
  assert.match(await page.textContent('#secrets-note'), /saved session \(localStorage\) keeps them/);
  await page.close();
});
