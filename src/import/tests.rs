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
    // Legacy CRI asked registry-1 first; the change of order is said.
    assert!(codes(&i).contains(&"MS622"), "{:?}", codes(&i));
    assert!(i.steps.iter().any(|s| s.en.contains("now comes last")));
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
    assert!(
        f.message.en.contains("docker.io/library") && f.message.en.contains("not a registry host")
    );
    assert!(f.message.zh.contains("不是仓库主机名"));
    // The docker.io entry already serves library/* as /v2/library/<name>:
    // no override_path advice (it would give /v2/library/library/...).
    assert!(
        f.message.en.contains("/v2/library/<name>"),
        "{}",
        f.message.en
    );
    assert!(!f.fix.en.contains("override_path") && f.fix.en.contains("Delete it"));
    assert!(f.fix.en.contains("second mirror") && f.fix.en.contains("upstream fallback"));
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
        // 2.2's own config_path list is explained, as a warning at most.
        assert!(
            i.findings
                .iter()
                .all(|f| f.severity == Severity::Info || f.code == "MS623"),
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

fn hosts(dir: &str, text: &str) -> Vec<HostsInput> {
    vec![HostsInput {
        dir: dir.into(),
        text: Some(text.into()),
    }]
}

/// The hosts.toml Mirrorsmith writes for `registry` of `profile`.
fn rendered_hosts(profile: &crate::profile::Profile, registry: &str) -> crate::render::HostsFile {
    let tree = crate::render::render(profile, &Default::default());
    let path = format!("/etc/containerd/certs.d/{registry}/hosts.toml");
    let file = tree.get(&path).unwrap_or_else(|| panic!("{path}"));
    crate::render::HostsFile::parse(&file.content).unwrap()
}

#[test]
fn a_plain_http_registry_listing_itself_stays_plain_http() {
    let legacy = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"registry.test:5000\"]\n  endpoint = [\"http://registry.test:5000\"]\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"harbor.local\"]\n  endpoint = [\"http://harbor.local\"]\n";
    let i = import(Some(legacy), &[], Some(ContainerdVersion::V1_7));
    let reg = i.profile.registry("registry.test:5000").unwrap();
    assert_eq!(reg.server, "http://registry.test:5000");
    assert!(reg.mirrors.is_empty());
    assert_eq!(
        i.profile.registry("harbor.local").unwrap().server,
        "http://harbor.local"
    );
    let f = i.findings.iter().find(|f| f.code == "MS619").unwrap();
    assert!(f
        .message
        .en
        .contains("server = \"http://registry.test:5000\""));
    // The written file and the explainer use http, as containerd did.
    let file = rendered_hosts(&i.profile, "registry.test:5000");
    assert_eq!(file.server.as_deref(), Some("http://registry.test:5000"));
    assert_eq!(
        file.host.keys().collect::<Vec<_>>(),
        ["http://registry.test:5000"]
    );
    let r = crate::route::explain(
        &crate::plan::Plan::new(&i.profile),
        "registry.test:5000/a/b:1",
    )
    .unwrap();
    assert!(
        r.resolve
            .iter()
            .all(|q| q.url.starts_with("http://registry.test:5000/v2/a/b/")),
        "{:?}",
        r.resolve
    );
}

#[test]
fn the_standard_insecure_registry_hosts_toml_round_trips() {
    for text in [
        "server = \"http://registry.test:5000\"\n\n[host.\"http://registry.test:5000\"]\n  capabilities = [\"pull\", \"resolve\"]\n",
        "[host.\"http://registry.test:5000\"]\n  capabilities = [\"pull\", \"resolve\", \"push\"]\n",
        "server = \"http://registry.test:5000\"\n[host.\"http://registry.test:5000\"]\n",
    ] {
        for dir in ["registry.test:5000", "registry.test_5000_"] {
            let i = import(None, &hosts(dir, text), Some(ContainerdVersion::V1_7));
            let reg = i.profile.registry("registry.test:5000").unwrap();
            assert_eq!(reg.server, "http://registry.test:5000", "{text}");
            let file = rendered_hosts(&i.profile, "registry.test:5000");
            assert_eq!(file.server.as_deref(), Some("http://registry.test:5000"));
            let urls: Vec<_> = file.host.keys().collect();
            assert_eq!(urls, ["http://registry.test:5000"], "{text}");
            assert!(!i.findings.iter().any(|f| f.severity == Severity::Error));
        }
    }
    // The registry itself before a mirror is a host containerd tries first:
    // kept where it is, not folded into server.
    let text = "[host.\"http://registry.test:5000\"]\n[host.\"https://m.example.com\"]\n";
    let i = import(None, &hosts("registry.test:5000", text), None);
    let reg = i.profile.registry("registry.test:5000").unwrap();
    assert_eq!(reg.mirrors.len(), 2);
    assert_eq!(reg.server, "");
}

#[test]
fn loopback_upstreams_follow_one_rule() {
    // https on a loopback port is not what Mirrorsmith assumes (http, which
    // containerd's https-then-http fallback also reaches): kept as server.
    for (label, i) in [
        (
            "legacy",
            import(
                Some("version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"localhost:5000\"]\n  endpoint = [\"https://m.example.com\", \"https://localhost:5000\"]\n"),
                &[],
                Some(ContainerdVersion::V2_1),
            ),
        ),
        (
            "hosts.toml",
            import(
                None,
                &hosts(
                    "localhost:5000",
                    "[host.\"https://m.example.com\"]\n[host.\"https://localhost:5000\"]\n",
                ),
                Some(ContainerdVersion::V2_1),
            ),
        ),
    ] {
        let reg = i.profile.registry("localhost:5000").unwrap();
        assert_eq!(reg.server, "https://localhost:5000", "{label}");
        assert_eq!(reg.mirrors.len(), 1, "{label}");
        let file = rendered_hosts(&i.profile, "localhost:5000");
        assert_eq!(file.server.as_deref(), Some("https://localhost:5000"), "{label}");
    }
    // http on that port is what is assumed: nothing to keep, and the
    // written placeholder says http as before.
    let i = import(
        None,
        &hosts("localhost:5000", "[host.\"http://localhost:5000\"]\n"),
        Some(ContainerdVersion::V2_1),
    );
    let reg = i.profile.registry("localhost:5000").unwrap();
    assert_eq!((reg.server.as_str(), reg.mirrors.len()), ("", 0));
    let file = rendered_hosts(&i.profile, "localhost:5000");
    assert_eq!(file.server, None);
    assert_eq!(
        file.host.keys().collect::<Vec<_>>(),
        ["http://localhost:5000"]
    );
    // No port: containerd uses https, and so do the plan and the file.
    let p = crate::profile::Profile {
        containerd: Some(Default::default()),
        registries: vec![crate::profile::Registry::new("localhost")],
        ..Default::default()
    };
    let plan = crate::plan::Plan::new(&p);
    assert_eq!(
        plan.registries[0].upstream_root().as_deref(),
        Some("https://localhost/v2")
    );
    let file = rendered_hosts(&p, "localhost");
    assert_eq!(file.host.keys().collect::<Vec<_>>(), ["https://localhost"]);
    let r = crate::route::explain(&plan, "localhost/a:1").unwrap();
    assert_eq!(r.hosts.len(), 1, "{:?}", r.hosts);
    assert_eq!(r.resolve[0].url, "https://localhost/v2/a/manifests/1");
    // Imported back, https://localhost is the assumed upstream again.
    let text = crate::render::render(&p, &Default::default())
        .get("/etc/containerd/certs.d/localhost/hosts.toml")
        .unwrap()
        .content
        .clone();
    let i = import(None, &hosts("localhost", &text), None);
    assert_eq!(i.profile.registries, p.registries);
}

#[test]
fn one_comparison_says_what_an_endpoint_is() {
    let e = |reg: &str, url: &str| {
        endpoint(
            reg,
            &Url::parse(url, crate::plan::UrlRules::MIRROR).unwrap(),
        )
    };
    assert_eq!(
        e("docker.io", "https://registry-1.docker.io"),
        Endpoint::Upstream
    );
    assert_eq!(
        e("docker.io", "https://registry-1.docker.io/v2/"),
        Endpoint::Upstream
    );
    assert_eq!(e("docker.io", "https://docker.io"), Endpoint::Alias);
    assert_eq!(e("docker.io", "https://index.docker.io"), Endpoint::Alias);
    assert_eq!(
        e("docker.io", "http://registry-1.docker.io"),
        Endpoint::Alias
    );
    assert_eq!(e("docker.io", "https://m.example.com"), Endpoint::Mirror);
    assert_eq!(
        e("Registry.Test:5000", "https://registry.test:5000"),
        Endpoint::Upstream
    );
    assert_eq!(
        e("registry.test:5000", "http://registry.test:5000"),
        Endpoint::Server {
            url: "http://registry.test:5000".into(),
            assumed: "https://registry.test:5000".into()
        }
    );
    assert_eq!(
        e("localhost:5000", "http://localhost:5000"),
        Endpoint::Upstream
    );
    assert_eq!(e("localhost", "https://localhost"), Endpoint::Upstream);
    assert_eq!(e("_default", "https://m.example.com"), Endpoint::Mirror);
}

#[test]
fn the_registry_as_last_host_folds_only_with_the_servers_capabilities() {
    let reg = "registry.test:5000";
    let read = |text: &str| {
        let i = import(None, &hosts(reg, text), Some(ContainerdVersion::V2_1));
        i.profile.registry(reg).unwrap().clone()
    };
    let urls =
        |r: &crate::profile::Registry| r.mirrors.iter().map(|m| m.url.clone()).collect::<Vec<_>>();
    // Pulls reach the registry only through its host table: the root is
    // push-only. Dropping the table would leave no pull from it at all.
    let r = read("server = \"https://registry.test:5000\"\ncapabilities = [\"push\"]\n\n[host.\"https://m.example.com\"]\n  capabilities = [\"pull\", \"resolve\"]\n\n[host.\"https://registry.test:5000\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
    assert!(!r.fallback);
    assert_eq!(
        urls(&r),
        ["https://m.example.com", "https://registry.test:5000"]
    );
    assert_eq!(
        r.mirrors[1].capabilities,
        [Capability::Pull, Capability::Resolve]
    );
    let plan_profile = crate::profile::Profile {
        containerd: Some(Default::default()),
        registries: vec![r.clone()],
        ..Default::default()
    };
    let route = crate::route::explain(
        &crate::plan::Plan::new(&plan_profile),
        "registry.test:5000/a:1",
    )
    .unwrap();
    assert!(
        route
            .resolve
            .iter()
            .any(|q| q.url.starts_with("https://registry.test:5000/v2/")),
        "{:?}",
        route.resolve
    );
    // A pull-only table at another address than the default: folding it
    // into server would give that address resolve and push too.
    let r = read("[host.\"https://m.example.com\"]\n\n[host.\"http://registry.test:5000\"]\n  capabilities = [\"pull\"]\n");
    assert_eq!(r.server, "");
    assert_eq!(
        urls(&r),
        ["https://m.example.com", "http://registry.test:5000"]
    );
    assert_eq!(r.mirrors[1].capabilities, [Capability::Pull]);
    // With every capability it is the upstream at that address, as before.
    let r = read("[host.\"https://m.example.com\"]\n\n[host.\"http://registry.test:5000\"]\n");
    assert_eq!(r.server, "http://registry.test:5000");
    assert_eq!(urls(&r), ["https://m.example.com"]);
    // At the default address before an all-capable root, the same URL is
    // asked again right after for everything it would serve: left out.
    let r = read("[host.\"https://m.example.com\"]\n\n[host.\"https://registry.test:5000\"]\n  capabilities = [\"pull\"]\n");
    assert_eq!(
        (r.server.as_str(), urls(&r)),
        ("", vec!["https://m.example.com".to_string()])
    );
    // Root capabilities count only with a server line: without one,
    // containerd gives the registry every capability (hosts.go).
    let r = read("capabilities = [\"push\"]\n\n[host.\"https://m.example.com\"]\n");
    assert!(r.fallback);
}

#[test]
fn legacy_tls_for_a_plain_http_registry_adds_no_https_host() {
    let text = "[plugins.cri.registry.mirrors.\"registry.test:5000\"]\n  endpoint = [\"http://registry.test:5000\"]\n[plugins.cri.registry.configs.\"registry.test:5000\".tls]\n  insecure_skip_verify = true\n";
    let i = import(Some(text), &[], Some(ContainerdVersion::V1_6));
    let reg = i.profile.registry("registry.test:5000").unwrap();
    assert_eq!(reg.server, "http://registry.test:5000");
    assert!(reg.mirrors.is_empty(), "{:?}", reg.mirrors);
    assert!(i
        .findings
        .iter()
        .any(|f| f.code == "MS608" && f.message.en.contains("plain http")));
}

#[test]
fn wrong_types_in_config_toml_are_errors_and_not_data() {
    let cri = "plugins.\"io.containerd.grpc.v1.cri\"";
    let cases = [
        (
            "sandbox_image = 3",
            format!("{cri}.sandbox_image"),
            "[plugins.\"io.containerd.grpc.v1.cri\"]",
        ),
        (
            "SystemdCgroup = \"true\"",
            format!("{cri}.containerd.runtimes.runc.options.SystemdCgroup"),
            "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]",
        ),
        (
            "config_path = 5",
            format!("{cri}.registry.config_path"),
            "[plugins.\"io.containerd.grpc.v1.cri\".registry]",
        ),
        (
            "endpoint = \"https://m.example.com\"",
            format!("{cri}.registry.mirrors.\"docker.io\".endpoint"),
            "[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"docker.io\"]",
        ),
        (
            "insecure_skip_verify = \"yes\"",
            format!("{cri}.registry.configs.\"m.example.com\".tls.insecure_skip_verify"),
            "[plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"m.example.com\".tls]",
        ),
    ];
    for (line, at, table) in cases {
        let text = format!("version = 2\n{table}\n  {line}\n");
        let i = import(Some(&text), &[], Some(ContainerdVersion::V1_7));
        let f = i
            .findings
            .iter()
            .find(|f| f.code == "MS611")
            .unwrap_or_else(|| panic!("{line}: {:?}", i.findings));
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.location, format!("config.toml: {at}"), "{line}");
        assert!(f.message.en.contains("fails to start"), "{}", f.message.en);
        assert!(f.message.zh.contains("无法启动"));
        // Nothing of it became part of the profile.
        assert!(i.profile.registries.is_empty(), "{line}");
        assert_eq!(i.profile.sandbox_image, "");
        assert_eq!(i.profile.systemd_cgroup, None);
        assert_eq!(
            i.profile.containerd.as_ref().unwrap().config_path,
            crate::profile::DEFAULT_CONFIG_PATH
        );
    }
    let i = import(
        Some("version = \"2\"\n[plugins.\"io.containerd.grpc.v1.cri\".registry]\n  config_path = \"/etc/containerd/certs.d\"\n"),
        &[],
        None,
    );
    let f = i.findings.iter().find(|f| f.code == "MS611").unwrap();
    assert_eq!(f.location, "config.toml: version");
    assert!(
        !codes(&i).contains(&"MS602"),
        "not the misleading \"no version header\""
    );
    assert!(f.fix.en.contains("version = 2"));
    // Patching writes the number, as the finding says.
    let p = patch("version = \"2\"\n[plugins.\"io.containerd.grpc.v1.cri\".registry]\n  config_path = \"/etc/containerd/certs.d\"\n", &i.profile).unwrap();
    assert!(p.text.starts_with("version = 2\n"), "{}", p.text);
    assert!(!p.text.contains("plugins.cri"), "{}", p.text);
}

#[test]
fn wrong_types_in_hosts_toml_say_the_whole_file_is_ignored() {
    for line in [
        "skip_verify = \"yes\"",
        "capabilities = \"pull\"",
        "header = \"x\"",
        "capabilities = [1]",
    ] {
        let text = format!("[host.\"https://m.example.com\"]\n{line}\n");
        let i = import(None, &hosts("docker.io", &text), None);
        let f = i
            .findings
            .iter()
            .find(|f| f.code == "MS611")
            .unwrap_or_else(|| panic!("{line}: {:?}", i.findings));
        assert!(
            f.message.en.contains("ignores the whole file"),
            "{}",
            f.message.en
        );
        assert!(f.message.zh.contains("忽略整个文件"));
        assert!(f.location.contains("[host.\"https://m.example.com\"]"));
        let m = &i.profile.registry("docker.io").unwrap().mirrors[0];
        assert!(!m.skip_verify);
        assert_eq!(m.capabilities, crate::profile::DEFAULT_CAPABILITIES);
    }
}

#[test]
fn wrong_types_and_missing_schemes_read_alike_in_both_files() {
    let hosts_text =
        "[host.\"m.example.com\"]\n  skip_verify = \"yes\"\n  capabilities = [\"pull\", 1, 2]\n";
    let h = import(None, &hosts("docker.io", hosts_text), None);
    let config_text = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\n  sandbox_image = 3\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"docker.io\"]\n  endpoint = [\"m.example.com\"]\n";
    let c = import(Some(config_text), &[], Some(ContainerdVersion::V1_7));
    let ms611 = |i: &Imported| -> Vec<ImportFinding> {
        i.findings
            .iter()
            .filter(|f| f.code == "MS611")
            .cloned()
            .collect()
    };
    let (h611, c611) = (ms611(&h), ms611(&c));
    assert_eq!(h611.len(), 2, "one finding per key: {h611:?}");
    // Import reads capabilities first, then skip_verify.
    assert!(h611[1]
        .message
        .en
        .starts_with("skip_verify = \"yes\" is a string, but containerd expects true or false: "));
    assert!(h611[1]
        .message
        .zh
        .starts_with("skip_verify = \"yes\" 是字符串，但 containerd 需要true 或 false："));
    assert!(h611[0]
        .message
        .en
        .contains("is an array of other values than strings"));
    assert!(c611[0]
        .message
        .en
        .starts_with("sandbox_image = 3 is an integer, but containerd expects a string: "));
    assert!(c611[0]
        .message
        .zh
        .starts_with("sandbox_image = 3 是整数，但 containerd 需要字符串："));
    let ms617 = |i: &Imported| {
        i.findings
            .iter()
            .find(|f| f.code == "MS617")
            .unwrap()
            .clone()
    };
    assert_eq!(
        ms617(&h).message.en,
        "Host m.example.com has no scheme: containerd assumes https."
    );
    assert_eq!(
        ms617(&c).message.en,
        "Endpoint m.example.com has no scheme: containerd assumes https."
    );
    assert_eq!(ms617(&h).fix, ms617(&c).fix);
}

#[test]
fn root_settings_a_profile_cannot_hold_are_said() {
    let text = "server = \"https://registry.test:5000\"\nca = \"/etc/ssl/private-ca.pem\"\nskip_verify = false\n\n[header]\n  Authorization = \"Basic x\"\n\n[host.\"https://m.example.com\"]\n";
    let i = import(None, &hosts("registry.test:5000", text), None);
    let f = i.findings.iter().find(|f| f.code == "MS625").unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.location, "certs.d/registry.test:5000/hosts.toml");
    assert!(
        f.message.en.contains("skip_verify, ca, header"),
        "{}",
        f.message.en
    );
    assert!(f.message.zh.contains("skip_verify, ca, header"));
    assert!(f.fix.en.contains("last mirror"));
    assert!(!codes(&i).contains(&"MS626"));
    // A plain root says nothing.
    let i = import(
        None,
        &hosts("registry.test:5000", "[host.\"https://m.example.com\"]\n"),
        None,
    );
    assert!(!codes(&i).contains(&"MS625"));
    // Root capabilities without server: containerd ignores them.
    let i = import(
        None,
        &hosts(
            "registry.test:5000",
            "capabilities = [\"push\"]\n[host.\"https://m.example.com\"]\n",
        ),
        None,
    );
    let f = i.findings.iter().find(|f| f.code == "MS626").unwrap();
    assert!(f.message.en.contains("no effect") && f.message.zh.contains("不起作用"));
}

