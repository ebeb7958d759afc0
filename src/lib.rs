//! Mirrorsmith core: a registry-mirror and proxy profile in, every file a node
//! needs out. The web app (wasm) and the CLI (native) both call this crate.
//!
//! Data flow: [`profile::Profile`] (what the user chose) -> [`plan::Plan`]
//! (parsed and validated view) -> [`render`] (files) and [`check`] (findings).

pub mod catalog;
pub mod check;
pub mod i18n;
pub mod import;
pub mod plan;
pub mod preset;
pub mod profile;
pub mod render;
pub mod route;
pub mod share;

pub mod app;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

/// The generator version written into every file header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
