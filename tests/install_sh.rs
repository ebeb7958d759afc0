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

/// A directory of links to the tools install.sh uses, without `without`:
/// a PATH where, say, python3 does not exist.
fn tools_without(without: &[&str], dir: &Path) -> String {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for tool in [
        "sh", "cat", "cmp", "cp", "mv", "mkdir", "dirname", "chmod", "chown", "date", "mktemp",
        "rm", "id", "awk", "diff", "grep", "cut", "getent", "python3", "jq",
    ] {
        if without.contains(&tool) {
            continue;
        }
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .unwrap();
        let path = text(&found.stdout).trim().to_string();
        assert!(
            !path.is_empty(),
            "{tool} is required (the test command installs it)"
        );
        std::os::unix::fs::symlink(path, bin.join(tool)).unwrap();
    }
    bin.to_string_lossy().to_string()
}

#[test]
fn daemon_json_merges_the_same_with_python3_and_jq() {
    let dir = tempfile::tempdir().unwrap();
    let s = script(&preset("corporate-proxy").unwrap().profile, dir.path());
    let ours: serde_json::Value = serde_json::from_str(
        &render(
            &preset("corporate-proxy").unwrap().profile,
            &RenderOptions::default(),
        )
        .get("/etc/docker/daemon.json")
        .unwrap()
        .content,
    )
    .unwrap();
    let before = serde_json::json!({
        "log-driver": "json-file",
        "proxies": {"http-proxy": "http://old.example:1", "ftp-proxy": "x"},
        "registry-mirrors": ["https://old.example"],
        "标签": ["值"],
    });
    // Shallow: our proxies replace the old object whole; every other key stays.
    let mut want = before.clone();
    want["proxies"] = ours["proxies"].clone();
    let no_python = tools_without(&["python3"], dir.path());
    let mut results = Vec::new();
    for (name, path) in [
        ("python3", std::env::var("PATH").unwrap()),
        ("jq", no_python),
    ] {
        let root = dir.path().join(format!("root-{name}"));
        let daemon = root.join("etc/docker/daemon.json");
        std::fs::create_dir_all(daemon.parent().unwrap()).unwrap();
        std::fs::write(&daemon, before.to_string()).unwrap();
        let args = ["--root", root.to_str().unwrap()];
        for run in 0..2 {
            let o = sh(&s, &args, &[("PATH", &path)]);
            assert!(o.status.success(), "{name}: {}", text(&o.stderr));
            assert!(
                !text(&o.stderr).contains("warning"),
                "{name}: {}",
                text(&o.stderr)
            );
            let wrote = text(&o.stdout).contains("wrote      /etc/docker/daemon.json");
            assert_eq!(wrote, run == 0, "{name} run {run}: {}", text(&o.stdout));
        }
        let got: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&daemon).unwrap()).unwrap();
        assert_eq!(got, want, "{name}");
        results.push(got);
    }
    assert_eq!(results[0], results[1]);
}

#[test]
fn a_daemon_json_that_is_not_an_object_is_set_aside_by_either_tool() {
    let dir = tempfile::tempdir().unwrap();
    let s = script(&preset("corporate-proxy").unwrap().profile, dir.path());
    let no_python = tools_without(&["python3"], dir.path());
    for (name, path) in [
        ("python3", std::env::var("PATH").unwrap()),
        ("jq", no_python),
    ] {
        for broken in ["{ not json", "[1, 2]"] {
            let root = dir.path().join(format!("root-{name}-{}", broken.len()));
            let daemon = root.join("etc/docker/daemon.json");
            std::fs::create_dir_all(daemon.parent().unwrap()).unwrap();
            std::fs::write(&daemon, broken).unwrap();
            let o = sh(&s, &["--root", root.to_str().unwrap()], &[("PATH", &path)]);
            assert!(o.status.success(), "{name}: {}", text(&o.stderr));
            assert!(
                text(&o.stderr)
                    .contains("/etc/docker/daemon.json is not a JSON object: left alone"),
                "{name}: {}",
                text(&o.stderr)
            );
            assert_eq!(std::fs::read_to_string(&daemon).unwrap(), broken);
            assert!(root.join("etc/docker/daemon.json.mirrorsmith").is_file());
        }
    }
}

/// Docker's client proxy only: a drop-in and ~/.docker/config.json.
fn client_proxy_profile() -> Profile {
    Profile::from_toml(
        "[docker]\nengine = \"<23\"\nclient_proxy = true\n[proxy]\nhttps = \"http://proxy.example.com:3128\"\n",
    )
    .unwrap()
}

/// `getent` answering `passwd alice` with `home`, first in PATH.
fn fake_getent(dir: &Path, home: Option<&Path>) -> String {
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let line = match home {
        Some(h) => format!("echo 'alice:x:1000:1000:Alice:{}:/bin/sh'", h.display()),
        None => "exit 2".to_string(),
    };
    let getent = bin.join("getent");
    std::fs::write(
        &getent,
        format!("#!/bin/sh\n[ \"$1 $2\" = 'passwd alice' ] || exit 2\n{line}\n"),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&getent, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap())
}