#[test]
fn capabilities_are_case_insensitive_like_containerd() {
    let text = "[host.\"https://m.example.com\"]\n  capabilities = [\"Pull\", \"RESOLVE\"]\n";
    let i = import(None, &hosts("docker.io", text), None);
    assert!(!codes(&i).contains(&"MS610"), "{:?}", i.findings);
    assert_eq!(
        i.profile.registry("docker.io").unwrap().mirrors[0].capabilities,
        [Capability::Pull, Capability::Resolve]
    );
    // Unknown names only: the default stays, never [] (which means push too).
    let text = "[host.\"https://m.example.com\"]\n  capabilities = [\"pul\"]\n";
    let i = import(None, &hosts("docker.io", text), None);
    assert!(codes(&i).contains(&"MS610"));
    assert_eq!(
        i.profile.registry("docker.io").unwrap().mirrors[0].capabilities,
        crate::profile::DEFAULT_CAPABILITIES
    );
}

#[test]
fn a_headerless_file_with_v2_keys_is_patched_as_version_2() {
    let i = import(Some(SEED_002_LIBRARY), &[], Some(ContainerdVersion::V1_6));
    let f = i.findings.iter().find(|f| f.code == "MS602").unwrap();
    assert!(f.fix.en.contains("Add version = 2") && f.fix.en.contains("The patched file does"));
    let p = patch(SEED_002_LIBRARY, &i.profile).unwrap();
    assert_eq!(p.config_version, 2);
    let doc = toml_edit::DocumentMut::from_str(&p.text).unwrap();
    assert_eq!(doc["version"].as_integer(), Some(2));
    let reg = &doc["plugins"]["io.containerd.grpc.v1.cri"]["registry"];
    assert_eq!(reg["config_path"].as_str(), Some("/etc/containerd/certs.d"));
    assert!(reg.get("mirrors").is_none(), "{}", p.text);
    assert!(doc["plugins"].get("cri").is_none(), "{}", p.text);
    // What import reads from the patched file is what it read before.
    let again = import(Some(&p.text), &[], Some(ContainerdVersion::V1_6));
    assert!(!codes(&again).contains(&"MS602"));
    assert!(!codes(&again).contains(&"MS605"));
}

