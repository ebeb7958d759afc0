#!/bin/sh
# Builds the web app (release) and serves it at http://127.0.0.1:8080.
# Installs what is missing first (wasm32 target, trunk, wasm-bindgen-cli,
# wasm-opt); a second run skips all of that.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname -- "$0")/lib.sh"
build_app
say "serving http://127.0.0.1:8080 (Ctrl-C stops)"
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port 8080
