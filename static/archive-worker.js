// The archive worker's loader (see src/app/archiver.rs): wasm-bindgen's
// no-modules glue, then the module. Trunk does not content-hash a worker's
// files, so the app passes its own build's hash as ?v=… and the loader puts
// it on both URLs: a new deployment never pairs a cached old worker with a
// new app. The worker says "ready" itself once running; a module that
// cannot load says "failed" instead of leaving the app waiting.
var version = self.location.search;
importScripts('./mirrorsmith-archive.js' + version);
wasm_bindgen({ module_or_path: './mirrorsmith-archive_bg.wasm' + version }).catch(function (e) {
  postMessage('failed: ' + ((e && e.message) || e));
});