#[test]
fn a_headerless_file_with_v3_keys_is_a_2x_file() {
    // A 2.x user who forgot `version = 3`: the keys exist only on 2.x.
    let text = "[plugins.\"io.containerd.cri.v1.images\".registry.mirrors.\"docker.io\"]\n  endpoint = [\"https://m.example.com\"]\n";
    let i = import(Some(text), &[], None);
    let version = i.profile.containerd.as_ref().unwrap().version;
    assert!(version >= ContainerdVersion::V2_0, "{version:?}");
    assert_eq!(
        i.profile.registry("docker.io").unwrap().mirrors[0].url,
        "https://m.example.com"
    );
    let p = patch(text, &i.profile).unwrap();
    assert_eq!(p.config_version, 3);
    let doc = toml_edit::DocumentMut::from_str(&p.text).unwrap();
    assert_eq!(doc["version"].as_integer(), Some(3), "{}", p.text);
    let reg = &doc["plugins"]["io.containerd.cri.v1.images"]["registry"];
    assert_eq!(reg["config_path"].as_str(), Some("/etc/containerd/certs.d"));
    assert!(reg.get("mirrors").is_none(), "{}", p.text);
    assert!(
        doc["plugins"].get("io.containerd.grpc.v1.cri").is_none(),
        "{}",
        p.text
    );
    let f = i.findings.iter().find(|f| f.code == "MS602").unwrap();
    assert!(f.fix.en.contains("Add version = 3"), "{}", f.fix.en);
}

