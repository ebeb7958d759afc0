//! Showing findings once typing pauses: `use_settled` hands out a value
//! as it was before the user started typing and the new one ~600 ms after
//! the last keystroke (or at once on blur, or when the change did not come
//! from typing: a click, a preset). The preview is not delayed: only the
//! notes and lists whose height would make the page jump.

use std::cell::Cell;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// How long a pause in typing must be before new findings show.
pub const PAUSE_MS: f64 = 600.0;

thread_local! {
    static LAST_INPUT: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// A keystroke in a text field (called before its action is dispatched).
pub fn note_input() {
    LAST_INPUT.with(|t| t.set(now()));
}

/// The user left the field: no more waiting.
pub fn end_input() {
    LAST_INPUT.with(|t| t.set(f64::NEG_INFINITY));
}

fn quiet_for() -> f64 {
    now() - LAST_INPUT.with(Cell::get)
}

/// `value` once typing has paused; the callback shows the latest at once
/// (for blur).
#[hook]
pub fn use_settled<T: Clone + PartialEq + 'static>(value: &T) -> (T, Callback<()>) {
    let shown = use_state_eq(|| value.clone());
    let tick = use_state_eq(|| 0u32);
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        let shown = shown.clone();
        let tick = tick.clone();
        use_effect_with((value.clone(), *tick), move |(v, _)| {
            let mut pending = timer.borrow_mut();
            let quiet = quiet_for();
            if *shown == *v {
                *pending = None;
            } else if quiet >= PAUSE_MS {
                *pending = None;
                shown.set(v.clone());
            } else {
                // Look again when the pause would be long enough; a
                // keystroke meanwhile makes that look wait again.
                let n = *tick;
                *pending = Some(Timeout::new((PAUSE_MS - quiet) as u32 + 5, move || {
                    tick.set(n.wrapping_add(1))
                }));
            }
        });
    }
    let flush = {
        let tick = tick.clone();
        Callback::from(move |_| {
            end_input();
            tick.set(tick.wrapping_add(1));
        })
    };
    ((*shown).clone(), flush)
}
