//! Property tests over random profiles, hostile strings included: nothing
//! panics, every output parses back in its own format, and the installer
//! puts the generated files on disk (whole files byte for byte, marked
//! blocks and merged JSON as such), idempotently.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use mirrorsmith::check::{check_plan, Severity};
use mirrorsmith::plan::{Field, MirrorField, NoProxyEntry, Plan, Url, UrlRules};
use mirrorsmith::profile::*;
use mirrorsmith::render::{
    hosts_file, render_plan, FileTree, HostsFile, Install, Language, RenderOptions,
};
use mirrorsmith::share;
use proptest::prelude::*;

const HOSTILE: &[&str] = &[
    "'",
    "\"",
    "$(id)",
    "`id`",
    "\\",
    "\n",
    "\r",
    "%",
    "%%",
    "%n",
    "MIRRORSMITH_EOF",
    "EOF",
    "]]",
    "[host.\"x\"]",
    "#",
    " ",
    "\t",
    "\u{0}",
    "镜像",
    "${HOME}",
    ";",
    "&&",
    "|",
    "'''",
    "\"\"\"",
    "\u{1b}",
    "\u{7f}",
    "/",
    ":",
    "@",
    "=",
    ",",
    "*",
    "~",
];

/// Hostile too (`hostile()` draws from both lists): line breaks to libyaml
/// and go-yaml, invisible or reordering text. Each one alone, mid-value, is
/// an error (`invisible_characters_are_located_errors`).
const INVISIBLE: &[&str] = &[
    "\u{2028}", "\u{2029}", "\u{85}", "\u{feff}", "\u{202e}", "\u{202a}", "\u{2066}", "\u{2069}",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select([HOSTILE, INVISIBLE].concat()), 1..4)
        .prop_map(|v| v.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9.-]{0,12}",
        2 => hostile(),
        1 => any::<String>().prop_map(|s| s.chars().take(24).collect()),
    ]
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "docker.io", "registry.k8s.io", "ghcr.io", "quay.io", "_default",
            "registry.test:5000", "10.0.0.5:5000", "[::1]:5000", "localhost:5000", "k8s.gcr.io",
        ]).prop_map(str::to_string),
        1 => text(),
        1 => (text(), hostile()).prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "(https|http)://[a-z]{1,8}\\.(test|example|internal)(:[0-9]{1,5})?(/[a-z0-9%]{1,5}){0,2}/?",
        1 => prop::sample::select(vec![
            "https://docker.m.daocloud.io", "https://m.daocloud.io/v2/docker.io", "http://127.0.0.1:65001",
            "https://docker.io", "https://harbor.example.com/v2/proj", "http://[fd00::1]:5000",
        ]).prop_map(str::to_string),
        2 => (prop::sample::select(vec!["https://", "http://", ""]), text()).prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

fn proxy_url() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        3 => "(http|https|socks5)://([a-z]{1,5}(:[a-zA-Z0-9%$!'*]{1,6})?@)?[a-z]{1,8}\\.example:[0-9]{2,4}",
        1 => prop::sample::select(vec!["http://127.0.0.1:3128", "proxy:3128", "http://u:p@ss@proxy:1"]).prop_map(str::to_string),
        1 => text(),
    ]
}

fn mirror() -> impl Strategy<Value = Mirror> {
    (
        url(),
        prop::sample::select(vec![
            "",
            "daocloud",
            "harbor",
            "custom",
            "dragonfly",
            "nope",
        ]),
        prop::sample::subsequence(Capability::ALL.to_vec(), 0..=4),
        any::<bool>(),
        prop::collection::vec(text(), 0..2),
        prop::collection::vec(
            (text(), text()).prop_map(|(cert, key)| ClientCert { cert, key }),
            0..2,
        ),
        prop::collection::vec(
            (prop_oneof![3 => "[A-Za-z-]{1,10}", 1 => text()], text())
                .prop_map(|(name, value)| Header { name, value }),
            0..3,
        ),
        any::<bool>(),
        prop_oneof![3 => Just(String::new()), 1 => Just("3s".to_string()), 1 => text()],
    )
        .prop_map(
            |(
                url,
                provider,
                capabilities,
                skip_verify,
                ca,
                client,
                headers,
                override_path,
                dial_timeout,
            )| Mirror {
                url,
                provider: provider.to_string(),
                capabilities,
                skip_verify,
                ca,
                client,
                headers,
                override_path,
                dial_timeout,
            },
        )
}