#[test]
fn an_explicit_header_stays_and_mirrors_go_from_every_table() {
    // version = 2 with v3 keys: config_path goes under the header's keys,
    // the v3 mirrors (dead now, live after a header fix) are removed.
    let text = "version = 2\n[plugins.\"io.containerd.cri.v1.images\".registry.mirrors.\"docker.io\"]\n  endpoint = [\"https://m.example.com\"]\n";
    let i = import(Some(text), &[], Some(ContainerdVersion::V2_1));
    let f = i.findings.iter().find(|f| f.code == "MS602").unwrap();
    assert!(
        f.fix.en.contains("writes config_path for version 2"),
        "{}",
        f.fix.en
    );
    let p = patch(text, &i.profile).unwrap();
    assert_eq!(p.config_version, 2);
    assert!(!p.text.contains("mirrors"), "{}", p.text);
    assert!(
        p.text
            .contains("[plugins.\"io.containerd.grpc.v1.cri\".registry]"),
        "{}",
        p.text
    );
}

#[test]
fn patch_removes_only_the_mirrors_import_migrated() {
    // No version line: containerd reads the `cri` mirrors now; the keys
    // mean version 2, whose mirrors import reads and the patch migrates.
    let text = "[plugins.cri.registry.mirrors.\"docker.io\"]\n  endpoint = [\"https://live.example.com\"]\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"quay.io\"]\n  endpoint = [\"https://meant.example.com\"]\n";
    let i = import(Some(text), &[], Some(ContainerdVersion::V1_7));
    assert!(i.profile.registry("docker.io").is_none());
    assert_eq!(
        i.profile.registry("quay.io").unwrap().mirrors[0].url,
        "https://meant.example.com"
    );
    let f = i.findings.iter().find(|f| f.code == "MS602").unwrap();
    assert!(
        f.fix.en.contains("plugins.cri.registry.mirrors")
            && f.fix.en.contains("not imported")
            && f.fix.en.contains("leaves them as they are"),
        "{}",
        f.fix.en
    );
    assert!(f.fix.zh.contains("plugins.cri.registry.mirrors"));
    let p = patch(text, &i.profile).unwrap();
    assert_eq!(p.config_version, 2);
    let doc = toml_edit::DocumentMut::from_str(&p.text).unwrap();
    assert_eq!(
        doc["plugins"]["cri"]["registry"]["mirrors"]["docker.io"]["endpoint"][0].as_str(),
        Some("https://live.example.com"),
        "{}",
        p.text
    );
    let v2 = &doc["plugins"]["io.containerd.grpc.v1.cri"]["registry"];
    assert!(v2.get("mirrors").is_none(), "{}", p.text);
    assert!(
        !p.changes.iter().any(|c| c.key.contains("plugins.cri.")),
        "{:?}",
        p.changes
    );

    // version = 2 over v3 keys: the v3 mirrors (meant) and the v2 ones
    // (beside the patched config_path) are both read, and both go.
    let text = "version = 2\n[plugins.\"io.containerd.cri.v1.images\".registry.mirrors.\"quay.io\"]\n  endpoint = [\"https://meant.example.com\"]\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"docker.io\"]\n  endpoint = [\"https://live.example.com\"]\n";
    let i = import(Some(text), &[], Some(ContainerdVersion::V2_1));
    assert!(i.profile.registry("quay.io").is_some());
    assert!(i.profile.registry("docker.io").is_some());
    let p = patch(text, &i.profile).unwrap();
    assert!(!p.text.contains("mirrors"), "{}", p.text);
}

