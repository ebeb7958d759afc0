//! The archive worker (src/bin/archive_worker.rs) as the app sees it. The
//! first visit does not load it: it starts on the first archive or one-liner
//! wanted, or earlier when the pointer or focus reaches the downloads
//! ([`warm`]). Jobs wait until the worker says it is ready (messages sent to
//! a worker before its handler is set are lost); each answer goes to the
//! callback of its job. A worker that fails to load fails its jobs, and the
//! next request starts a fresh one.

use std::cell::RefCell;
use std::collections::HashMap;

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::render::{archive_entries, ArchiveFormat, ArchiveJob, FileTree};

/// The worker's loader (static/archive-worker.js), next to index.html.
const WORKER_URL: &str = "./archive-worker.js";

/// [`WORKER_URL`] with this build's version: the content hash in the app's
/// own file name (`mirrorsmith-<hash>.js`, on the script tag of boot.js).
fn worker_url() -> String {
    let build = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("script[data-mirrorsmith-js]")
                .ok()
                .flatten()
        })
        .and_then(|s| s.get_attribute("data-mirrorsmith-js"))
        .and_then(|js| {
            let name = js.rsplit('/').next()?.strip_suffix(".js")?.to_string();
            Some(name.rsplit('-').next()?.to_string())
        });
    match build {
        Some(hash) if hash.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            format!("{WORKER_URL}?v={hash}")
        }
        _ => WORKER_URL.to_string(),
    }
}
/// A worker that has not said it is ready (or failed) by then counts as
/// failed.
const READY_WITHIN_MS: u32 = 30_000;

type Done = Box<dyn FnOnce(Result<Vec<u8>, ()>)>;

struct Archiver {
    worker: Worker,
    ready: bool,
    /// Jobs (JSON) waiting for `ready`.
    queued: Vec<String>,
    pending: HashMap<u32, Done>,
    next_id: u32,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
    _watchdog: Option<Timeout>,
}

thread_local! {
    static ARCHIVER: RefCell<Option<Archiver>> = const { RefCell::new(None) };
}

/// Starts the worker if it is not running, so that the first archive does
/// not wait for its download.
pub fn warm() {
    ARCHIVER.with(|a| {
        let mut a = a.borrow_mut();
        if a.is_none() {
            *a = start();
        }
    });
}

/// Builds `format` of `tree` in the worker; `done` gets the bytes, or Err
/// when the worker could not load.
pub fn build(
    tree: &FileTree,
    format: ArchiveFormat,
    done: impl FnOnce(Result<Vec<u8>, ()>) + 'static,
) {
    warm();
    let done: Done = Box::new(done);
    let failed = ARCHIVER.with(|a| {
        let mut a = a.borrow_mut();
        let Some(archiver) = a.as_mut() else {
            return Some(done);
        };
        let id = archiver.next_id;
        archiver.next_id = archiver.next_id.wrapping_add(1);
        let job = ArchiveJob {
            id,
            format,
            entries: archive_entries(tree),
        };
        let Ok(json) = serde_json::to_string(&job) else {
            return Some(done);
        };
        archiver.pending.insert(id, done);
        if archiver.ready {
            let _ = archiver.worker.post_message(&JsValue::from_str(&json));
        } else {
            archiver.queued.push(json);
        }
        None
    });
    // Outside the borrow: the callback may ask for another archive.
    if let Some(done) = failed {
        done(Err(()));
    }
}

fn start() -> Option<Archiver> {
    let worker = Worker::new(&worker_url()).ok()?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|e: MessageEvent| on_message(e.data()));
    // fail_all drops these closures: it runs as a task of its own, never
    // inside one of them.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_e: web_sys::Event| {
        Timeout::new(0, fail_all).forget();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let watchdog = Timeout::new(READY_WITHIN_MS, || {
        let late = ARCHIVER.with(|a| a.borrow().as_ref().is_some_and(|a| !a.ready));
        if late {
            Timeout::new(0, fail_all).forget();
        }
    });
    Some(Archiver {
        worker,
        ready: false,
        queued: Vec::new(),
        pending: HashMap::new(),
        next_id: 0,
        _on_message: on_message,
        _on_error: on_error,
        _watchdog: Some(watchdog),
    })
}

/// "ready" once (or "failed: why"), then `[id, bytes]` per job.
fn on_message(data: JsValue) {
    if let Some(why) = data.as_string().filter(|s| s.starts_with("failed")) {
        web_sys::console::error_1(&format!("mirrorsmith: the archive worker {why}").into());
        Timeout::new(0, fail_all).forget();
        return;
    }
    if data.as_string().as_deref() == Some("ready") {
        ARCHIVER.with(|a| {
            if let Some(a) = a.borrow_mut().as_mut() {
                a.ready = true;
                a._watchdog = None;
                for json in a.queued.drain(..) {
                    let _ = a.worker.post_message(&JsValue::from_str(&json));
                }
            }
        });
        return;
    }
    let answer: js_sys::Array = data.unchecked_into();
    let Some(id) = answer.get(0).as_f64() else {
        return;
    };
    let bytes = js_sys::Uint8Array::new(&answer.get(1)).to_vec();
    let done = ARCHIVER.with(|a| {
        a.borrow_mut()
            .as_mut()
            .and_then(|a| a.pending.remove(&(id as u32)))
    });
    if let Some(done) = done {
        done(Ok(bytes));
    }
}

/// The worker is unusable: its jobs fail, and the next request starts anew.
fn fail_all() {
    let archiver = ARCHIVER.with(|a| a.borrow_mut().take());
    if let Some(archiver) = archiver {
        archiver.worker.terminate();
        for (_, done) in archiver.pending {
            done(Err(()));
        }
    }
}
