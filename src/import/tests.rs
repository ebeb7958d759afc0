//! Import and patch against what users really have: the seeds' configs and
//! `containerd config default` of every release line.

use super::*;
use crate::check::Severity;
use crate::profile::{Capability, ContainerdVersion};
use crate::render::default_config;

const SEED_002: &str = include_str!("../../tests/fixtures/import/seed-002-config.toml");
const SEED_003: &str = include_str!("../../tests/fixtures/import/seed-003-config.toml");
const SEED_002_LIBRARY: &str =
    include_str!("../../tests/fixtures/import/seed-002-library-snippet.toml");
const SEED_001_HUB: &str =
    include_str!("../../tests/fixtures/import/seed-001-certs.d/docker.io/hosts.toml");

fn codes(i: &Imported) -> Vec<&'static str> {
    i.findings.iter().map(|f| f.code).collect()
}

#[test]
fn seed_002_flattened_config_migrates() {
    let i = import(Some(SEED_002), &[], None);
    assert_eq!(i.config_version, Some(2));
    let c = i.profile.containerd.as_ref().unwrap();
    assert_eq!(
        c.version,
        ContainerdVersion::V1_6,
        "a full 1.x dump without 1.7 keys"
    );
    assert_eq!(
        i.profile.sandbox_image,
        "registry.aliyuncs.com/google_containers/pause:3.9"
    );
    assert_eq!(i.profile.systemd_cgroup, Some(true));
    let hub = i.profile.registry("docker.io").unwrap();
    // registry-1.docker.io was listed first: it is the upstream, now last.
    let urls: Vec<_> = hub.mirrors.iter().map(|m| m.url.as_str()).collect();
    assert_eq!(urls, ["https://45hrqeao.mirror.aliyuncs.com"]);
    assert_eq!(hub.mirrors[0].provider, "aliyun");
    let k8s = i.profile.registry("registry.k8s.io").unwrap();
    assert_eq!(k8s.mirrors.len(), 4);
    assert!(codes(&i).contains(&"MS619"));
    assert!(i.steps.iter().any(|s| s.en.contains("moves last")));
    // The migrated profile then shows the recipe's own mistakes: an Aliyun
    // accelerator under registry.k8s.io, and two mirrors gone since 2024.
    let checks = crate::check::check(&i.profile);
    assert!(
        checks
            .iter()
            .any(|f| f.code == "MS315" && f.message.en.contains("aliyuncs")),
        "{checks:?}"
    );
    assert_eq!(checks.iter().filter(|f| f.code == "MS308").count(), 2);
    assert!(
        i.findings.iter().all(|f| f.severity != Severity::Error),
        "{:?}",
        i.findings
    );
}

#[test]
fn seed_003_indented_config_migrates() {
    let i = import(Some(SEED_003), &[], None);
    assert_eq!(i.config_version, Some(2));
    assert_eq!(i.profile.systemd_cgroup, Some(true));
    assert_eq!(i.profile.registries.len(), 2);
    assert!(
        i.findings.iter().all(|f| f.severity != Severity::Error),
        "{:?}",
        i.findings
    );
}

#[test]
fn docker_io_library_key_is_explained_not_imported() {
    let i = import(Some(SEED_002_LIBRARY), &[], Some(ContainerdVersion::V1_6));
    let f = i
        .findings
        .iter()
        .find(|f| f.code == "MS606")
        .expect("MS606");
    assert!(f.message.en.contains("docker.io/library") && f.message.en.contains("not a registry"));
    assert!(f.message.zh.contains("不是镜像仓库"));
    // No version header: the long plugin names are ignored by containerd.
    assert!(codes(&i).contains(&"MS602"));
    assert_eq!(i.profile.registries.len(), 1);
    assert_eq!(
        i.profile.registries[0].mirrors[0].url,
        "https://atomhub.openatom.cn"
    );
}

#[test]
fn default_configs_of_every_release_import_cleanly() {
    for v in ContainerdVersion::ALL {
        let i = import(Some(default_config(v)), &[], None);
        assert_eq!(
            i.profile.containerd.as_ref().unwrap().version,
            v,
            "guessed version of {v:?}"
        );
        assert!(i.profile.registries.is_empty());
        assert_eq!(
            i.profile.sandbox_image, "",
            "the default pause image is not pinned ({v:?})"
        );
        assert!(
            i.findings.iter().all(|f| f.severity == Severity::Info),
            "{v:?}: {:?}",
            i.findings
        );
    }
}

