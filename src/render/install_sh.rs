//! `install.sh`: puts the generated files on a node. POSIX sh, idempotent,
//! backs up what it replaces, writes atomically (same-directory rename),
//! restarts only what changed. File contents travel in quoted heredocs and
//! paths in single quotes, so no user-entered string can run as code.

use super::header::Context;
use super::shell::{push_heredoc, push_quoted, quote};
use super::{GeneratedFile, Install, Language, BLOCK_BEGIN, BLOCK_END};
use crate::i18n::Text;
use crate::plan::Plan;
use crate::profile::ConfigStyle;
use crate::text;

const PRELUDE: &str = r###"set -eu

usage() {
  cat <<'USAGE'
Usage: sh install.sh [--root DIR] [--dry-run] [--no-restart]

  --root DIR    install under DIR instead of / (images, chroots, tests); implies --no-restart
  --dry-run     show what would change and change nothing
  --no-restart  write the files but do not reload or restart services
USAGE
}

ROOT=
ROOT_GIVEN=0
DRY_RUN=0
RESTART=1
while [ "$#" -gt 0 ]; do
  case "$1" in
    --root)
      [ "$#" -ge 2 ] || { echo "install.sh: --root needs a directory" >&2; exit 2; }
      ROOT=$2
      ROOT_GIVEN=1
      shift 2
      ;;
    --root=*) ROOT=${1#--root=}; ROOT_GIVEN=1; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    --no-restart) RESTART=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
# An empty DIR (an unset variable, --root=) would install on the live system.
if [ "$ROOT_GIVEN" = 1 ] && [ -z "$ROOT" ]; then
  echo "install.sh: --root needs a directory, not an empty string" >&2
  exit 2
fi
while [ "${ROOT%/}" != "$ROOT" ]; do ROOT=${ROOT%/}; done
if [ "$ROOT_GIVEN" = 1 ]; then
  RESTART=0
fi
if [ "$DRY_RUN" = 0 ] && [ -z "$ROOT" ] && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run as root (sudo sh install.sh), or use --root DIR or --dry-run" >&2
  exit 1
fi

STAMP=$(date +%Y%m%d-%H%M%S)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mirrorsmith.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
CHANGED=0
CHANGES=0
RELOAD=0
UNITS=""
WARNINGS=0

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; WARNINGS=$((WARNINGS + 1)); }

# on_change [--reload] UNIT...: after a put_*, schedule what a change needs.
on_change() {
  [ "$CHANGED" = 1 ] || return 0
  if [ "${1:-}" = --reload ]; then
    RELOAD=1
    shift
  fi
  for unit in "$@"; do
    case " $UNITS " in
      *" $unit "*) ;;
      *) UNITS="$UNITS $unit" ;;
    esac
  done
}

# put_file PATH MODE [OWNER]: install $WORK/new at $ROOT$PATH unless
# identical. With OWNER the file, and a directory made for it (mode 0700),
# belong to OWNER.
put_file() {
  dest=$ROOT$1
  if [ -f "$dest" ] && cmp -s "$WORK/new" "$dest"; then
    say "unchanged  $1"
    CHANGED=0
    return 0
  fi
  CHANGED=1
  CHANGES=$((CHANGES + 1))
  if [ "$DRY_RUN" = 1 ]; then
    if [ -e "$dest" ]; then
      say "would update $1"
      if command -v diff >/dev/null 2>&1; then diff -u "$dest" "$WORK/new" || true; fi
    else
      say "would create $1"
    fi
    return 0
  fi
  dir=$(dirname "$dest")
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    if [ -n "${3:-}" ]; then
      chown "$3:" "$dir"
      chmod 700 "$dir"
    fi
  fi
  if [ -e "$dest" ]; then
    cp -p "$dest" "$dest.mirrorsmith-backup.$STAMP"
    say "backup     $1.mirrorsmith-backup.$STAMP"
  fi
  part="$dest.mirrorsmith-part.$$"
  cp "$WORK/new" "$part"
  chmod "$2" "$part"
  if [ -n "${3:-}" ]; then
    chown "$3:" "$part"
  fi
  mv -f "$part" "$dest"
  say "wrote      $1"
}