#[test]
fn the_real_2_2_default_imports_with_one_warning() {
    let text = default_config(ContainerdVersion::V2_2);
    assert!(text.contains("config_path = '/etc/containerd/certs.d:/etc/docker/certs.d'"));
    let i = import(Some(text), &[], None);
    let f: Vec<_> = i
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].code, f[0].severity), ("MS623", Severity::Warning));
    assert!(f[0].message.en.contains("containerd#12415"));
    assert!(f[0].fix.en.contains("one directory"));
    // Any other list is still the user's error.
    let other = text.replace("/etc/docker/certs.d", "/srv/certs.d");
    assert!(codes(&import(Some(&other), &[], None)).contains(&"MS614"));
    let p = patch(text, &i.profile).unwrap();
    assert!(
        p.text.contains("config_path = '/etc/containerd/certs.d'\n"),
        "{}",
        p.diff
    );
    assert!(!p.text.contains("/etc/docker/certs.d"));
}

#[test]
fn stock_defaults_are_not_a_kubernetes_choice() {
    for v in ContainerdVersion::ALL {
        let i = import(Some(default_config(v)), &[], None);
        assert_eq!(i.profile.systemd_cgroup, None, "{v:?}");
        assert!(!i.profile.kubernetes, "{v:?}");
    }
    let on = default_config(ContainerdVersion::V2_1)
        .replace("SystemdCgroup = false", "SystemdCgroup = true");
    let i = import(Some(&on), &[], None);
    assert_eq!(i.profile.systemd_cgroup, Some(true));
    assert!(i.profile.kubernetes);
}

