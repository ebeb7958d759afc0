// Editing: failed imports and undo, labels that follow the URL, no jumps
// while typing, the preview following the edit, the loopback rule, and
// reordering by keyboard and by the handle.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, browser, open, shot, preset, addCustomMirror, pauseClock } from './harness.mjs';

let srv, br, timed;
before(async () => { srv = await serve(); br = await browser(); timed = await browser({ clock: true }); });
after(async () => { await br.close(); await timed.close(); srv.server.close(); });
// Each test answers for its own console errors.
beforeEach(() => { br.problems.length = 0; timed.problems.length = 0; });

const registries = page => page.locator('article.registry').count();

async function china(context = br.context) {
  const page = await open(context, srv.base);
  await preset(page, 'china-mainland', '#f-r11-host');
  return page;
}

test('a config.toml that cannot be read changes nothing and says so', async () => {
  const page = await china();
  await page.click('#import summary');
  await page.fill('#import-config', '[[[ nope');
  await page.click('#import-run');
  await page.waitForSelector('#notice.error');
  assert.equal(await registries(page), 12, 'the form is kept');
  assert.match(await page.textContent('#notice'), /Nothing was imported/);
  assert.match(await page.textContent('#import-report'), /MS601/);
  // Closed by the user, the import box opens again for the jump.
  await page.click('#import summary');
  assert.equal(await page.$eval('#import details', d => d.open), false);
  await page.click('#notice-jump');
  assert.equal(await page.$eval('#import details', d => d.open), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'import-report');
  await shot(page, 'import-unreadable');
  await page.close();
});

test('preset, import and removal each undo in one step', async () => {
  const page = await china();
  await preset(page, 'corporate-proxy', () => document.querySelectorAll('article.registry').length !== 12);
  await page.click('#notice-undo');
  await page.waitForSelector('#f-r11-host');
  assert.equal(await page.inputValue('#f-r1-host'), 'registry.k8s.io');

  await page.click('button[aria-label="Remove docker.io"]');
  assert.equal(await registries(page), 11);
  assert.match(await page.textContent('#notice'), /Removed the registry docker\.io/);
  await page.click('#notice-undo');
  assert.equal(await registries(page), 12);
  assert.equal(await page.inputValue('#f-r0-host'), 'docker.io');

  await page.click('#import summary');
  await page.fill('#import-config', fs.readFileSync(path.resolve('tests/fixtures/import/seed-002-config.toml'), 'utf8'));
  await page.click('#import-run');
  await page.waitForFunction(() => document.querySelectorAll('article.registry').length !== 12);
  await page.click('#notice-undo');
  assert.equal(await registries(page), 12);
  assert.equal(await page.isChecked('#import-patch'), false);
  // A later edit ends the offer and the notice.
  await preset(page, 'corporate-proxy');
  await page.click('#f-kubernetes');
  assert.equal(await page.$('#notice'), null, 'the notice went with the next edit');
  await page.close();
});

test('the provider label follows the URL, in the form and in hosts.toml', async () => {
  const page = await china();
  const row = page.locator('article.registry').first().locator('li.mirror').first();
  assert.equal(await row.locator('.badge.provider').textContent(), 'DaoCloud (host style)');
  await page.fill('#f-r0-m0-url', 'https://my-harbor.corp.example/v2/dockerhub');
  assert.equal(await row.locator('.badge.provider').textContent(), 'Custom URL');
  // The preview follows the edit to docker.io's hosts.toml.
  await page.waitForFunction(() => document.querySelector('#preview-path').textContent.endsWith('/docker.io/hosts.toml'));
  const text = await page.textContent('#preview');
  assert.match(text, /1\. https:\/\/my-harbor\.corp\.example\/v2\/dockerhub - custom mirror/);
  assert.doesNotMatch(text, /DaoCloud/);
  await page.fill('#f-r0-m0-url', 'https://docker.m.daocloud.io');
  assert.equal(await row.locator('.badge.provider').textContent(), 'DaoCloud (host style)');
  await page.close();
});