fn registry() -> impl Strategy<Value = Registry> {
    (
        host(),
        prop::collection::vec(mirror(), 0..4),
        any::<bool>(),
        prop_oneof![3 => Just(String::new()), 1 => url()],
    )
        .prop_map(|(host, mirrors, fallback, server)| Registry {
            host,
            mirrors,
            fallback,
            server,
        })
}

fn profile() -> impl Strategy<Value = Profile> {
    let targets = (
        prop::option::of((
            prop::sample::select(ContainerdVersion::ALL.to_vec()),
            prop::sample::select(ConfigStyle::ALL.to_vec()),
            prop_oneof![4 => Just(DEFAULT_CONFIG_PATH.to_string()), 1 => text()],
        )),
        prop::option::of((any::<bool>(), any::<bool>())),
        prop::option::of((
            any::<bool>(),
            prop_oneof![3 => Just("default".to_string()), 1 => text()],
        )),
        any::<bool>(),
        any::<bool>(),
    );
    let proxy = (
        proxy_url(),
        proxy_url(),
        prop::sample::subsequence(
            vec![
                "loopback",
                "cluster-domains",
                "kubeadm-services",
                "private-ranges",
                "k3s",
                "bogus",
            ],
            0..=3,
        ),
        prop::collection::vec(
            prop_oneof![2 => "\\.?[a-z]{1,6}\\.(svc|test|local)", 1 => "10\\.[0-9]{1,3}\\.0\\.0/[0-9]{1,2}", 1 => text()],
            0..4,
        ),
        any::<bool>(),
        any::<bool>(),
    );
    (
        targets,
        prop::collection::vec(registry(), 0..4),
        proxy,
        prop_oneof![3 => Just(String::new()), 1 => Just("registry.k8s.io/pause:3.10".to_string()), 1 => text()],
        prop::option::of(any::<bool>()),
        text(),
    )
        .prop_map(|((c, d, o, host_environment, kubernetes), registries, (http, https, presets, no_proxy, mirrors_bypass, k3s), sandbox_image, systemd_cgroup, name)| Profile {
            name,
            containerd: c.map(|(version, config, config_path)| ContainerdTarget { version, config, config_path }),
            docker: d.map(|(old, client_proxy)| DockerTarget { engine: if old { DockerEngine::Before23 } else { DockerEngine::From23 }, client_proxy }),
            colima: o.map(|(ctr, profile)| ColimaTarget { runtime: if ctr { ColimaRuntime::Containerd } else { ColimaRuntime::Docker }, profile }),
            host_environment,
            kubernetes,
            registries,
            proxy: Proxy { http, https, presets: presets.into_iter().map(str::to_string).collect(), no_proxy, mirrors_bypass, k3s },
            sandbox_image,
            systemd_cgroup,
        })
}

/// systemd's reading of `Environment="K=V"`: C escapes inside the quotes, `%%` -> `%`.
fn systemd_unquote(line: &str) -> (String, String) {
    let inner = line
        .strip_prefix("Environment=\"")
        .and_then(|l| l.strip_suffix('"'))
        .expect("quoted assignment");
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => panic!("dangling backslash"),
            },
            '%' => {
                assert_eq!(chars.next(), Some('%'), "lone % is a specifier");
                out.push('%');
            }
            '"' => panic!("unescaped quote in {line}"),
            c => out.push(c),
        }
    }
    let (k, v) = out.split_once('=').unwrap();
    (k.to_string(), v.to_string())
}

fn expected_proxy_env(plan: &Plan) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    if let Some(u) = &plan.proxy.http {
        m.insert("HTTP_PROXY".into(), u.to_string());
    }
    if let Some(u) = &plan.proxy.https {
        m.insert("HTTPS_PROXY".into(), u.to_string());
    }
    if plan.proxy.is_set() && !plan.proxy.no_proxy.is_empty() {
        m.insert("NO_PROXY".into(), plan.proxy.no_proxy_value());
    }
    m
}

