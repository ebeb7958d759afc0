// Loads the app. An external module (not an inline script) so that the page
// can keep a strict Content-Security-Policy: script-src 'self'.
const tag = document.querySelector('script[data-mirrorsmith-js]');
const { default: init } = await import(tag.dataset.mirrorsmithJs);
await init({ module_or_path: tag.dataset.mirrorsmithWasm });
