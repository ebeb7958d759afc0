# shellcheck shell=sh
# Shared by scripts/serve.sh, scripts/test.sh, scripts/bench.sh and
# tests/runtime/run.sh: install what is missing, skip what is there.
# Sourced, not run. POSIX sh.

set -eu
# Callers in scripts/ are one level below the repository; others set ROOT.
ROOT=${ROOT:-$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)}
cd "$ROOT"
TRUNK_VERSION=0.21.14
export PATH="$ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
POLICY_RC_D=/usr/sbin/policy-rc.d
POLICY_RC_D_MARK="# written by Mirrorsmith's need_apt for one install; removed after it"

# is_our_policy [PID]: the policy-rc.d carries our mark (and, with PID, was
# written by that shell).
is_our_policy() {
  [ -f "$POLICY_RC_D" ] && grep -qxF "$POLICY_RC_D_MARK" "$POLICY_RC_D" 2>/dev/null &&
    { [ -z "${1:-}" ] || grep -qxF "# pid $1" "$POLICY_RC_D" 2>/dev/null; }
}

# Our policy-rc.d left behind by an install that was killed (SIGKILL, a
# crash): marked, and the shell that wrote it is gone. One that is not ours,
# or belongs to an install still running, stays.
remove_stale_policy() {
  is_our_policy || return 0
  pid=$(sed -n 's/^# pid \([0-9][0-9]*\)$/\1/p' "$POLICY_RC_D")
  if [ -n "$pid" ] && [ -d "/proc/$pid" ]; then return 0; fi
  as_root rm -f "$POLICY_RC_D"
  echo "need_apt: removed $POLICY_RC_D, left behind by an install that was killed"
}

# need_apt PACKAGE...: install the Debian packages that are not installed.
# We want the programs, not daemons on this machine: while apt runs, a
# policy-rc.d (invoke-rc.d(8)) denies every service start - unless the host
# already has one, which then decides - and the units the new packages
# enabled for the next boot are disabled again afterwards.
need_apt() {
  remove_stale_policy
  missing=""
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $p"
    fi
  done
  [ -n "$missing" ] || return 0
  say "apt-get install$missing (no services started)"
  if [ "$APT_UPDATED" = 0 ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  status=0
  # A subshell, so that its traps are its own and the caller's stay: our
  # policy-rc.d (marked, with the pid of the subshell that wrote it) goes
  # when the install ends, fails or is stopped by a signal.
  (
    me=$(exec sh -c 'echo "$PPID"')
    own=0
    # shellcheck disable=SC2317 # run by the traps
    release() {
      if [ "$own" = 1 ] && is_our_policy "$me"; then as_root rm -f "$POLICY_RC_D"; fi
      own=0
    }
    trap release EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # (set -e does not hold in here: the subshell is left of ||.)
    if [ ! -e "$POLICY_RC_D" ]; then
      own=1
      printf '#!/bin/sh\n%s\n# pid %s\nexit 101\n' "$POLICY_RC_D_MARK" "$me" | as_root tee "$POLICY_RC_D" >/dev/null || exit
      as_root chmod 755 "$POLICY_RC_D" || exit
    fi
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
  ) || status=$?
  [ "$status" = 0 ] || return "$status"
  # shellcheck disable=SC2086
  disable_new_units $missing
}

# disable_new_units PACKAGE...: the units of these just-installed packages
# that their maintainer scripts enabled are disabled again (they did not
# exist before). Units of dependencies apt pulled in are left as they are.
disable_new_units() {
  command -v systemctl >/dev/null 2>&1 || return 0
  for p in "$@"; do
    for unit in $(dpkg-query -L "$p" 2>/dev/null | sed -n -E 's#^/(usr/)?lib/systemd/system/([^/]+\.(service|socket|timer))$#\2#p'); do
      if [ "$(systemctl is-enabled "$unit" 2>/dev/null)" = enabled ]; then
        as_root systemctl disable --quiet "$unit" 2>/dev/null && echo "need_apt: disabled $unit (installed as a tool, not a service)"
      fi
    done
  done
}

need_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

need_trunk() {
  if trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then return 0; fi
  say "cargo install trunk $TRUNK_VERSION (takes several minutes, once)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --locked --version "$TRUNK_VERSION"
}

# The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
need_wasm_bindgen() {
  version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  if wasm-bindgen --version 2>/dev/null | grep -q " $version\$"; then return 0; fi
  say "cargo install wasm-bindgen-cli $version"
  # Without --locked: the CLI's own lock file may name crates the index lacks.
  cargo install wasm-bindgen-cli --version "$version"
}

need_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    need_apt nodejs npm
  fi
}

# npm tools from tools/package-lock.json: wasm-opt (binaryen) and playwright-core.
need_node_tools() {
  need_node
  # A copy of the lock file marks which lock node_modules was installed from.
  if [ -x tools/node_modules/.bin/wasm-opt ] && cmp -s tools/package-lock.json tools/node_modules/.installed-lock; then
    return 0
  fi
  say "npm ci (tools/)"
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  cp tools/package-lock.json tools/node_modules/.installed-lock
}

# Builds the release web app into dist/. Trunk's post_build hook
# (tools/prerender.mjs) renders the first visit in chromium.
build_app() {
  need_apt chromium
  need_wasm_target
  need_trunk
  need_wasm_bindgen
  need_node_tools
  cargo fetch --locked
  say "trunk build --release"
  trunk build --release
}