#[test]
fn patching_keeps_everything_else_and_removes_legacy_mirrors() {
    for (name, text) in [("002", SEED_002), ("003", SEED_003)] {
        let i = import(Some(text), &[], None);
        let p = patch(text, &i.profile).unwrap();
        assert!(!p.text.contains("registry.mirrors.\"docker.io\""), "{name}");
        assert!(
            p.text.contains("config_path = \"/etc/containerd/certs.d\""),
            "{name}"
        );
        // Only registry lines change: every removed line is a mirrors line.
        for line in p
            .diff
            .lines()
            .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        {
            let l = line.trim_start_matches('-').trim();
            assert!(
                l.is_empty()
                    || l.contains("mirrors")
                    || l.starts_with("endpoint")
                    || l.starts_with("config_path"),
                "{name}: {line}"
            );
        }
        // The result is valid TOML and patching again changes nothing more.
        let again = patch(&p.text, &i.profile).unwrap();
        assert_eq!(again.text, p.text, "{name}: idempotent");
        assert!(toml_edit::DocumentMut::from_str(&p.text).is_ok());
    }
}

use std::str::FromStr;

#[test]
fn default_configs_patch_with_the_right_keys() {
    for v in ContainerdVersion::ALL {
        let mut profile = import(Some(default_config(v)), &[], None).profile;
        profile.systemd_cgroup = Some(true);
        profile.sandbox_image = "k8s.m.daocloud.io/pause:3.10".into();
        let p = patch(default_config(v), &profile).unwrap();
        let changed: Vec<&str> = p
            .diff
            .lines()
            .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
            .collect();
        assert_eq!(
            changed.len(),
            if v >= ContainerdVersion::V2_0 { 4 } else { 3 },
            "{v:?}: {changed:?}"
        );
        let doc = toml_edit::DocumentMut::from_str(&p.text).unwrap();
        let key = if v >= ContainerdVersion::V2_0 {
            "io.containerd.cri.v1.images"
        } else {
            "io.containerd.grpc.v1.cri"
        };
        assert_eq!(
            doc["plugins"][key]["registry"]["config_path"].as_str(),
            Some("/etc/containerd/certs.d"),
            "{v:?}"
        );
    }
}

#[test]
fn version_1_files_keep_short_names_and_no_version_line() {
    let v1 =
        "[plugins.cri.registry.mirrors.\"docker.io\"]\nendpoint = [\"https://m.example.com\"]\n";
    let i = import(Some(v1), &[], Some(ContainerdVersion::V1_6));
    assert_eq!(i.config_version, Some(1));
    assert_eq!(
        i.profile.registries[0].mirrors[0].url,
        "https://m.example.com"
    );
    let p = patch(v1, &i.profile).unwrap();
    assert!(!p.text.contains("version"), "{}", p.text);
    assert!(p.text.contains("[plugins.cri.registry]"), "{}", p.text);
}

#[test]
fn seed_001_hosts_toml_imports_with_its_mistakes() {
    let i = import(
        None,
        &[HostsInput {
            dir: "docker.io".into(),
            text: Some(SEED_001_HUB.into()),
        }],
        None,
    );
    let hub = i.profile.registry("docker.io").unwrap();
    assert_eq!(
        hub.server, "https://docker.io",
        "kept so that MS203 reports it"
    );
    assert_eq!(hub.mirrors.len(), 5);
    let checks = crate::check::check(&i.profile);
    assert!(
        checks.iter().any(|f| f.code == "MS203"),
        "server = https://docker.io is reported"
    );
    assert_eq!(
        checks.iter().filter(|f| f.code == "MS308").count(),
        4,
        "four dead mirrors"
    );
}

