//! install.sh as nodes run it: arguments, JSON merges, the invoking user's
//! home under sudo. Every run here uses --root or --dry-run: the tests may
//! run as root and must never touch the live system.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mirrorsmith::preset::preset;
use mirrorsmith::profile::Profile;
use mirrorsmith::render::{render, RenderOptions};

/// The profile's install.sh, written into `dir`.
fn script(profile: &Profile, dir: &Path) -> PathBuf {
    let tree = render(profile, &RenderOptions::default());
    let path = dir.join("install.sh");
    std::fs::write(&path, &tree.get("install.sh").unwrap().content).unwrap();
    path
}

fn sh(script: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new("sh");
    c.arg(script).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

#[test]
fn an_empty_root_is_an_error_not_the_live_system() {
    let dir = tempfile::tempdir().unwrap();
    let s = script(&preset("corporate-proxy").unwrap().profile, dir.path());
    // --dry-run too: without the check this would only list changes to /.
    for args in [&["--root", "", "--dry-run"][..], &["--root=", "--dry-run"]] {
        let o = sh(&s, args, &[]);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stdout));
        assert!(
            text(&o.stderr).contains("--root needs a directory"),
            "{}",
            text(&o.stderr)
        );
        assert!(o.stdout.is_empty(), "{}", text(&o.stdout));
    }
    // A real directory still works.
    let root = dir.path().join("root");
    let o = sh(&s, &["--root", root.to_str().unwrap()], &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(root.join("etc/containerd/config.toml").is_file());
}
