//! The web app's archive builder: a second WebAssembly module, run as a web
//! worker that the app starts only when an archive or the one-liner is first
//! wanted (src/app/archiver.rs; loaded by static/archive-worker.js). It says
//! "ready", then answers each [`ArchiveJob`] (JSON) with `[id, bytes]`, the
//! bytes transferred, not copied. Built by Trunk with the `worker` feature;
//! natively it only points at the CLI.

#[cfg(target_arch = "wasm32")]
fn main() {
    use mirrorsmith::render::ArchiveJob;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        // The app sends only jobs it serialized itself; anything else is
        // not for us.
        let Some(job) = e
            .data()
            .as_string()
            .and_then(|text| serde_json::from_str::<ArchiveJob>(&text).ok())
        else {
            return;
        };
        let bytes = js_sys::Uint8Array::from(job.build().as_slice());
        let answer = js_sys::Array::of2(&JsValue::from(job.id), &bytes);
        let _ = reply.post_message_with_transfer(&answer, &js_sys::Array::of1(&bytes.buffer()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: so does its handler.
    on_message.forget();
    // Messages that arrive before the handler is set are lost: the app
    // sends its jobs after this.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("mirrorsmith-archive runs in the web app only; the CLI writes archives: mirrorsmith render --archive FILE");
    std::process::exit(2);
}