test('typing: no jumps until a pause; errors show after it or on blur', async () => {
  // The page's clock stands still unless the test lets it run: "while
  // typing" does not depend on how fast this machine types.
  const page = await china(timed.context);
  await pauseClock(page);
  const pause = () => page.clock.runFor(700);
  const y = sel => page.$eval(sel, e => Math.round(e.getBoundingClientRect().top + window.scrollY));
  const below = '#f-r0-add-provider';
  await page.fill('#f-r0-m0-url', '');
  await pause();
  await page.waitForSelector('#f-r0-m0-url-notes');
  const [y1, files0] = [await y(below), await y('#h-output')];
  await page.focus('#f-r0-m0-url');
  const seen = new Set();
  for (const ch of 'https://m.example.com') {
    await page.keyboard.type(ch);
    seen.add(`${await y(below)}/${await y('#h-output')}`);
  }
  assert.deepEqual([...seen], [`${y1}/${files0}`], 'nothing below moved while typing');
  assert.ok(await page.$('#f-r0-m0-url-notes'), 'the note of the empty field stays until the pause');
  // A bad value: the note waits for the pause, then shows.
  await pause();
  await page.waitForFunction(() => !document.querySelector('#f-r0-m0-url-notes'));
  await page.fill('#f-r0-m0-url', '');
  await page.keyboard.type('htp:/bad url');
  assert.equal(await page.$('#f-r0-m0-url-notes'), null, 'not while typing');
  await pause();
  await page.waitForSelector('#f-r0-m0-url-notes .note.error');
  assert.equal(await page.getAttribute('#f-r0-m0-url', 'aria-invalid'), 'true');
  // The number, handle and buttons stay on the input's line.
  const box = async sel => page.$eval(sel, e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; });
  const [top, bottom] = await box('#f-r0-m0-url');
  for (const sel of ['li.mirror .ord', 'li.mirror .drag', '#f-r0-m0-up']) {
    const [t, b] = await box(`article.registry >> nth=0 >> ${sel}`);
    assert.ok(t >= top - 1 && b <= bottom + 1, `${sel} ${t}-${b} not within ${top}-${bottom}`);
  }
  await shot(page, 'mirror-note-aligned');
  // Fixed and left with Tab: the note goes at once (no time passes).
  await page.fill('#f-r0-m0-url', '');
  await page.keyboard.type('https://ok.example.com');
  assert.ok(await page.$('#f-r0-m0-url-notes'), 'still there while typing');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => !document.querySelector('#f-r0-m0-url-notes'));
  await page.clock.resume();
  assert.deepEqual(timed.problems, []);
  await page.close();
});

test('the preview follows the registry being edited, until a file is picked', async () => {
  const page = await china();
  await page.fill('#f-r3-m0-url', 'https://gcr-mirror.example.com');
  assert.equal(await page.textContent('#preview-path'), '/etc/containerd/certs.d/gcr.io/hosts.toml');
  assert.equal(await page.getAttribute('#file-list button.file.on', 'data-path'), '/etc/containerd/certs.d/gcr.io/hosts.toml');
  assert.equal(await page.getAttribute('#file-list button.file.on', 'aria-current'), 'true');
  assert.equal(await page.$('#file-list[role="listbox"], #file-list [role="option"]'), null, 'plain buttons, no half listbox');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-file')]);
  assert.equal(download.suggestedFilename(), 'gcr.io_hosts.toml');
  await page.click('#file-list button.file[data-path="/etc/containerd/config.toml"]');
  assert.equal(await page.isChecked('#follow-edits'), false);
  await page.fill('#f-r4-m0-url', 'https://ghcr-mirror.example.com');
  assert.equal(await page.textContent('#preview-path'), '/etc/containerd/config.toml', 'a picked file stays');
  await page.check('#follow-edits');
  assert.equal(await page.textContent('#preview-path'), '/etc/containerd/certs.d/ghcr.io/hosts.toml');
  await page.close();
});