#[test]
fn patched_lines_look_like_the_file() {
    // Seed 003 indents its tables; the inserted key is indented like them.
    let i = import(Some(SEED_003), &[], None);
    let p = patch(SEED_003, &i.profile).unwrap();
    assert!(
        p.diff
            .contains("\n+      config_path = \"/etc/containerd/certs.d\"\n"),
        "{}",
        p.diff
    );
    // 2.x defaults use 'literal' strings: so do the patched values.
    for v in [
        ContainerdVersion::V2_0,
        ContainerdVersion::V2_1,
        ContainerdVersion::V2_2,
    ] {
        let mut profile = import(Some(default_config(v)), &[], None).profile;
        profile.sandbox_image = "k8s.m.daocloud.io/pause:3.10".into();
        let p = patch(default_config(v), &profile).unwrap();
        for line in p
            .diff
            .lines()
            .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        {
            assert!(!line.contains('"'), "{v:?}: {line}");
        }
        assert!(
            p.text
                .contains("      sandbox = 'k8s.m.daocloud.io/pause:3.10'\n"),
            "{v:?}"
        );
        let again = patch(&p.text, &profile).unwrap();
        assert_eq!(again.text, p.text);
        assert!(again.changes.is_empty(), "{v:?}: {:?}", again.changes);
    }
}

#[test]
fn an_equal_value_in_other_quotes_is_left_alone() {
    // Mostly "double" quotes, but config_path already right in 'single' ones.
    let text = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\n  sandbox_image = \"registry.k8s.io/pause:3.8\"\n[plugins.\"io.containerd.grpc.v1.cri\".registry]\n  config_path = '/etc/containerd/certs.d' # ours\n";
    let i = import(Some(text), &[], Some(ContainerdVersion::V1_7));
    let p = patch(text, &i.profile).unwrap();
    assert_eq!(p.text, text);
    assert_eq!(p.diff, "");
    assert!(p.changes.is_empty(), "{:?}", p.changes);
}

#[test]
fn change_keys_are_quoted_like_findings() {
    let text = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"docker.io\"]\n  endpoint = [\"https://m.example.com\"]\n";
    let i = import(Some(text), &[], Some(ContainerdVersion::V1_7));
    let p = patch(text, &i.profile).unwrap();
    let keys: Vec<&str> = p.changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors",
            "plugins.\"io.containerd.grpc.v1.cri\".registry.config_path",
        ]
    );
    // The same path import's findings use.
    let at = key_path(&[
        "plugins",
        "io.containerd.grpc.v1.cri",
        "registry",
        "mirrors",
    ]);
    assert_eq!(keys[0], at);
}

#[test]
fn versions_beyond_3_are_reported_not_written() {
    let v2_keys = "[plugins.\"io.containerd.grpc.v1.cri\".registry]\n  config_path = \"/etc/containerd/certs.d\"\n";
    // A string spelling no config version: the keys' version is written.
    let text = format!("version = \"4\"\n{v2_keys}");
    let i = import(Some(&text), &[], Some(ContainerdVersion::V1_7));
    let f = i.findings.iter().find(|f| f.code == "MS611").unwrap();
    assert!(!f.fix.en.contains("version = 4"), "{}", f.fix.en);
    assert!(
        f.fix.en.contains("the patched file says version = 2"),
        "{}",
        f.fix.en
    );
    let p = patch(&text, &i.profile).unwrap();
    assert!(p.text.starts_with("version = 2\n"), "{}", p.text);
    assert_eq!(p.config_version, 2);
    let c = p.changes.iter().find(|c| c.key == "version").unwrap();
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref()),
        (Some("\"4\""), Some("2"))
    );
    // A number out of range: reported, and patching says why it cannot.
    let text = format!("version = 4\n{v2_keys}");
    let i = import(Some(&text), &[], Some(ContainerdVersion::V1_7));
    let f = i.findings.iter().find(|f| f.code == "MS624").unwrap();
    assert_eq!(
        (f.severity, f.location.as_str()),
        (Severity::Error, "config.toml: version")
    );
    let e = patch(&text, &i.profile).unwrap_err();
    assert!(
        e.en.contains("version = 4") && e.zh.contains("version = 4"),
        "{}",
        e.en
    );
}