#[test]
fn under_sudo_the_docker_client_config_goes_to_the_invoking_users_home() {
    let dir = tempfile::tempdir().unwrap();
    let s = script(&client_proxy_profile(), dir.path());
    let home = dir.path().join("home/alice");
    std::fs::create_dir_all(&home).unwrap();
    let path = fake_getent(dir.path(), Some(&home));
    // sudo resets HOME to /root; the file must still be alice's.
    let env = [
        ("PATH", path.as_str()),
        ("SUDO_USER", "alice"),
        ("HOME", "/root"),
    ];
    let o = sh(&s, &["--dry-run"], &env);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        out.contains(&format!(
            "would create {}/.docker/config.json",
            home.display()
        )),
        "{out}"
    );
    assert!(!out.contains("/root/.docker"), "{out}");

    // sudo by root itself, or no sudo: HOME.
    let env = [("SUDO_USER", "root"), ("HOME", home.to_str().unwrap())];
    let out = text(&sh(&s, &["--dry-run"], &env).stdout);
    assert!(
        out.contains(&format!(
            "would create {}/.docker/config.json",
            home.display()
        )),
        "{out}"
    );

    // With --root DIR: DIR/root, as in the archive, whoever ran sudo.
    let root = dir.path().join("image");
    let env = [
        ("PATH", path.as_str()),
        ("SUDO_USER", "alice"),
        ("HOME", "/root"),
    ];
    let o = sh(&s, &["--root", root.to_str().unwrap()], &env);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        root.join("root/.docker/config.json").is_file(),
        "{}",
        text(&o.stdout)
    );
    assert!(!home.join(".docker").exists());
}

#[test]
fn an_unknown_sudo_user_home_skips_the_file_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let s = script(&client_proxy_profile(), dir.path());
    // No passwd entry.
    let path = fake_getent(dir.path(), None);
    let env = [
        ("PATH", path.as_str()),
        ("SUDO_USER", "alice"),
        ("HOME", "/root"),
    ];
    let o = sh(&s, &["--dry-run"], &env);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("no home directory for alice: skipped ~/.docker/config.json"),
        "{}",
        text(&o.stderr)
    );
    assert!(
        !text(&o.stdout).contains("config.json"),
        "{}",
        text(&o.stdout)
    );
    // No getent at all (no eval ~alice fallback): warn and skip too.
    let path = tools_without(&["getent"], dir.path());
    let env = [
        ("PATH", path.as_str()),
        ("SUDO_USER", "alice"),
        ("HOME", "/root"),
    ];
    let o = sh(&s, &["--dry-run"], &env);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains(
            "getent is missing, so alice's home is unknown: skipped ~/.docker/config.json"
        ),
        "{}",
        text(&o.stderr)
    );
    assert!(
        !text(&o.stdout).contains("config.json"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn printed_commands_paste_into_a_shell_and_give_ctr_the_proxy() {
    let p = Profile::from_toml(
        "[containerd]\nversion = \"1.7\"\nconfig_path = \"/etc/containerd/cert's dir $(id)\"\n[[registry]]\nhost = \"docker.io\"\n[[registry.mirror]]\nurl = \"https://docker.m.daocloud.io\"\n[proxy]\nhttps = \"http://alice:S3cret@proxy.example.com:3128\"\nno_proxy = [\".svc\"]\n",
    )
    .unwrap();
    let plan = mirrorsmith::plan::Plan::new(&p);
    // The English lines: what install.sh prints.
    let steps: Vec<String> = mirrorsmith::render::verify_steps(&plan)
        .into_iter()
        .map(|l| l.en.into_owned())
        .collect();
    let ctr = steps.iter().find(|l| l.contains("ctr --debug")).unwrap();
    let words = shlex::split(ctr).unwrap();
    assert_eq!(
        words[..3],
        [
            "HTTPS_PROXY=http://alice:***@proxy.example.com:3128",
            "NO_PROXY=.svc",
            "ctr"
        ]
    );
    let dir = words.iter().position(|w| w == "--hosts-dir").unwrap();
    assert_eq!(words[dir + 1], "/etc/containerd/cert's dir $(id)");
    assert!(steps
        .iter()
        .any(|l| l.contains("put the password where *** is")));
    assert!(!steps.iter().any(|l| l.contains("S3cret")), "{steps:?}");
    for l in steps.iter().filter(|l| l.starts_with("  ")) {
        assert!(shlex::split(l).is_some(), "{l}");
    }
    // No proxy: no environment to give.
    let p = preset("seed-certs-d").unwrap().profile.clone();
    let steps = mirrorsmith::render::verify_steps(&mirrorsmith::plan::Plan::new(&p));
    let ctr = steps.iter().find(|l| l.en.contains("ctr --debug")).unwrap();
    assert!(ctr.en.trim_start().starts_with("ctr --debug"), "{ctr:?}");
}
