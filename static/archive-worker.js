// The archive worker's loader (see src/app/archiver.rs): wasm-bindgen's
// no-modules glue, then the module. The worker says "ready" itself once
// running; a module that cannot load says "failed" instead of leaving the
// app waiting.
importScripts('./mirrorsmith-archive.js');
wasm_bindgen({ module_or_path: './mirrorsmith-archive_bg.wasm' }).catch(function (e) {
  postMessage('failed: ' + ((e && e.message) || e));
});