test('a first proxy switches the loopback NO_PROXY bundle on, visibly', async () => {
  const page = await open(br.context, srv.base);
  await page.fill('#f-proxy-https', 'http://proxy.example.com:3128');
  await page.waitForSelector('#auto-loopback');
  const chip = page.locator('.chips button.chip', { hasText: /loopback|localhost/i }).first();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  assert.match(await page.textContent('#no-proxy-value'), /^localhost,127\.0\.0\.1/);
  await page.click('#file-list button.file[data-path$="http-proxy.conf"]');
  assert.match(await page.textContent('#preview'), /NO_PROXY=localhost,127\.0\.0\.1/);
  await chip.click();
  assert.equal(await page.$('#auto-loopback'), null);
  assert.equal(await chip.getAttribute('aria-pressed'), 'false', 'the user can turn it off');
  await page.close();
});

test('reordering: focus follows the mirror, folds move with it, the handle drags', async () => {
  const page = await open(br.context, srv.base);
  await preset(page, 'seed-certs-d', '#f-r0-m0-url');
  const card = page.locator('article.registry').first();
  await addCustomMirror(card, 'https://second.example.com');
  const first = await page.inputValue('#f-r0-m0-url');
  // Open the second mirror's fold: it must travel with the mirror.
  await card.locator('li.mirror').nth(1).locator('details.fold summary').click();
  await page.focus('#f-r0-m1-up');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'f-r0-m0-down');
  assert.equal(await page.inputValue('#f-r0-m0-url'), 'https://second.example.com');
  assert.equal(await card.locator('li.mirror').nth(0).locator('details.fold').getAttribute('open'), '');
  assert.equal(await card.locator('li.mirror').nth(1).locator('details.fold').getAttribute('open'), null);
  // Enter again moves the same mirror back down.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'f-r0-m1-up');
  assert.equal(await page.inputValue('#f-r0-m1-url'), 'https://second.example.com');
  // Only the handle is draggable; a drop target shows where it lands.
  assert.equal(await card.locator('li.mirror[draggable="true"]').count(), 0);
  assert.equal(await card.locator('li.mirror .drag[draggable="true"]').count(), 2);
  const dt = await page.evaluateHandle(() => new DataTransfer());
  const rows = card.locator('li.mirror');
  await rows.nth(1).locator('.drag').dispatchEvent('dragstart', { dataTransfer: dt });
  await rows.nth(0).dispatchEvent('dragover', { dataTransfer: dt });
  await page.waitForSelector('article.registry >> nth=0 >> li.mirror.drop-before');
  await shot(page, 'drag-indicator');
  await rows.nth(0).dispatchEvent('drop', { dataTransfer: dt });
  await rows.nth(0).locator('.drag').dispatchEvent('dragend', { dataTransfer: dt });
  assert.equal(await page.inputValue('#f-r0-m0-url'), 'https://second.example.com');
  assert.equal(await page.inputValue('#f-r0-m1-url'), first);
  assert.equal(await card.locator('li.mirror.drop-before, li.mirror.drop-after').count(), 0);
  // The hosts.toml follows the list.
  await page.click('#file-list button.file[data-path="/etc/containerd/certs.d/docker.io/hosts.toml"]');
  const text = await page.textContent('#preview');
  assert.ok(text.indexOf('second.example.com') < text.indexOf(first.replace(/^https:\/\//, '')), 'order follows the list');
  assert.deepEqual(br.problems, []);
  await page.close();
});

test('renaming a registry: the preview stays on its hosts.toml, key by key', async () => {
  const page = await china();
  await page.focus('#f-r1-host');
  await page.keyboard.press('Home');
  for (const ch of 'ab') {
    await page.keyboard.type(ch);
    const host = await page.inputValue('#f-r1-host');
    await page.waitForFunction(h => document.querySelector('#preview-path').textContent === `/etc/containerd/certs.d/${h}/hosts.toml`, host);
  }
  assert.equal(await page.inputValue('#f-r1-host'), 'abregistry.k8s.io');
  assert.equal(await page.getAttribute('#file-list button.file.on', 'data-path'), '/etc/containerd/certs.d/abregistry.k8s.io/hosts.toml');
  await page.close();
});

test('undoing a removal keeps the page: folds, open details, the picked file', async () => {
  const page = await china();
  await page.click('#f-r5-fold');
  const k8s = page.locator('article.registry').nth(1);
  await k8s.locator('li.mirror details.fold summary').first().click();
  await page.click('#file-list button.file[data-path="install.sh"]');
  await page.click('button[aria-label="Remove docker.io"]');
  assert.equal(await registries(page), 11);
  await page.click('#notice-undo');
  assert.equal(await registries(page), 12);
  assert.equal(await page.locator('article.registry.collapsed').count(), 1);
  assert.match(await page.locator('article.registry').nth(5).getAttribute('class'), /collapsed/);
  assert.equal(await k8s.locator('li.mirror details.fold').first().getAttribute('open'), '', 'the card was not remounted');
  assert.equal(await page.textContent('#preview-path'), 'install.sh');
  assert.equal(await page.isChecked('#follow-edits'), false);
  await page.close();
});

test('a finding inside a closed fold opens it and focuses its field', async () => {
  const page = await open(br.context, srv.base);
  await addCustomMirror(page.locator('article.registry').first(), 'https://m.example.com');
  await page.locator('li.mirror details.fold summary').first().click();
  await page.fill('#f-r0-m0-dial-timeout', 'soon');
  await page.keyboard.press('Tab');
  const finding = page.locator('#findings .finding', { hasText: 'MS007' });
  await finding.waitFor();
  await page.locator('li.mirror details.fold summary').first().click();
  assert.equal(await page.$eval('li.mirror details.fold', d => d.open), false);
  await finding.locator('button').click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-r0-m0-dial-timeout');
  assert.equal(await page.$eval('li.mirror details.fold', d => d.open), true);
  await page.close();
});

test('a removed row takes its own element along (headers, hosts files)', async () => {
  // Rows are keyed by identity: removing the first keeps the second's
  // element (its focus, its input state), marked here to tell.
  const page = await open(br.context, srv.base);
  await addCustomMirror(page.locator('article.registry').first(), 'https://m.example.com');
  await page.locator('li.mirror details.fold summary').first().click();
  const add = page.locator('li.mirror button', { hasText: 'Add header' });
  await add.click();
  await add.click();
  await page.fill('#f-r0-m0-header0-name', 'X-First');
  await page.fill('#f-r0-m0-header1-name', 'X-Second');
  await page.$eval('#f-r0-m0-header1-name', e => { e.closest('.pair').dataset.mark = 'second'; });
  await page.locator('fieldset.pairs .pair button.danger').nth(0).click();
  assert.equal(await page.locator('li.mirror .pair').count(), 1);
  assert.equal(await page.$eval('#f-r0-m0-header0-name', e => e.closest('.pair').dataset.mark), 'second');
  assert.equal(await page.inputValue('#f-r0-m0-header0-name'), 'X-Second');
  // The hosts.toml inputs of the import box.
  await page.click('#import summary');
  await page.click('#import-add-hosts');
  await page.click('#import-add-hosts');
  await page.fill('#import-hosts-1-dir', 'quay.io');
  await page.$eval('#import-hosts-1-dir', e => { e.closest('.pair').dataset.mark = 'second'; });
  await page.locator('.hosts-input button.danger').first().click();
  assert.equal(await page.locator('.hosts-input').count(), 1);
  assert.equal(await page.$eval('.hosts-input', e => e.dataset.mark), 'second');
  assert.equal(await page.inputValue('#import-hosts-0-dir'), 'quay.io');
  assert.deepEqual(br.problems, []);
  await page.close();
});
