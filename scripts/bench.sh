#!/bin/sh
# Measures the performance budget: bundle sizes, cold loads and edits in
# Debian's chromium, native render+check, share link lengths. One table on
# stdout, JSON in target/bench/. Installs what is missing, like test.sh.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname -- "$0")/lib.sh"
need_apt chromium chromium-driver
build_app
cargo build --locked --release --bin mirrorsmith
node tests/bench/run.mjs
