//! The command line, run as users run it.

use std::io::Read;
use std::process::{Command, Output};

fn ms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mirrorsmith"))
        .args(args)
        .env("LANG", "C")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn presets_are_listed() {
    let o = ms(&["presets"]);
    assert!(o.status.success());
    for id in [
        "china-mainland",
        "corporate-proxy",
        "harbor-proxy-cache",
        "seed-aliyun-legacy",
    ] {
        assert!(stdout(&o).contains(id), "{id} missing");
    }
    let zh = Command::new(env!("CARGO_BIN_EXE_mirrorsmith"))
        .args(["presets", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(stdout(&zh).contains("中国大陆"));
}

#[test]
fn render_out_writes_a_root_style_tree() {
    let dir = tempfile::tempdir().unwrap();
    let o = ms(&[
        "render",
        "china-mainland",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let config = std::fs::read_to_string(dir.path().join("etc/containerd/config.toml")).unwrap();
    assert!(config.contains("config_path = \"/etc/containerd/certs.d\""));
    let hub = std::fs::read_to_string(
        dir.path()
            .join("etc/containerd/certs.d/docker.io/hosts.toml"),
    )
    .unwrap();
    assert!(hub.contains("[host.\"https://docker.m.daocloud.io\"]"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("install.sh"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o755);
}

#[test]
fn archives_list_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let tgz = dir.path().join("m.tar.gz");
    assert!(ms(&[
        "render",
        "corporate-proxy",
        "--archive",
        tgz.to_str().unwrap()
    ])
    .status
    .success());
    let mut names = Vec::new();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&tgz).unwrap(),
    ));
    for e in archive.entries().unwrap() {
        names.push(e.unwrap().path().unwrap().to_string_lossy().to_string());
    }
    assert_eq!(
        names,
        [
            "etc/containerd/config.toml",
            "etc/systemd/system/containerd.service.d/http-proxy.conf",
            "etc/docker/daemon.json",
            "etc/environment",
            "install.sh"
        ]
    );
    let zip_path = dir.path().join("m.zip");
    assert!(ms(&[
        "render",
        "corporate-proxy",
        "--archive",
        zip_path.to_str().unwrap()
    ])
    .status
    .success());
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    assert_eq!(z.len(), 5);
    let mut env = String::new();
    z.by_name("etc/environment")
        .unwrap()
        .read_to_string(&mut env)
        .unwrap();
    assert!(env.contains("HTTPS_PROXY=http://proxy.example.com:3128"));
    let bad = ms(&["render", "corporate-proxy", "--archive", "x.rar"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn one_liner_carries_the_archive() {
    let o = ms(&["render", "seed-certs-d", "--one-liner"]);
    let line = stdout(&o);
    let b64 = line.split('\'').nth(1).unwrap();
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(bytes.as_slice()));
    let n = archive.entries().unwrap().count();
    assert_eq!(n, 13, "config.toml, 11 hosts.toml, install.sh");
    assert!(line.ends_with("sudo sh \"$d/install.sh\"\n"));
}

#[test]
fn one_liner_refuses_when_nothing_installs_on_a_node() {
    // colima-only: the archive holds colima.yaml and no install.sh.
    let o = ms(&["render", "seed-colima-proxy", "--one-liner"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("merge ~/.colima/default/colima.yaml by hand on your workstation"),
        "{err}"
    );
    let zh = Command::new(env!("CARGO_BIN_EXE_mirrorsmith"))
        .args(["render", "seed-colima-proxy", "--one-liner", "--lang", "zh"])
        .output()
        .unwrap();
    assert!(stderr(&zh).contains("手动合并"), "{}", stderr(&zh));
}

#[test]
fn single_file_and_missing_file() {
    let o = ms(&[
        "render",
        "seed-aliyun-legacy",
        "--file",
        "/etc/containerd/certs.d/docker.io/hosts.toml",
    ]);
    assert!(stdout(&o).contains("https://xxx.mirror.aliyuncs.com"));
    let o = ms(&[
        "render",
        "seed-aliyun-legacy",
        "--file",
        "/etc/docker/daemon.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not generated for this profile"));
}

#[test]
fn check_exit_status_follows_errors() {
    let ok = ms(&["check", "china-mainland"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let scenario = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/hostile-strings.toml"
    );
    let bad = ms(&["check", scenario]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stdout(&bad).contains("error[MS002] registry[0].mirror[1].url"));
    let json = ms(&["check", scenario, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 5);
    assert!(v["findings"][0]["message"]["zh"].as_str().is_some());
}

#[test]
fn link_round_trips_through_the_cli() {
    let link = stdout(&ms(&[
        "link",
        "harbor-proxy-cache",
        "--app-url",
        "https://ms.example/",
    ]));
    assert!(link.starts_with("https://ms.example/#p=1."));
    let from_link = stdout(&ms(&["profile", link.trim()]));
    let from_preset = stdout(&ms(&["profile", "harbor-proxy-cache"]));
    assert_eq!(from_link, from_preset);
}

#[test]
fn secrets_stay_out_of_links_unless_asked() {
    let scenario = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/k3s-proxy.toml"
    );
    let o = ms(&["link", scenario]);
    assert!(stderr(&o).contains("2 secret(s) left out"));
    let back = stdout(&ms(&["profile", stdout(&o).trim()]));
    assert!(
        !back.contains("S3cret") && back.contains("svc-k3s@proxy"),
        "{back}"
    );
    let with = stdout(&ms(&["link", scenario, "--include-secrets"]));
    assert!(stdout(&ms(&["profile", with.trim()])).contains("S3cret%21"));
}

#[test]
fn passwords_in_urls_that_do_not_parse_stay_out_of_links_too() {
    // The audit's leak.toml: an unencoded @, a proxy without a scheme, a
    // mirror URL with credentials.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("leak.toml");
    std::fs::write(
        &f,
        "[containerd]\nversion = \"1.7\"\n[proxy]\nhttps = \"http://alice:S3cr3t@pw@proxy.corp:3128\"\nhttp = \"alice:S3cr3t@proxy.corp:3128\"\n[[registry]]\nhost = \"docker.io\"\n[[registry.mirror]]\nurl = \"https://bob:hunter2@mirror.corp\"\n",
    )
    .unwrap();
    let f = f.to_str().unwrap();
    let o = ms(&["link", f]);
    assert!(
        stderr(&o).contains("3 secret(s) left out"),
        "{}",
        stderr(&o)
    );
    let config = stdout(&ms(&["render", f, "--file", "/etc/containerd/config.toml"]));
    let link = config
        .lines()
        .find_map(|l| l.strip_prefix("# Edit the profile, not this file: "))
        .unwrap();
    for back in [
        stdout(&ms(&["profile", stdout(&o).trim()])),
        stdout(&ms(&["profile", link])),
    ] {
        assert!(
            !back.contains("S3cr3t") && !back.contains("hunter2"),
            "{back}"
        );
        assert!(back.contains("https://bob@mirror.corp"), "{back}");
    }
}

#[test]
fn unknown_languages_are_refused_and_source_is_explained() {
    let o = ms(&["check", "china-mainland", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("possible values: en, zh"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
    for cmd in ["render", "check", "link", "profile", "explain"] {
        let help = stdout(&ms(&[cmd, "--help"]));
        assert!(
            help.contains("<SOURCE>") && help.contains("a preset name"),
            "{cmd}: {help}"
        );
    }
}

#[test]
fn bad_sources_get_clear_errors() {
    let o = ms(&["render", "no-such-thing"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such file or preset"));
    let o = ms(&["profile", "https://ms.example/#p=1.AAAA"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("damaged"), "{}", stderr(&o));
    let o = ms(&["profile", "https://ms.example/#p=7.AAAA"]);
    assert!(stderr(&o).contains("newer Mirrorsmith"));
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("p.toml");
    std::fs::write(&f, "[[registry]]\nhots = \"docker.io\"\n").unwrap();
    let o = ms(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("hots"), "{}", stderr(&o));
}

fn fixture(p: &str) -> String {
    format!("{}/tests/fixtures/import/{p}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn import_prints_a_profile_and_the_migration() {
    let o = ms(&["import", &fixture("seed-002-config.toml")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let profile = stdout(&o);
    assert!(
        profile.contains("host = \"docker.io\"")
            && profile.contains("https://45hrqeao.mirror.aliyuncs.com")
    );
    assert!(stderr(&o).contains("Legacy mirrors of docker.io"));
    assert!(
        stderr(&o).contains("warning[MS315]"),
        "the aliyun accelerator under registry.k8s.io"
    );
    // The printed profile is a valid profile file.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("p.toml");
    std::fs::write(&f, &profile).unwrap();
    assert!(ms(&[
        "render",
        f.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap()
    ])
    .status
    .success());
    assert!(dir
        .path()
        .join("out/etc/containerd/certs.d/registry.k8s.io/hosts.toml")
        .exists());
}

#[test]
fn import_diff_and_render_patch_change_only_the_registry_section() {
    let o = ms(&["import", &fixture("seed-003-config.toml"), "--diff"]);
    let diff = stdout(&o);
    assert!(diff.starts_with("--- a/etc/containerd/config.toml"));
    assert!(
        diff.contains("+      config_path = \"/etc/containerd/certs.d\"")
            || diff.contains("+config_path"),
        "{diff}"
    );
    assert!(
        diff.contains("-        endpoint=[\"https://registry-1.docker.io\""),
        "{diff}"
    );
    let o = ms(&[
        "render",
        "seed-sjtug-systemd",
        "--patch",
        &fixture("seed-003-config.toml"),
        "--file",
        "/etc/containerd/config.toml",
    ]);
    let text = stdout(&o);
    assert!(
        text.starts_with("disabled_plugins = []"),
        "the user's file, no header"
    );
    assert!(
        text.contains("SystemdCgroup = true")
            && text.contains("config_path = \"/etc/containerd/certs.d\"")
    );
    assert!(!text.contains("registry.mirrors.\"docker.io\"]"));
}

#[test]
fn render_patch_fails_on_a_file_it_cannot_patch() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, why) in [
        ("bad.toml", "[plugins\n", "not valid TOML"),
        (
            "v4.toml",
            "version = 4\n[plugins.\"io.containerd.cri.v1.images\".registry]\n",
            "version = 4",
        ),
    ] {
        let base = dir.path().join(name);
        std::fs::write(&base, text).unwrap();
        let out = dir.path().join("out");
        let o = ms(&[
            "render",
            "china-mainland",
            "--patch",
            base.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("--patch") && err.contains(name) && err.contains(why),
            "{err}"
        );
        assert!(!out.exists(), "{name}: nothing written, nothing replaced");
    }
    // A profile without containerd has no config.toml to patch.
    let base = dir.path().join("ok.toml");
    std::fs::write(&base, "version = 2\n").unwrap();
    let docker_only = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/docker-engine-before-23.toml"
    );
    let o = ms(&["render", docker_only, "--patch", base.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("does not target containerd"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn import_hosts_dir_reports_what_containerd_would_not() {
    let o = ms(&["import", "--hosts-dir", &fixture("seed-001-certs.d")]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "server = https://docker.io is an error"
    );
    let err = stderr(&o);
    assert!(err.contains("error[MS203]"), "{err}");
    assert!(err.contains("warning[MS308]"), "dead mirrors: {err}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("docker.io")).unwrap();
    std::fs::write(
        dir.path().join("docker.io/hosts.toml"),
        "[host.\"https://m.example.com\"]\ncapabilities = [\"pul\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("quay.io")).unwrap();
    let o = ms(&[
        "import",
        "--hosts-dir",
        dir.path().to_str().unwrap(),
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"MS610") && codes.contains(&"MS621"),
        "{codes:?}"
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn explain_follows_containerd() {
    let o = ms(&["explain", "nginx:1.27", "china-mainland", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["image"], "docker.io/library/nginx:1.27");
    assert_eq!(
        v["resolve"][0]["url"],
        "https://docker.m.daocloud.io/v2/library/nginx/manifests/1.27?ns=docker.io"
    );
    let text = stdout(&ms(&[
        "explain",
        "registry.k8s.io/pause:3.10",
        "corporate-proxy",
    ]));
    assert!(
        text.contains("via proxy http://proxy.example.com:3128"),
        "{text}"
    );
    let bad = ms(&["explain", "https://docker.io/nginx", "china-mainland"]);
    assert_eq!(bad.status.code(), Some(2));
}
