// Loads the app. An external module (not an inline script) so that the page
// can keep a strict Content-Security-Policy: script-src 'self'. The paths
// are relative (Trunk public_url "./"), resolved against this file, so the
// site works from any directory of any static server. When loading fails,
// the loading note turns into a message in both languages instead of
// waiting forever.
const tag = document.querySelector('script[data-mirrorsmith-js]');
try {
  if (typeof WebAssembly !== 'object') throw new Error('this browser has no WebAssembly');
  const here = (p) => new URL(p, import.meta.url).href;
  const { default: init } = await import(here(tag.dataset.mirrorsmithJs));
  await init({ module_or_path: here(tag.dataset.mirrorsmithWasm) });
} catch (e) {
  // The prerendered page (static/prerender.js) would look usable: it goes.
  for (const el of document.querySelectorAll('.prerender')) el.remove();
  document.documentElement.removeAttribute('data-prerender');
  const box = document.getElementById('loading');
  if (box) {
    const why = String((e && e.message) || e);
    box.classList.add('failed');
    box.setAttribute('role', 'alert');
    const p = box.querySelector('p') || box.appendChild(document.createElement('p'));
    p.textContent = 'Mirrorsmith could not load: ' + why + '. Reload the page; if that does not help, '
      + 'the site misses files next to index.html or serves .wasm with the wrong type. '
      + '· Mirrorsmith 加载失败：' + why + '。请刷新页面；若仍失败，说明站点缺少与 index.html 同目录的文件，'
      + '或 .wasm 的类型设置不对。';
    const cli = document.createElement('p');
    cli.textContent = 'The same generator runs on the command line · 命令行可生成同样的文件：';
    const code = document.createElement('code');
    code.textContent = 'cargo run --release -- render PROFILE';
    cli.appendChild(code);
    box.appendChild(cli);
  }
  console.error('mirrorsmith: loading failed', e);
}