fn check_outputs(profile: &Profile, plan: &Plan, tree: &FileTree) {
    let version = profile.containerd.as_ref().map(|c| c.version);
    let mut paths: Vec<&str> = tree.paths();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), tree.files.len(), "two files with one path");
    for f in &tree.files {
        assert!(
            f.content.ends_with('\n'),
            "{} lacks a final newline",
            f.path
        );
        assert!(!f.content.contains('\0'), "{} holds NUL", f.path);
        // YAML 1.1 readers (PyYAML, libyaml, go-yaml) break lines at these.
        assert!(
            !f.content.contains(['\u{2028}', '\u{2029}', '\u{85}']),
            "{} holds a Unicode line break",
            f.path
        );
        assert!(
            !f.path.chars().any(char::is_control),
            "control character in path {:?}",
            f.path
        );
        match f.language {
            Language::Toml => {
                let v: Result<toml::Value, _> = toml::from_str(&f.content);
                assert!(
                    v.is_ok(),
                    "{} does not parse: {:?}\n{}",
                    f.path,
                    v.err(),
                    f.content
                );
                if f.path.ends_with("/hosts.toml") {
                    let dir = f.path.rsplit('/').nth(1).unwrap();
                    let reg = plan
                        .registries
                        .iter()
                        .find(|r| r.host.name() == dir)
                        .expect("registry of file");
                    let parsed: HostsFile = toml::from_str(&f.content).unwrap();
                    assert_eq!(parsed, hosts_file(reg, version.unwrap()), "{}", f.path);
                }
            }
            Language::Json => {
                let v: serde_json::Value =
                    serde_json::from_str(&f.content).unwrap_or_else(|e| panic!("{}: {e}", f.path));
                assert!(v.is_object());
            }
            Language::Yaml => {
                let docs = yaml_rust2::YamlLoader::load_from_str(&f.content)
                    .unwrap_or_else(|e| panic!("{}: {e}\n{}", f.path, f.content));
                if let Some(doc) = docs.first() {
                    let env = &doc["env"];
                    if !env.is_badvalue() {
                        for (k, _) in expected_proxy_env(plan) {
                            assert!(env[k.as_str()].as_str().is_some(), "colima env lacks {k}");
                        }
                    }
                    if let Some(script) = doc["provision"][0]["script"].as_str() {
                        assert!(
                            script.starts_with("#!/bin/sh\n") && script.ends_with("fi\n"),
                            "provision script changed in YAML:\n{script}"
                        );
                    }
                }
            }
            Language::Ini => {
                let want = expected_proxy_env(plan);
                let got: BTreeMap<String, String> = f
                    .content
                    .lines()
                    .filter(|l| l.starts_with("Environment="))
                    .map(systemd_unquote)
                    .collect();
                assert_eq!(got, want, "{}", f.path);
            }
            Language::Env => {
                for l in f.content.lines().filter(|l| !l.starts_with('#')) {
                    let (_, v) = l.split_once('=').expect("KEY=value");
                    assert!(
                        v.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"-._~%:/@[],*".contains(&b)),
                        "unsafe value in {}: {l}",
                        f.path
                    );
                }
            }
            Language::Shell => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_output_parses_back(profile in profile()) {
        let plan = Plan::new(&profile);
        let tree = render_plan(&plan, &RenderOptions::default());
        let _ = check_plan(&plan);
        check_outputs(&profile, &plan, &tree);
        // The web app gets its archives from the archive worker: a job sent
        // as JSON gives the same bytes as the CLI's archives of the tree.
        use mirrorsmith::render::{archive_entries, ArchiveFormat, ArchiveJob};
        for (format, direct) in [
            (ArchiveFormat::TarGz, mirrorsmith::render::tar_gz(&tree)),
            (ArchiveFormat::Zip, mirrorsmith::render::zip(&tree)),
        ] {
            let job = ArchiveJob { id: 7, format, entries: archive_entries(&tree) };
            let sent: ArchiveJob = serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
            prop_assert_eq!(sent.build(), direct);
        }
    }

    #[test]
    fn profile_files_and_share_links_round_trip(profile in profile()) {
        prop_assert_eq!(&Profile::from_toml(&profile.to_toml()).unwrap(), &profile);
        prop_assert_eq!(&share::decode(&share::encode(&profile, true)).unwrap(), &profile);
        prop_assert_eq!(share::decode(&share::encode(&profile, false)).unwrap(), share::without_secrets(&profile));
        let link = share::link("https://mirrorsmith.example/app/", &profile, false);
        prop_assert_eq!(share::decode(&link).unwrap(), share::without_secrets(&profile));
    }

    #[test]
    fn share_decoding_never_panics(s in any::<String>(), cut in 0usize..400, profile in profile()) {
        let _ = share::decode(&s);
        let _ = share::decode(&format!("#p=1.{s}"));
        // A link cut off while copying is refused or decodes, never panics.
        let link = share::encode(&profile, false);
        let _ = share::decode(&link[..cut.min(link.len())]);
    }

    #[test]
    fn url_normalisation_is_stable(s in url()) {
        if let Ok(u) = Url::parse(&s, UrlRules::MIRROR) {
            let again = Url::parse(&u.to_string(), UrlRules::MIRROR).unwrap();
            prop_assert_eq!(again.to_string(), u.to_string());
        }
    }

    #[test]
    fn no_proxy_entries_print_as_they_parse(s in prop_oneof!["\\*?\\.?[a-z]{1,6}(\\.[a-z]{1,4})?(:[0-9]{1,5})?", "[0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?", text()]) {
        if let Ok(e) = NoProxyEntry::parse(&s) {
            prop_assert_eq!(NoProxyEntry::parse(&e.to_string()).unwrap(), e);
        }
    }
}

