// The address bar and the session this browser saves: broken and too-new
// links never overwrite the last session; secrets stay out of storage
// unless the user ticked the box.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, open, settled, savedSession, shot, preset } from './harness.mjs';

let srv, br;
before(async () => { srv = await serve(); br = await browser(); });
after(async () => { await br.close(); srv.server.close(); });
beforeEach(() => { br.problems.length = 0; });

const wait = ms => new Promise(r => setTimeout(r, ms));

/** A page with the China preset loaded and saved; returns [page, saved]. */
async function withSession() {
  const page = await open(br.context, srv.base);
  await preset(page, 'china-mainland', '#f-r11-host');
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
  assert.match(await page.textContent('#preview'), /config_path/, 'the form shows the defaults');
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
  // The message speaks the language chosen before.
  await page.click('#lang-zh');
  const zh = await open(br.context, srv.base + '#p=1.xx', { keepStorage: true });
  assert.match(await zh.textContent('#notice'), /链接已损坏/, 'the chosen language survives');
  await zh.click('#lang-en');
  await Promise.all([page.close(), zh.close()]);
});

test('an edit ends the hold; the link\'s notice keeps its Restore, which brings the session back', async () => {
  const [first, saved] = await withSession();
  await first.close();
  const page = await open(br.context, srv.base + '#p=1.xx', { keepStorage: true });
  await page.check('#f-host-env');
  await settled(page);
  assert.notEqual(await savedSession(page), saved, 'saving resumed with the edit');
  assert.match(await page.textContent('#notice'), /damaged/, 'the link\'s notice stays through edits');
  assert.ok(await page.isVisible('#notice-restore'));
  assert.equal(await page.$('#notice-undo'), null, 'a link error has nothing to undo');
  await page.click('#notice-restore');
  await page.waitForSelector('#f-r11-host');
  assert.equal(await page.$('#notice'), null);
  assert.equal(await page.locator('article.registry').count(), 12);
  assert.equal(await page.isChecked('#f-host-env'), false, 'the edit made meanwhile is gone');
  await settled(page);
  assert.equal(await savedSession(page), saved, 'the restored session is saved again');
  await page.close();
});

test('each notice offers only its own actions', async () => {
  const [first] = await withSession();
  await first.close();
  // A preset over a broken link: its notice offers Undo, not Restore.
  const page = await open(br.context, srv.base + '#p=1.xx', { keepStorage: true });
  await page.waitForSelector('#notice-restore');
  await preset(page, 'corporate-proxy');
  assert.match(await page.textContent('#notice'), /Loaded the preset/);
  assert.equal(await page.$('#notice-restore'), null, 'the preset notice does not offer the session');
  // Undone, the link's notice is back with its Restore.
  await page.click('#notice-undo');
  await page.waitForSelector('#notice-restore');
  assert.match(await page.textContent('#notice'), /damaged/);
  assert.equal(await page.$('#notice-undo'), null);
  await page.click('#notice-restore');
  await page.waitForSelector('#f-r11-host');
  // A broken link pasted after a preset: the error offers no Undo.
  await preset(page, 'corporate-proxy');
  await page.evaluate(() => { location.hash = '#p=1.pasted-and-broken'; });
  await page.waitForSelector('#notice.error');
  assert.equal(await page.$('#notice-undo'), null, 'the link error does not undo the preset');
  await page.close();
});

test('a link that replaces a different session says so and can be undone', async () => {
  const [first, saved] = await withSession();
  const link = await first.inputValue('#share-link');
  await first.close();
  // A colleague's link: another setup than the one this browser saved.
  const other = await open(br.context, srv.base);
  await preset(other, 'corporate-proxy');
  await settled(other);
  const theirs = await other.inputValue('#share-link');
  await other.evaluate(s => localStorage.setItem('mirrorsmith.profile', s), saved);
  await other.close();
  const page = await open(br.context, theirs, { keepStorage: true });
  assert.match(await page.textContent('#notice'), /Opened the setup from the link/);
  assert.ok(await page.isVisible('#notice-undo'));
  assert.equal(await page.inputValue('#f-proxy-https'), 'http://proxy.example.com:3128', 'the link\'s setup');
  assert.equal(await page.locator('article.registry').count(), 0);
  await page.click('#notice-undo');
  await page.waitForSelector('#f-r11-host');
  await settled(page);
  assert.equal(page.url(), link, 'the last session is back, in the address too');
  // Reloading the page (its address holds the saved session): no notice.
  await page.reload();
  await page.waitForSelector('#f-r11-host');
  assert.equal(await page.$('#notice'), null);
  // A link pasted into the open page: the same offer.
  await page.evaluate(l => { location.hash = new URL(l).hash; }, theirs);
  await page.waitForSelector('#notice-undo');
  assert.equal(await page.inputValue('#f-proxy-https'), 'http://proxy.example.com:3128');
  await page.click('#notice-undo');
  await page.waitForSelector('#f-r11-host');
  assert.deepEqual(br.problems, []);
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