#[test]
fn strings_a_literal_cannot_hold_keep_basic_quotes() {
    let base = default_config(ContainerdVersion::V2_1);
    for (path, literal) in [
        ("/etc/containerd/it's", false),
        ("/etc/containerd/a\"b", true),
        ("/etc/containerd/certs.d", true),
    ] {
        let mut profile = import(Some(base), &[], None).profile;
        profile.containerd.as_mut().unwrap().config_path = path.into();
        let p = patch(base, &profile).unwrap();
        let doc = toml_edit::DocumentMut::from_str(&p.text).unwrap();
        let got = doc["plugins"]["io.containerd.cri.v1.images"]["registry"]["config_path"]
            .as_value()
            .unwrap();
        assert_eq!(got.as_str(), Some(path), "{}", p.text);
        let raw = got.clone().decorated("", "").to_string();
        assert_eq!(raw.starts_with('\''), literal, "{raw}");
    }
}

#[test]
fn a_base_that_cannot_be_patched_is_never_replaced_silently() {
    let i = import(Some(SEED_003), &[], None);
    let plan = crate::plan::Plan::new(&i.profile);
    let options = |base: &str| crate::render::RenderOptions {
        base_config: Some(base.to_string()),
        ..Default::default()
    };
    let bad = "version = 4\n";
    let why = crate::render::try_render_plan(&plan, &options(bad)).unwrap_err();
    assert!(why.en.contains("version = 4"), "{}", why.en);
    // The app's infallible render says it in the file's own description.
    let tree = crate::render::render_plan(&plan, &options(bad));
    let f = tree.get("/etc/containerd/config.toml").unwrap();
    assert!(f.about.en.contains("could not be patched") && f.about.en.contains("version = 4"));
    assert!(f.about.zh.contains("无法打补丁"));
    let ok = crate::render::try_render_plan(&plan, &options(SEED_003)).unwrap();
    let f = ok.get("/etc/containerd/config.toml").unwrap();
    assert!(f.about.en.starts_with("Your config.toml, with only"));
}

