//! The few browser APIs the app uses, in one place.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    window, Blob, BlobPropertyBag, Element, FocusOptions, HtmlAnchorElement, HtmlElement, Url,
};

use crate::i18n::Lang;

const PROFILE_KEY: &str = "mirrorsmith.profile";
const LANG_KEY: &str = "mirrorsmith.lang";
const THEME_KEY: &str = "mirrorsmith.theme";

/// The page URL without its fragment (the base of share links).
pub fn page_base() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// The fragment without `#`.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Puts `link`'s fragment into the address bar without a history entry.
pub fn replace_fragment(link: &str) {
    let Some(w) = window() else { return };
    let Ok(history) = w.history() else { return };
    let fragment = link
        .split_once('#')
        .map(|(_, f)| format!("#{f}"))
        .unwrap_or_default();
    if w.location().hash().ok().as_deref() != Some(fragment.as_str()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&fragment));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok()?
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

pub fn save(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The last session's profile (JSON: the app carries no TOML deserializer).
pub fn saved_profile() -> Option<crate::profile::Profile> {
    serde_json::from_str(&load(PROFILE_KEY)?).ok()
}

pub fn save_profile(profile: &crate::profile::Profile) {
    if let Ok(json) = serde_json::to_string(profile) {
        save(PROFILE_KEY, &json)
    }
}

pub fn saved_theme() -> Option<String> {
    load(THEME_KEY)
}

pub fn save_theme(theme: &str) {
    save(THEME_KEY, theme)
}

/// The language: the user's earlier choice, else the browser's.
pub fn initial_lang() -> Lang {
    if let Some(l) = load(LANG_KEY) {
        return Lang::from_tag(&l);
    }
    window()
        .and_then(|w| w.navigator().language())
        .map(|l| Lang::from_tag(&l))
        .unwrap_or_default()
}

pub fn save_lang(lang: Lang) {
    save(LANG_KEY, lang.code())
}

/// Sets `<html lang>` and `data-theme` (auto leaves the system's choice).
pub fn apply_document_settings(lang: Lang, theme: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
        if theme == "auto" {
            let _ = root.remove_attribute("data-theme");
        } else {
            let _ = root.set_attribute("data-theme", theme);
        }
    }
}

/// Copies text to the clipboard and reports with `done(true)` only when
/// the browser confirms it. Without `navigator.clipboard` (plain http on
/// another host) it tries the old `execCommand("copy")` on a hidden
/// textarea, still inside the click; focus goes back where it was.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(w) = window() else {
        return done(false);
    };
    let navigator = w.navigator();
    let has_api = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_api {
        return done(copy_with_selection(text));
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok())
    });
}

fn copy_with_selection(text: &str) -> bool {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return false;
    };
    let (Some(body), Ok(el)) = (doc.body(), doc.create_element("textarea")) else {
        return false;
    };
    let Ok(area) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    // Selecting the buffer focuses it: the button clicked gets focus back.
    let had_focus = doc
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    area.set_value(text);
    area.set_class_name("copy-buffer");
    let _ = area.set_attribute("readonly", "");
    let _ = body.append_child(&area);
    area.select();
    let ok = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    let _ = body.remove_child(&area);
    if let Some(el) = had_focus {
        focus_element(&el);
    }
    ok
}

/// Focuses and selects the text of the input or textarea with this id (the
/// hand-copy fallback).
pub fn select_text(id: &str) {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    if let Some(a) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let _ = a.focus();
        a.select();
    } else if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = i.focus();
        i.select();
    }
}

thread_local! {
    static AFTER_RENDER: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` once the page has rendered the action just dispatched (to
/// focus what it shows): the root runs the queue in its effect, which Yew
/// calls after every component rendered. A zero-delay timer is not enough:
/// Yew yields to the browser halfway through a long render. Only after a
/// dispatch: every action renders the root.
pub fn after_render(f: impl FnOnce() + 'static) {
    AFTER_RENDER.with(|q| q.borrow_mut().push(Box::new(f)));
}

/// Runs what [`after_render`] queued (the root's effect).
pub fn run_after_render() {
    let queued = AFTER_RENDER.with(|q| std::mem::take(&mut *q.borrow_mut()));
    for f in queued {
        f();
    }
}

fn element(id: &str) -> Option<Element> {
    window()?.document()?.get_element_by_id(id)
}

/// Focuses without scrolling (`preventScroll`).
fn focus_element(el: &HtmlElement) {
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

/// Opens every `<details>` that `el` is inside (or is).
fn open_folds(el: &Element) {
    let mut fold = el.closest("details").ok().flatten();
    while let Some(d) = fold {
        let _ = d.set_attribute("open", "");
        fold = d
            .parent_element()
            .and_then(|p| p.closest("details").ok().flatten());
    }
}

/// Focuses the element with this id without scrolling the page.
pub fn focus_quietly(id: &str) {
    if let Some(el) = element(id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        focus_element(&el);
    }
}

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let props = BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &props) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.set_class_name("hidden");
            if let Some(body) = doc.body() {
                let _ = body.append_child(&a);
                a.click();
                let _ = body.remove_child(&a);
            }
        }
    }
    let _ = Url::revoke_object_url(&url);
}

/// Every jump of the page: opens the folds around `section` and
/// `target`, scrolls `section` into view and focuses `target` there (a
/// heading with tabindex -1, or a field) without scrolling again.
pub fn jump(section: &str, target: &str) {
    let target_el = element(target);
    let section_el = element(section).or_else(|| target_el.clone());
    for el in [&section_el, &target_el].into_iter().flatten() {
        open_folds(el);
    }
    if let Some(el) = &section_el {
        el.scroll_into_view();
    }
    if let Some(el) = target_el.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        focus_element(&el);
    }
}

/// Jumps to the element with this id and focuses it.
pub fn focus(id: &str) {
    jump(id, id)
}

/// A `performance.mark` (read by the benchmark: when the app is interactive
/// and when generated output is on screen).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Removes what index.html shows until the app renders: the loading note
/// and the prerendered first visit (static/prerender.js), whose place the
/// app's own first render, already in the document, takes in the same frame.
pub fn remove_loading_note() {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = doc.get_element_by_id("loading") {
        el.remove();
    }
    if let Ok(pages) = doc.query_selector_all(".prerender") {
        for i in 0..pages.length() {
            if let Some(el) = pages.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                el.remove();
            }
        }
    }
    if let Some(root) = doc.document_element() {
        let _ = root.remove_attribute("data-prerender");
    }
}
