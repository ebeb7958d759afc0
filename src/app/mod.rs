//! The web app. Its state ([`state`]), texts ([`strings`]) and syntax
//! highlighting ([`highlight`]) are plain Rust, tested natively; only the
//! components and the browser glue are compiled for wasm32.

pub mod derived;
pub mod highlight;
pub mod state;
pub mod strings;

#[cfg(target_arch = "wasm32")]
mod archiver;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;

/// Mounts the app on the page.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    browser::mark("mirrorsmith-start");
    yew::Renderer::<components::app::App>::new().render();
}