#[test]
fn checks_after_an_import_do_not_say_the_file_is_replaced() {
    let i = import(Some(SEED_003), &[], None);
    let plan = crate::plan::Plan::new(&i.profile);
    assert!(crate::check::check_plan(&plan)
        .iter()
        .any(|f| f.code == "MS103"));
    assert!(!checks_for_patch(&plan).iter().any(|f| f.code == "MS103"));
    // The rule decides by the context; every other finding is the same.
    let mut all = crate::check::check_plan(&plan);
    all.retain(|f| f.code != "MS103");
    assert_eq!(checks_for_patch(&plan), all);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn registry_name() -> impl Strategy<Value = String> {
        (
            prop_oneof![
                "[a-z][a-z0-9]{0,8}(\\.[a-z]{2,5}){1,2}",
                "10\\.[1-9][0-9]?\\.[1-9][0-9]?\\.[1-9][0-9]?"
            ],
            proptest::option::of(1u16..65535),
        )
            .prop_map(|(h, p)| match p {
                Some(p) => format!("{h}:{p}"),
                None => h,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// The registry listed as its own endpoint keeps its scheme and
        /// port through import, the written hosts.toml and the explainer.
        #[test]
        fn own_endpoint_keeps_scheme(
            name in registry_name(),
            http in any::<bool>(),
            before in 0usize..3,
            after in 0usize..3,
        ) {
            prop_assume!(crate::catalog::catalog().registry(&name).is_none());
            let scheme = if http { "http" } else { "https" };
            let own = format!("{scheme}://{name}");
            let mut endpoints: Vec<String> = (0..before).map(|i| format!("https://a{i}.mirror.example")).collect();
            endpoints.push(own.clone());
            endpoints.extend((0..after).map(|i| format!("https://b{i}.mirror.example")));
            let list = endpoints.iter().map(|e| format!("\"{e}\"")).collect::<Vec<_>>().join(", ");
            let text = format!("version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"{name}\"]\n  endpoint = [{list}]\n");
            let i = import(Some(&text), &[], Some(ContainerdVersion::V1_7));
            prop_assert!(i.findings.iter().all(|f| f.severity != Severity::Error), "{:?}", i.findings);
            prop_assert_eq!(codes(&i).contains(&"MS622"), after > 0);
            let reg = i.profile.registry(&name).unwrap();
            prop_assert_eq!(reg.mirrors.len(), before + after);
            let file = rendered_hosts(&i.profile, &name);
            let upstream = file.server.clone().unwrap_or_else(|| format!("https://{name}"));
            prop_assert_eq!(&upstream, &own);
            let image = format!("{name}/team/app:1");
            let r = crate::route::explain(&crate::plan::Plan::new(&i.profile), &image).unwrap();
            let last = r.hosts.last().unwrap();
            prop_assert_eq!(&last.api_root, &format!("{own}/v2"));
        }

        /// Any key of the wrong type is one located MS611 error, and its
        /// value never reaches the profile.
        #[test]
        fn any_wrong_type_is_located(
            which in 0usize..6,
            value in prop_oneof![
                any::<i32>().prop_map(|n| n.to_string()),
                "[a-z ]{0,12}".prop_map(|s| format!("\"{s}\"")),
                any::<bool>().prop_map(|b| b.to_string()),
                Just("{ a = 1 }".to_string()),
                Just("[1, 2]".to_string()),
            ],
        ) {
            let cri = "[plugins.\"io.containerd.grpc.v1.cri\"";
            let keys = [
                (format!("{cri}]"), "sandbox_image", "string"),
                (format!("{cri}.containerd.runtimes.runc.options]"), "SystemdCgroup", "bool"),
                (format!("{cri}.registry]"), "config_path", "string"),
                (format!("{cri}.registry.mirrors.\"docker.io\"]"), "endpoint", "array"),
                (format!("{cri}.registry.configs.\"m.example.com\".tls]"), "insecure_skip_verify", "bool"),
                (format!("{cri}.registry.configs.\"m.example.com\".tls]"), "ca_file", "string"),
            ];
            let (table, key, kind) = &keys[which];
            let right = match *kind {
                "string" => value.starts_with('"'),
                "bool" => value == "true" || value == "false",
                _ => false,
            };
            prop_assume!(!right);
            let text = format!("version = 2\n{table}\n  {key} = {value}\n");
            let i = import(Some(&text), &[], Some(ContainerdVersion::V1_7));
            let wrong: Vec<_> = i.findings.iter().filter(|f| f.code == "MS611").collect();
            prop_assert_eq!(wrong.len(), 1, "{:?}", i.findings);
            prop_assert!(wrong[0].location.ends_with(&format!(".{key}")), "{}", wrong[0].location);
            prop_assert!(i.profile.registries.is_empty());
            prop_assert_eq!(i.profile.systemd_cgroup, None);
            prop_assert_eq!(&i.profile.sandbox_image, "");
        }

        /// containerd lowercases capabilities: any casing is the same one.
        #[test]
        fn capability_case_does_not_matter(caps in proptest::collection::vec((0usize..3, any::<u8>()), 1..4)) {
            let names = ["pull", "resolve", "push"];
            let written: Vec<String> = caps
                .iter()
                .map(|(i, mask)| {
                    names[*i]
                        .chars()
                        .enumerate()
                        .map(|(k, c)| if mask >> (k % 8) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                        .collect()
                })
                .collect();
            let list = written.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
            let text = format!("[host.\"https://m.example.com\"]\n  capabilities = [{list}]\n");
            let i = import(None, &hosts("docker.io", &text), None);
            prop_assert!(!codes(&i).contains(&"MS610"));
            let got = &i.profile.registry("docker.io").unwrap().mirrors[0].capabilities;
            let want: Vec<Capability> = caps.iter().map(|(i, _)| Capability::ALL[*i]).collect();
            prop_assert_eq!(got, &want);
        }

        /// Whatever the version line and the keys' version, patching never
        /// leaves legacy mirrors beside config_path, writes config_path where
        /// the patched file's version reads it, and is idempotent.
        #[test]
        fn patch_never_leaves_mirrors(
            header in prop_oneof![Just(""), Just("version = 2\n"), Just("version = 3\n"), Just("version = \"2\"\n")],
            keys_for in 1i64..=3,
            target in proptest::sample::select(ContainerdVersion::ALL.to_vec()),
        ) {
            let reg = crate::render::containerd_config::keys(keys_for).registry;
            let table = key_path(&reg);
            let text = format!("{header}[{table}.mirrors.\"docker.io\"]\n  endpoint = [\"https://m.example.com\"]\n");
            let i = import(Some(&text), &[], Some(target));
            let p = patch(&text, &i.profile).unwrap();
            let doc = toml_edit::DocumentMut::from_str(&p.text).unwrap();
            for v in 1..=3 {
                let r = crate::render::containerd_config::keys(v).registry;
                let mut t: Option<&toml_edit::Item> = Some(doc.as_item());
                for k in &r {
                    t = t.and_then(|x| x.get(k));
                }
                prop_assert!(t.and_then(|t| t.get("mirrors")).is_none(), "{}", p.text);
                if v == p.config_version.min(3) {
                    prop_assert!(t.and_then(|t| t.get("config_path")).is_some(), "{}", p.text);
                }
            }
            if p.config_version >= 2 {
                prop_assert_eq!(doc["version"].as_integer(), Some(p.config_version));
            }
            let again = patch(&p.text, &i.profile).unwrap();
            prop_assert_eq!(&again.text, &p.text);
        }

        /// Nothing panics on arbitrary text, as config.toml or hosts.toml.
        #[test]
        fn arbitrary_text_never_panics(text in any::<String>(), dir in "[a-z_:.0-9]{0,12}") {
            let _ = import(Some(&text), &hosts(&dir, &text), None);
            let _ = patch(&text, &crate::profile::Profile::default());
        }

        /// Nor on TOML that has the right keys with arbitrary values.
        #[test]
        fn arbitrary_values_never_panic(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["version", "sandbox_image", "config_path", "endpoint", "capabilities", "server", "skip_verify", "ca", "client", "header", "mirrors", "configs"]),
                    prop_oneof![Just("1".to_string()), Just("\"x\"".to_string()), Just("[]".to_string()), Just("[[\"a\"]]".to_string()), Just("{}".to_string()), Just("true".to_string()), "\"[ -~]{0,10}\"".prop_map(String::from)],
                ),
                0..6,
            ),
            tables in proptest::sample::subsequence(vec![
                "[plugins.\"io.containerd.grpc.v1.cri\".registry]",
                "[plugins.\"io.containerd.grpc.v1.cri\".registry.mirrors.\"docker.io\"]",
                "[plugins.cri.registry.configs.\"x\".tls]",
                "[host.\"https://m.example.com\"]",
                "[plugins.\"io.containerd.cri.v1.images\".registry]",
            ], 0..5),
        ) {
            let mut text = String::new();
            for (n, t) in tables.iter().enumerate() {
                text.push_str(t);
                text.push('\n');
                if let Some((k, v)) = lines.get(n) {
                    text.push_str(&format!("{k} = {v}\n"));
                }
            }
            if let Ok(t) = text.parse::<toml_edit::DocumentMut>() {
                let t = t.to_string();
                let _ = import(Some(&t), &hosts("docker.io", &t), None);
                let _ = patch(&t, &crate::profile::Profile::default());
            }
        }
    }
}