# put_block PATH MODE KEYS...: replace Mirrorsmith's marked block in a file
# that other tools also write, and comment out other assignments of KEYS.
put_block() {
  path=$1
  mode=$2
  shift 2
  if [ -f "$ROOT$path" ]; then
    awk -v b="$BLOCK_BEGIN" -v e="$BLOCK_END" -v keys="$*" '
      BEGIN { n = split(keys, k, " "); for (i = 1; i <= n; i++) want[k[i]] = 1 }
      $0 == b { skip = 1; next }
      $0 == e { skip = 0; next }
      skip { next }
      {
        line = $0
        sub(/^[ \t]*(export[ \t]+)?/, "", line)
        eq = index(line, "=")
        if (eq > 1 && (substr(line, 1, eq - 1) in want)) { print "# (replaced by mirrorsmith) " $0; next }
        print
      }' "$ROOT$path" >"$WORK/merged"
  else
    : >"$WORK/merged"
  fi
  cat "$WORK/new" >>"$WORK/merged"
  mv "$WORK/merged" "$WORK/new"
  put_file "$path" "$mode"
}

# merge_json TOOL FILE: FILE's JSON object with each top-level key of
# $WORK/new replacing that key whole (a shallow merge: python3 and jq give
# the same result), into $WORK/merged. Fails when FILE is not an object.
merge_json() {
  if [ "$1" = python3 ]; then
    python3 - "$2" "$WORK/new" "$WORK/merged" 2>/dev/null <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    old = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    new = json.load(f)
if not isinstance(old, dict):
    sys.exit("not a JSON object")
old.update(new)
with open(sys.argv[3], "w", encoding="utf-8") as f:
    json.dump(old, f, indent=2, ensure_ascii=False)
    f.write("\n")
PY
  else
    jq -s 'if (.[0] | type) == "object" then .[0] + .[1] else error("not a JSON object") end' \
      "$2" "$WORK/new" >"$WORK/merged" 2>/dev/null
  fi
}

# set_aside PATH WHY [OWNER]: leave PATH alone, with our version beside it.
set_aside() {
  warn "$2: left alone; merge $1.mirrorsmith by hand"
  if [ "$DRY_RUN" = 0 ]; then
    cp "$WORK/new" "$ROOT$1.mirrorsmith"
    if [ -n "${3:-}" ]; then
      chown "$3:" "$ROOT$1.mirrorsmith"
    fi
  fi
  CHANGED=0
}

# put_json PATH MODE [OWNER]: merge our top-level keys into an existing JSON
# object (see merge_json: keys we write are replaced whole, all others kept).
put_json() {
  dest=$ROOT$1
  if [ -s "$dest" ]; then
    if command -v python3 >/dev/null 2>&1; then
      tool=python3
    elif command -v jq >/dev/null 2>&1; then
      tool=jq
    else
      set_aside "$1" "no python3 or jq to merge $1" "${3:-}"
      return 0
    fi
    if ! merge_json "$tool" "$dest"; then
      set_aside "$1" "$1 is not a JSON object" "${3:-}"
      return 0
    fi
    mv "$WORK/merged" "$WORK/new"
  fi
  put_file "$1" "$2" "${3:-}"
}
"###;

