//! What the page shows for a profile: files, findings and counts. Computed
//! once per profile change (the app memoises it) and handed to components.

use crate::check::{check_plan, Finding, Summary};
use crate::i18n::Text;
use crate::plan::{Field, Plan, Url, UrlRules};
use crate::profile::Profile;
use crate::render::{colima_steps, render_plan, FileTree, RenderOptions, Step};
use crate::share;

#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    pub tree: FileTree,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Secrets a link without them leaves out.
    pub secrets: usize,
    /// The effective NO_PROXY value.
    pub no_proxy: String,
    /// How to check the result on the node.
    pub verify: Vec<Text>,
    /// colima's apply and verify steps (empty without colima).
    pub colima: Vec<Step>,
    /// Files that carry the proxy settings.
    pub proxy_files: Vec<String>,
}

impl Derived {
    /// `base_config`: the node's own config.toml to patch instead of replace.
    pub fn new(profile: &Profile, app_url: &str, base_config: Option<&str>) -> Derived {
        let plan = Plan::new(profile);
        let tree = render_plan(
            &plan,
            &RenderOptions {
                app_url: app_url.to_string(),
                base_config: base_config.map(str::to_string),
            },
        );
        let findings = if base_config.is_some() {
            crate::import::checks_for_patch(&plan)
        } else {
            check_plan(&plan)
        };
        Derived {
            summary: Summary::of(&findings),
            no_proxy: plan.proxy.no_proxy_value(),
            verify: crate::render::verify_steps(&plan),
            colima: colima_steps(&plan),
            proxy_files: tree
                .files
                .iter()
                .filter(|f| f.path != "install.sh")
                .filter(|f| {
                    [
                        "HTTPS_PROXY",
                        "HTTP_PROXY",
                        "https-proxy",
                        "http-proxy\"",
                        "httpsProxy",
                        "httpProxy",
                    ]
                    .iter()
                    .any(|k| f.content.contains(k))
                })
                .map(|f| f.path.clone())
                .collect(),
            secrets: share::secret_count(profile),
            tree,
            findings,
        }
    }

    /// Findings about fields that `pick` selects.
    pub fn about(&self, pick: impl Fn(&Field) -> bool) -> Vec<Finding> {
        self.findings
            .iter()
            .filter(|f| pick(&f.field))
            .cloned()
            .collect()
    }
}

/// `host[:port]` of a proxy URL as the route gives it (redacted), for the
/// diagram's short label; the text itself when it is not one.
pub fn proxy_authority(proxy: &str) -> String {
    Url::parse(proxy, UrlRules::PROXY)
        .map(|u| u.authority())
        .unwrap_or_else(|_| proxy.to_string())
}

/// The DOM id of a field's input, so a finding can focus it.
pub fn field_id(field: &Field) -> String {
    use crate::plan::MirrorField as M;
    match field {
        Field::Profile | Field::Kubernetes => "f-kubernetes".into(),
        Field::ContainerdVersion => "f-containerd-version".into(),
        Field::ContainerdConfig => "f-containerd-config".into(),
        Field::ConfigPath => "f-config-path".into(),
        Field::Docker => "f-docker".into(),
        Field::Colima => "f-colima".into(),
        Field::ColimaProfile => "f-colima-profile".into(),
        Field::RegistryHost(r) => format!("f-r{r}-host"),
        Field::RegistryServer(r) => format!("f-r{r}-server"),
        Field::RegistryFallback(r) => format!("f-r{r}-fallback"),
        Field::Mirror {
            registry,
            mirror,
            field,
        } => {
            let leaf = match field {
                M::Url => "url".to_string(),
                M::Capabilities => "caps".to_string(),
                M::SkipVerify => "skip-verify".to_string(),
                M::Ca(_) => "ca".to_string(),
                M::Client(i) => format!("client{i}"),
                M::Header(i) => format!("header{i}"),
                M::OverridePath => "override-path".to_string(),
                M::DialTimeout => "dial-timeout".to_string(),
            };
            format!("f-r{registry}-m{mirror}-{leaf}")
        }
        Field::ProxyHttp => "f-proxy-http".into(),
        Field::ProxyHttps => "f-proxy-https".into(),
        Field::NoProxyPreset(_) => "f-no-proxy-presets".into(),
        Field::NoProxy(_) => "f-no-proxy".into(),
        Field::SandboxImage => "f-sandbox".into(),
        Field::SystemdCgroup => "f-systemd-cgroup".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::preset;

    #[test]
    fn derived_view_matches_the_core() {
        let p = &preset("corporate-proxy").unwrap().profile;
        let d = Derived::new(p, "http://127.0.0.1:8080/", None);
        assert_eq!(d.tree.files.len(), 5);
        assert!(d.tree.link.starts_with("http://127.0.0.1:8080/#p=1."));
        assert!(d.no_proxy.starts_with("localhost,127.0.0.1,::1,.svc"));
        assert_eq!(d.summary.errors, 0);
        assert_eq!(
            d.proxy_files,
            [
                "/etc/systemd/system/containerd.service.d/http-proxy.conf",
                "/etc/docker/daemon.json",
                "/etc/environment"
            ]
        );
    }

    #[test]
    fn the_proxy_label_is_its_authority() {
        for (proxy, label) in [
            ("http://proxy.example.com:3128", "proxy.example.com:3128"),
            (
                "http://bob:***@proxy.example.com:3128",
                "proxy.example.com:3128",
            ),
            ("socks5h://[::1]:1080", "[::1]:1080"),
            ("HTTP://Proxy.Example.com", "proxy.example.com"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(proxy_authority(proxy), label, "{proxy}");
        }
        // What the route really gives.
        let mut p = crate::app::state::starter_profile();
        p.proxy.https = "http://bob:s3cret@proxy.example.com:3128".into();
        let route = crate::route::explain(&Plan::new(&p), "nginx").unwrap();
        let shown = route.hosts.iter().find_map(|h| match &h.via {
            crate::route::Via::Proxy { proxy } => Some(proxy.clone()),
            _ => None,
        });
        assert_eq!(proxy_authority(&shown.unwrap()), "proxy.example.com:3128");
    }

    #[test]
    fn every_finding_of_the_scenarios_has_a_field_id() {
        let text = include_str!("../../tests/scenarios/hostile-strings.toml");
        let p = Profile::from_toml(text).unwrap();
        for f in Derived::new(&p, "", None).findings {
            assert!(field_id(&f.field).starts_with("f-"));
        }
    }
}