/// A profile where every field is valid but `slot`, which holds `bad`; and
/// the field the error must point at.
fn one_bad_field(slot: usize, bad: &str) -> (Profile, Field) {
    let mut mirror = Mirror::new("https://mirror.example.com");
    mirror.headers = vec![Header {
        name: "X-Dragonfly-Registry".into(),
        value: "https://registry-1.docker.io".into(),
    }];
    mirror.ca = vec!["/etc/ssl/mirror-ca.crt".into()];
    mirror.client = vec![ClientCert {
        cert: "/etc/ssl/client.pem".into(),
        key: String::new(),
    }];
    let mut p = Profile {
        containerd: Some(ContainerdTarget {
            version: ContainerdVersion::V2_1,
            ..ContainerdTarget::default()
        }),
        colima: Some(ColimaTarget {
            runtime: ColimaRuntime::Containerd,
            ..ColimaTarget::default()
        }),
        docker: Some(DockerTarget::default()),
        host_environment: true,
        registries: vec![Registry {
            mirrors: vec![mirror],
            ..Registry::new("docker.io")
        }],
        proxy: Proxy {
            https: "http://proxy.example.com:3128".into(),
            no_proxy: vec![".example.com".into()],
            ..Proxy::default()
        },
        ..Profile::default()
    };
    let m = |f| Field::mirror(0, 0, f);
    let field = match slot {
        0 => {
            p.registries[0].mirrors[0].headers[0].value = format!("https://{bad}");
            m(MirrorField::Header(0))
        }
        1 => {
            p.registries[0].mirrors[0].ca[0] = format!("/etc/ssl/{bad}.crt");
            m(MirrorField::Ca(0))
        }
        2 => {
            p.registries[0].mirrors[0].client[0].cert = format!("/etc/ssl/{bad}.pem");
            m(MirrorField::Client(0))
        }
        3 => {
            p.registries[0].mirrors[0].url = format!("https://{bad}.example.com");
            m(MirrorField::Url)
        }
        4 => {
            p.registries[0].host = format!("{bad}.example.com");
            Field::RegistryHost(0)
        }
        5 => {
            p.proxy.no_proxy[0] = format!(".{bad}.example.com");
            Field::NoProxy(0)
        }
        6 => {
            p.proxy.https = format!("http://{bad}:3128");
            Field::ProxyHttps
        }
        _ => {
            p.sandbox_image = format!("registry.k8s.io/{bad}:3.10");
            Field::SandboxImage
        }
    };
    (p, field)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A line separator, BOM or bidi control in any field is an error
    /// located at that field, and never reaches a file. (Leading and
    /// trailing whitespace, U+2028 included, is trimmed like spaces.)
    #[test]
    fn invisible_characters_are_located_errors(
        a in "[a-z]{1,4}", b in "[a-z]{1,4}", c in prop::sample::select(INVISIBLE), slot in 0usize..8,
    ) {
        let (profile, field) = one_bad_field(slot, &format!("{a}{c}{b}"));
        let plan = Plan::new(&profile);
        let errors: Vec<_> = check_plan(&plan).into_iter().filter(|f| f.severity == Severity::Error).collect();
        prop_assert!(errors.iter().any(|f| f.field == field), "no error at {field}: {errors:?}");
        prop_assert!(errors.iter().all(|f| f.field == field), "errors elsewhere: {errors:?}");
        for f in render_plan(&plan, &RenderOptions::default()).files {
            prop_assert!(!f.content.contains(c), "{} holds {:?}", f.path, c);
        }
    }
}