const USER_HOME: &str = r###"
# user_home FILE: where ~/FILE goes, in USER_HOME, and who owns it, in
# USER_OWNER (empty: root). Under sudo that is the invoking user's home from
# the passwd database: sudo may reset HOME to /root, and a root-owned file
# in the user's home is one their docker CLI cannot read. With --root DIR
# it is DIR/root, like the archive. Fails, with a warning, when unknown.
user_home() {
  USER_OWNER=
  if [ "$ROOT_GIVEN" = 1 ]; then
    USER_HOME=/root
  elif [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
    if ! command -v getent >/dev/null 2>&1; then
      warn "getent is missing, so $SUDO_USER's home is unknown: skipped ~/$1"
      return 1
    fi
    USER_HOME=$(getent passwd "$SUDO_USER" | cut -d: -f6)
    if [ -z "$USER_HOME" ] || [ ! -d "$USER_HOME" ]; then
      warn "no home directory for $SUDO_USER: skipped ~/$1"
      return 1
    fi
    USER_OWNER=$SUDO_USER
  elif [ -n "${HOME:-}" ]; then
    USER_HOME=$HOME
  else
    warn "HOME is not set: skipped ~/$1"
    return 1
  fi
}
"###;

const FINISH: &str = r###"
if [ "$DRY_RUN" = 1 ]; then
  say "Dry run: $CHANGES file(s) would change; nothing was changed."
elif [ -n "$UNITS" ]; then
  if [ "$RESTART" = 1 ] && command -v systemctl >/dev/null 2>&1; then
    if [ "$RELOAD" = 1 ]; then
      say "systemctl daemon-reload"
      systemctl daemon-reload
    fi
    for unit in $UNITS; do
      if systemctl cat "$unit.service" >/dev/null 2>&1; then
        say "systemctl restart $unit"
        systemctl restart "$unit"
      else
        say "skipped    $unit (not installed here)"
      fi
    done
  else
    say "Services were not restarted. To apply:"
    if [ "$RELOAD" = 1 ]; then say "  systemctl daemon-reload"; fi
    for unit in $UNITS; do say "  systemctl restart $unit"; done
  fi
else
  say "$CHANGES file(s) changed; nothing to restart."
fi
"###;

/// Who a file's change restarts: (daemon-reload?, units).
fn units(file: &GeneratedFile) -> (bool, &[&'static str]) {
    match &file.install {
        Install::Write {
            daemon_reload,
            restart,
        } => (*daemon_reload, restart),
        Install::Block { restart } | Install::JsonMerge { restart } => (false, restart),
        Install::Manual | Install::Script => (false, &[]),
    }
}

/// The keys a `KEY=value` file assigns, in order.
fn env_keys(content: &str) -> impl Iterator<Item = &str> {
    content
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k))
}

/// `text` without its control characters (a comment stays one line).
fn push_visible(out: &mut String, text: &str) {
    if text.chars().any(char::is_control) {
        out.extend(text.chars().filter(|c| !c.is_control()));
    } else {
        out.push_str(text);
    }
}

/// `mode` in octal, as `chmod` takes it.
fn push_octal(out: &mut String, mut mode: u32) {
    let mut digits = [0u8; 11];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (mode & 7) as u8;
        mode >>= 3;
        if mode == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// Appends the shell that installs one file. `~/` paths go to the invoking
/// user's home and belong to that user (see `user_home`); unknown, they are
/// skipped.
fn push_install_step(s: &mut String, f: &GeneratedFile) {
    let home = f.path.strip_prefix("~/");
    s.push_str("\n# ");
    push_visible(s, &f.about.en);
    s.push('\n');
    push_heredoc(s, "cat >\"$WORK/new\"", &f.content);
    if let Some(rest) = home {
        s.push_str("if user_home ");
        push_quoted(s, rest);
        s.push_str("; then\n  ");
    }
    s.push_str(match &f.install {
        Install::Block { .. } => "put_block ",
        Install::JsonMerge { .. } => "put_json ",
        _ => "put_file ",
    });
    match home {
        Some(rest) => {
            s.push_str("\"$USER_HOME\"/");
            push_quoted(s, rest);
        }
        None => push_quoted(s, &f.path),
    }
    s.push(' ');
    push_octal(s, f.mode);
    match &f.install {
        Install::Block { .. } => {
            s.push(' ');
            for (i, k) in env_keys(&f.content).enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                push_quoted(s, k);
            }
        }
        _ if home.is_some() => s.push_str(" \"$USER_OWNER\""),
        _ => {}
    }
    if home.is_some() {
        s.push_str("\nelse\n  CHANGED=0\nfi\n");
    } else {
        s.push('\n');
    }
    let (reload, units) = units(f);
    if reload || !units.is_empty() {
        s.push_str("on_change");
        if reload {
            s.push_str(" --reload");
        }
        for u in units {
            s.push(' ');
            s.push_str(u);
        }
        s.push('\n');
    }
}

/// How to check the result on the node, one line each (also shown in the app).
pub fn verify_steps(plan: &Plan) -> Vec<Text> {
    steps(plan, plan.proxy.no_proxy_env().as_deref())
}

