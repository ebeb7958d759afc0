//! Natively the `mirrorsmith` command; in the browser (wasm32) the web app.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(mirrorsmith::cli::run());
}

#[cfg(target_arch = "wasm32")]
fn main() {
    mirrorsmith::app::start();
}