/// A URL-ish string with `user:password@` in it, parseable or not, and its
/// password (which starts with a marker nothing else contains).
fn url_with_password() -> impl Strategy<Value = (String, String)> {
    (
        prop::sample::select(vec!["http://", "https://", "socks5://", ""]),
        "[a-z]{1,6}",
        "[A-Za-z0-9@:/?#%!$&'()*+,;= ~._-]{0,12}",
        "[a-z]{1,8}(\\.[a-z]{1,5})?(:[0-9]{1,5})?",
        prop::sample::select(vec!["", "/v2/proj", "/x?y", "#f", "/"]),
    )
        .prop_map(|(scheme, user, rest, host, tail)| {
            let password = format!("PWmark{rest}");
            (format!("{scheme}{user}:{password}@{host}{tail}"), password)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever the proxy, mirror or server URL looks like, a link without
    /// secrets holds no part of its password, and says it left one out.
    #[test]
    fn links_never_carry_url_passwords(
        (url, password) in url_with_password(), field in 0usize..4, base in profile(),
    ) {
        let mut p = base;
        p.registries.push(Registry::new("registry.example.com"));
        let reg = p.registries.last_mut().unwrap();
        match field {
            0 => p.proxy.https = url,
            1 => p.proxy.http = url,
            2 => reg.mirrors.push(Mirror::new(url)),
            _ => reg.server = url,
        }
        prop_assert!(share::secret_count(&p) >= 1);
        let back = share::decode(&share::link("https://x.example/", &p, false)).unwrap();
        let text = format!("{}{:?}", back.to_toml(), back);
        prop_assert!(!text.contains("PWmark"), "{password} left in\n{text}");
        prop_assert!(!text.contains(&password));
    }
}

fn tool(name: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn run_install(script: &Path, root: &Path, home: &str) -> String {
    let out = Command::new("sh")
        .arg(script)
        .arg("--root")
        .arg(root)
        .env("HOME", home)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "install.sh failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// The installer passes sh -n and shellcheck, writes the generated files
    /// under --root (whole files byte for byte, its marked block and merged
    /// JSON keys as generated), and changes nothing the second time.
    #[test]
    fn install_sh_is_clean_exact_and_idempotent(profile in profile()) {
        assert!(tool("shellcheck"), "shellcheck is required (the test command installs it)");
        let plan = Plan::new(&profile);
        let tree = render_plan(&plan, &RenderOptions::default());
        let Some(script) = tree.get("install.sh") else { return Ok(()) };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("install.sh");
        std::fs::write(&path, &script.content).unwrap();
        let syntax = Command::new("sh").arg("-n").arg(&path).output().unwrap();
        prop_assert!(syntax.status.success(), "sh -n: {}", String::from_utf8_lossy(&syntax.stderr));
        let lint = Command::new("shellcheck").args(["-s", "sh", "-S", "warning"]).arg(&path).output().unwrap();
        prop_assert!(lint.status.success(), "shellcheck:\n{}", String::from_utf8_lossy(&lint.stdout));

        let root = dir.path().join("root");
        let home = "/home/user";
        let first = run_install(&path, &root, home);
        for f in tree.files.iter().filter(|f| !matches!(f.install, Install::Manual | Install::Script)) {
            // Under --root, ~/ is DIR/root (as in the archive), whatever HOME says.
            let dest = match f.path.strip_prefix("~/") {
                Some(rest) => format!("{}/root/{rest}", root.display()),
                None => format!("{}{}", root.display(), f.path),
            };
            let got = std::fs::read_to_string(&dest).unwrap_or_else(|e| panic!("{dest}: {e}\n{first}"));
            match f.install {
                Install::Block { .. } => prop_assert!(got.ends_with(&f.content), "{dest}"),
                Install::JsonMerge { .. } => {
                    let a: serde_json::Value = serde_json::from_str(&got).unwrap();
                    let b: serde_json::Value = serde_json::from_str(&f.content).unwrap();
                    prop_assert_eq!(a, b, "{}", dest);
                }
                _ => prop_assert_eq!(&got, &f.content, "{}", dest),
            }
        }
        let second = run_install(&path, &root, home);
        prop_assert!(!second.contains("wrote ") && !second.contains("backup "), "second run changed files:\n{second}");
    }
}