/// [`verify_steps`] with the NO_PROXY value at hand (Some when the proxy is
/// set and bypasses something). Headings and comments are translated;
/// commands are the same in both languages.
fn steps(plan: &Plan, no_proxy: Option<&str>) -> Vec<Text> {
    let mut lines: Vec<Text> = Vec::with_capacity(12);
    let command = |c: String| Text::new(format!("  {c}"), format!("  {c}"));
    let p = plan.profile;
    if let Some(c) = &p.containerd {
        let image = quote(&super::example_image(plan));
        lines.push(text!(
            "containerd (CRI, what kubelet uses):",
            "containerd（CRI，kubelet 用的就是它）："
        ));
        lines.push(text!(
            "  crictl info | grep -i configPath        # must show the hosts directory",
            "  crictl info | grep -i configPath        # 应显示 hosts 目录"
        ));
        lines.push(command(format!("crictl pull {image}")));
        lines.push(command(
            "journalctl -u containerd --since -10min | grep -iE 'hosts.toml|host tree|mirrors cannot'"
                .into(),
        ));
        // ctr talks to registries itself: it needs the proxy in its own
        // environment. Passwords stay out of printed hints (*** instead).
        let proxies = [
            ("HTTP_PROXY", &plan.proxy.http),
            ("HTTPS_PROXY", &plan.proxy.https),
        ];
        let password_left_out = proxies.iter().any(|(_, u)| {
            u.as_ref()
                .and_then(|u| u.userinfo.as_deref())
                .is_some_and(|ui| ui.contains(':'))
        });
        let mut env: Vec<String> = proxies
            .into_iter()
            .filter_map(|(k, u)| u.as_ref().map(|u| format!("{k}={}", quote(&u.redacted()))))
            .collect();
        if let (false, Some(no_proxy)) = (env.is_empty(), no_proxy) {
            env.push(format!("NO_PROXY={}", quote(no_proxy)));
        }
        lines.push(if env.is_empty() {
            text!(
                "ctr reads hosts only from --hosts-dir:",
                "ctr 只从 --hosts-dir 读取 hosts 配置："
            )
        } else if password_left_out {
            text!(
                "ctr reads hosts only from --hosts-dir, and takes the proxy from its own environment (put the password where *** is):",
                "ctr 只从 --hosts-dir 读取 hosts 配置，代理取自它自己的环境变量（把密码填在 *** 处）："
            )
        } else {
            text!(
                "ctr reads hosts only from --hosts-dir, and takes the proxy from its own environment:",
                "ctr 只从 --hosts-dir 读取 hosts 配置，代理取自它自己的环境变量："
            )
        });
        env.push(format!(
            "ctr --debug image pull --hosts-dir {} {image}",
            quote(&plan.config_path)
        ));
        lines.push(command(env.join(" ")));
        if c.config == ConfigStyle::DropIn {
            lines.push(text!(
                "  containerd config dump | grep -i config_path   # the drop-in must be imported",
                "  containerd config dump | grep -i config_path   # 配置片段必须已被导入"
            ));
        }
    }
    if plan.proxy.is_set() && p.containerd.is_some() {
        lines.push(command(
            "systemctl show containerd --property Environment".into(),
        ));
    }
    if p.docker.is_some() {
        lines.push(text!("Docker Engine:", "Docker 引擎："));
        lines.push(command(
            "docker info | grep -iA3 -E 'registry mirrors|proxy'".into(),
        ));
    }
    if p.host_environment && plan.proxy.is_set() {
        lines.push(text!(
            "Login shells: log in again, then  env | grep -i _proxy",
            "登录 shell：重新登录，然后执行  env | grep -i _proxy"
        ));
    }
    lines
}

fn push_verify_script(s: &mut String, plan: &Plan, no_proxy: Option<&str>) {
    s.push_str("\nsay \"\"\nsay \"How to check:\"\n");
    for l in steps(plan, no_proxy) {
        s.push_str("say ");
        push_quoted(s, &l.en);
        s.push('\n');
    }
}