#[test]
fn broken_hosts_files_are_caught() {
    let cases = [
        ("capabilities = [\"pul\", \"resolve\"]", "MS610"),
        ("capabilities = \"pull\"", "MS611"),
        ("skip_verify = \"yes\"", "MS611"),
        ("capabilites = [\"pull\"]", "MS612"),
    ];
    for (line, code) in cases {
        let text = format!(
            "server = \"https://registry-1.docker.io\"\n[host.\"https://m.example.com\"]\n{line}\n"
        );
        let i = import(
            None,
            &[HostsInput {
                dir: "docker.io".into(),
                text: Some(text),
            }],
            None,
        );
        assert!(codes(&i).contains(&code), "{line}: {:?}", codes(&i));
    }
    let i = import(
        None,
        &[HostsInput {
            dir: "docker.io".into(),
            text: Some("server = \"https://x\"\n".into()),
        }],
        None,
    );
    assert!(codes(&i).contains(&"MS613"));
    let i = import(
        None,
        &[HostsInput {
            dir: "docker.io".into(),
            text: Some("[host.\"x\"\n".into()),
        }],
        None,
    );
    assert!(codes(&i).contains(&"MS609"));
    let i = import(
        None,
        &[HostsInput {
            dir: "registry.test_5000_".into(),
            text: Some("[host.\"http://m.test\"]\n".into()),
        }],
        None,
    );
    assert_eq!(i.profile.registries[0].host, "registry.test:5000");
    assert!(codes(&i).contains(&"MS618"));
    let i = import(
        None,
        &[HostsInput {
            dir: "quay.io".into(),
            text: None,
        }],
        None,
    );
    assert!(codes(&i).contains(&"MS621"));
}

#[test]
fn push_only_root_means_no_fallback_and_round_trips() {
    let profile = crate::preset::preset("harbor-proxy-cache")
        .unwrap()
        .profile
        .clone();
    let mut p = profile.clone();
    p.registries[0].fallback = false;
    let tree = crate::render::render(&p, &Default::default());
    let hosts: Vec<HostsInput> = tree
        .files
        .iter()
        .filter(|f| f.path.ends_with("/hosts.toml"))
        .map(|f| HostsInput {
            dir: f.path.rsplit('/').nth(1).unwrap().to_string(),
            text: Some(f.content.clone()),
        })
        .collect();
    let config = tree
        .get("/etc/containerd/config.toml")
        .unwrap()
        .content
        .clone();
    let i = import(Some(&config), &hosts, Some(ContainerdVersion::V2_1));
    assert!(!i.profile.registries[0].fallback);
    // What we write imports back to the same registries and mirrors (a
    // Harbor URL cannot name its provider: the host is the user's).
    let mut want = p.registries.clone();
    for r in &mut want {
        for m in &mut r.mirrors {
            m.provider.clear();
        }
    }
    assert_eq!(i.profile.registries, want);
    assert_eq!(i.profile.systemd_cgroup, p.systemd_cgroup);
    assert!(
        i.findings.iter().all(|f| f.severity != Severity::Error),
        "{:?}",
        i.findings
    );
}

#[test]
fn version_3_on_1x_and_mirrors_with_config_path_are_errors() {
    let v3 = default_config(ContainerdVersion::V2_1);
    let i = import(Some(v3), &[], Some(ContainerdVersion::V1_6));
    assert!(codes(&i).contains(&"MS603"));
    let both = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".registry]\nconfig_path = \"/etc/containerd/certs.d\"\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"docker.io\"]\nendpoint = [\"https://m.example.com\"]\n";
    let i = import(Some(both), &[], None);
    assert!(codes(&i).contains(&"MS605"));
    let tls = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"harbor.local\".tls]\ninsecure_skip_verify = true\n[plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"harbor.local\".auth]\nusername = \"u\"\npassword = \"p\"\n";
    let i = import(Some(tls), &[], None);
    assert!(codes(&i).contains(&"MS607") && codes(&i).contains(&"MS608"));
    assert!(i.profile.registry("harbor.local").unwrap().mirrors[0].skip_verify);
    let p = patch(tls, &i.profile).unwrap();
    assert!(
        p.text.contains("password = \"p\"") && !p.text.contains("insecure_skip_verify"),
        "{}",
        p.text
    );
}

#[test]
fn garbage_never_panics() {
    for text in [
        "",
        "[[[",
        "version = \"x\"",
        "plugins = 3",
        "[plugins]\ncri = 1",
        "\u{0}",
    ] {
        let _ = import(
            Some(text),
            &[HostsInput {
                dir: text.into(),
                text: Some(text.into()),
            }],
            None,
        );
        let _ = patch(text, &crate::profile::Profile::default());
    }
    let _ = Capability::ALL;
}
