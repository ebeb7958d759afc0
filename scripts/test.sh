#!/bin/sh
# Runs every test: formatting and lints, the Rust suites (unit, golden,
# property, install.sh in tests/install_sh.rs, CLI), the web app in Debian's
# chromium, and the runtime suite that pulls through real containerd.
# Installs what is missing first.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname -- "$0")/lib.sh"

need_apt shellcheck jq chromium chromium-driver fonts-noto-cjk

say "cargo fmt --check"
cargo fmt --check

say "cargo clippy (native and wasm32)"
need_wasm_target
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --features worker -- -D warnings

say "cargo test"
cargo test --locked

build_app

say "browser tests (chromium, release build)"
node --test tests/browser/

say "runtime tests (real containerd)"
sh tests/runtime/run.sh

say "all tests passed"