pub(crate) fn render(plan: &Plan, files: &[GeneratedFile], ctx: &Context) -> GeneratedFile {
    let installed = || files.iter().filter(|f| f.install != Install::Manual);
    // Each file: its content, its path twice (list, put line), its about
    // line and ~200 bytes of heredoc and put_* around them.
    let size: usize = installed()
        .map(|f| f.content.len() + 2 * f.path.len() + f.about.en.len() + 200)
        .sum();
    let mut s = String::with_capacity(
        size + ctx.hash_comment_len() + PRELUDE.len() + USER_HOME.len() + FINISH.len() + 4096,
    );
    s.push_str("#!/bin/sh\n");
    ctx.push_hash_comment(
        &mut s,
        &["the files listed below"],
        &["Usage: sudo sh install.sh [--root DIR] [--dry-run] [--no-restart]"],
    );
    s.push_str("#\n# Installs:\n");
    for f in installed() {
        s.push_str("#   ");
        s.push_str(&f.path);
        s.push('\n');
    }
    s.push_str(PRELUDE);
    s.push_str("BLOCK_BEGIN=");
    push_quoted(&mut s, BLOCK_BEGIN);
    s.push_str("\nBLOCK_END=");
    push_quoted(&mut s, BLOCK_END);
    s.push('\n');
    // Only scripts that write into a home carry user_home (no unused code).
    if installed().any(|f| f.path.starts_with("~/")) {
        s.push_str(USER_HOME);
    }
    for f in installed() {
        push_install_step(&mut s, f);
    }
    if let Some(c) = &plan.profile.containerd {
        // A directory without hosts.toml still wins containerd's lookup.
        s.push_str("\nfor d in \"$ROOT\"");
        push_quoted(&mut s, &plan.config_path);
        s.push_str("/*/; do\n  [ -d \"$d\" ] || continue\n  if [ ! -f \"${d}hosts.toml\" ]; then\n    warn \"${d#\"$ROOT\"} has no hosts.toml: containerd picks that directory anyway and uses no mirror for that registry\"\n  fi\ndone\n");
        if c.config == ConfigStyle::DropIn {
            s.push_str(
                "\nif [ -f \"$ROOT/etc/containerd/config.toml\" ] && ! grep -q 'conf.d' \"$ROOT/etc/containerd/config.toml\"; then\n  warn \"/etc/containerd/config.toml does not import /etc/containerd/conf.d: add imports = [\\\"/etc/containerd/conf.d/*.toml\\\"]\"\nfi\n",
            );
        }
    }
    s.push_str(FINISH);
    push_verify_script(&mut s, plan, ctx.no_proxy());
    s.push_str("if [ \"$WARNINGS\" -gt 0 ]; then say \"$WARNINGS warning(s) above.\"; fi\n");
    GeneratedFile {
        path: "install.sh".into(),
        mode: 0o755,
        content: s,
        language: Language::Shell,
        install: Install::Script,
        about: text!(
            "Installs every file above on a node: backs up, writes atomically, restarts what changed",
            "在节点上安装以上所有文件：先备份、原子写入、只重启有变化的服务"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::presets;
    use crate::profile::{ConfigStyle, ContainerdVersion, Profile};

    #[test]
    fn octal_modes_print_as_format_does() {
        for mode in [0, 1, 0o7, 0o10, 0o600, 0o644, 0o755, 0o4755, u32::MAX] {
            let mut s = String::from("x");
            super::push_octal(&mut s, mode);
            assert_eq!(s, format!("x{mode:o}"));
        }
    }

    #[test]
    fn about_lines_lose_control_characters() {
        let mut s = String::new();
        super::push_visible(&mut s, "a\nb\u{85}c\td");
        assert_eq!(s, "abcd");
    }

    /// Every preset, and each again with every target and a proxy.
    fn profiles() -> Vec<Profile> {
        let mut all: Vec<Profile> = presets().iter().map(|p| p.profile.clone()).collect();
        for p in all.clone() {
            let mut q = p;
            q.host_environment = true;
            q.docker = Some(Default::default());
            q.proxy.https = "http://u:secret@proxy.example.com:3128".into();
            if let Some(c) = &mut q.containerd {
                c.config = ConfigStyle::DropIn;
                c.version = ContainerdVersion::V2_2;
            }
            all.push(q);
        }
        all
    }

    fn has_chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn verify_steps_speak_both_languages_and_commands_stay_commands() {
        for p in profiles() {
            for line in verify_steps(&Plan::new(&p)) {
                if line.en.starts_with("  ") {
                    // A command: the same in both, but for its `# comment`.
                    let cmd = |s: &str| s.split("# ").next().unwrap_or("").to_string();
                    assert_eq!(cmd(&line.en), cmd(&line.zh), "{line:?}");
                    assert_eq!(line.en.contains("# "), has_chinese(&line.zh), "{line:?}");
                } else {
                    assert!(has_chinese(&line.zh), "{line:?}");
                }
                assert!(!line.en.contains("secret"), "passwords stay out: {line:?}");
            }
        }
    }
}
