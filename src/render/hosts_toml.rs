//! `<config_path>/<registry>/hosts.toml`: the registry host configuration
//! containerd >= 1.5 reads on every pull. [`HostsFile`] is its whole shape.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::header::Context;
use super::{GeneratedFile, Install, Language};
use crate::catalog::catalog;
use crate::i18n::Text;
use crate::plan::{MirrorPlan, Plan, RegistryHost, RegistryPlan};
use crate::profile::{Capability, ContainerdTarget, ContainerdVersion};
use crate::text;

/// A string or a list of strings (containerd accepts both for `ca` and headers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn from_vec(mut v: Vec<String>) -> Option<OneOrMany> {
        match v.len() {
            0 => None,
            1 => v.pop().map(OneOrMany::One),
            _ => Some(OneOrMany::Many(v)),
        }
    }

    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// One client certificate: a file with both, or a `[cert, key]` pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ClientItem {
    Cert(String),
    Pair(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ClientSpec {
    One(String),
    Many(Vec<ClientItem>),
}

/// The settings of one host (a `[host."URL"]` table, or the root for `server`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_verify: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<OneOrMany>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_path: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dial_timeout: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<IndexMap<String, OneOrMany>>,
}

/// A whole hosts.toml. Hosts are tried in file order, then `server`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostsFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    #[serde(flatten)]
    pub root: HostEntry,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub host: IndexMap<String, HostEntry>,
}

impl HostsFile {
    /// Parses a hosts.toml (used by tests and by import).
    pub fn parse(text: &str) -> Result<HostsFile, String> {
        toml_edit::de::from_str(text).map_err(|e| e.to_string())
    }

    /// The model as TOML: the root keys, then one `[host."URL"]` table per
    /// host in order.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

/// Builds the hosts.toml model for one registry.
pub fn hosts_file(reg: &RegistryPlan, version: ContainerdVersion) -> HostsFile {
    let mut file = HostsFile {
        server: reg.server.as_ref().map(|u| u.to_string()),
        ..HostsFile::default()
    };
    if !reg.source.fallback && !reg.host.is_default() {
        // The upstream keeps push only: tags are never resolved there, but
        // content a mirror lacks is still fetched from it (fetcher.go).
        if file.server.is_none() {
            file.server = reg
                .upstream_root()
                .map(|r| r.trim_end_matches("/v2").to_string());
        }
        file.root.capabilities = Some(vec![Capability::Push.as_str().to_string()]);
    }
    for m in &reg.mirrors {
        file.host.insert(m.url_text.clone(), host_entry(m, version));
    }
    if file.host.is_empty() {
        // containerd 1.6 and 1.7 <= 1.7.31 reject a file without a host table.
        if let Some(root) = reg.upstream_root() {
            let url = root.trim_end_matches("/v2").to_string();
            file.host.insert(
                url,
                HostEntry {
                    capabilities: Some(vec!["pull".into(), "resolve".into()]),
                    ..HostEntry::default()
                },
            );
        }
    }
    file
}

fn host_entry(m: &MirrorPlan, version: ContainerdVersion) -> HostEntry {
    let tls = !m.url.is_http();
    let caps: Vec<String> = m
        .capabilities()
        .into_iter()
        .filter(|c| *c != Capability::Referrers || version.knows_referrers())
        .map(|c| c.as_str().to_string())
        .collect();
    let client = if tls && !m.client.is_empty() {
        let items: Vec<ClientItem> = m
            .client
            .iter()
            .map(|(cert, key)| {
                if key.is_empty() {
                    ClientItem::Cert(cert.to_string())
                } else {
                    ClientItem::Pair(vec![cert.to_string(), key.to_string()])
                }
            })
            .collect();
        match items.as_slice() {
            [ClientItem::Cert(c)] => Some(ClientSpec::One(c.clone())),
            _ => Some(ClientSpec::Many(items)),
        }
    } else {
        None
    };
    let header = if m.headers.is_empty() {
        None
    } else {
        Some(
            m.headers
                .iter()
                .map(|(n, v)| (n.to_string(), OneOrMany::One(v.to_string())))
                .collect(),
        )
    };
    HostEntry {
        capabilities: Some(caps),
        skip_verify: (tls && m.source.skip_verify).then_some(true),
        ca: if tls {
            OneOrMany::from_vec(m.ca.iter().map(|s| s.to_string()).collect())
        } else {
            None
        },
        client,
        override_path: m.source.override_path.then_some(true),
        dial_timeout: m
            .dial_timeout
            .filter(|_| version.reads_dial_timeout())
            .map(str::to_string),
        header,
    }
}

/// `1. DaoCloud (host style): https://... [pull, resolve]` for the header.
fn mirror_line(n: usize, m: &MirrorPlan) -> String {
    let who = catalog()
        .provider(&m.source.provider)
        .map(|p| p.name.as_str())
        .unwrap_or("custom mirror");
    let caps: Vec<&str> = m.capabilities().iter().map(|c| c.as_str()).collect();
    let caps = if caps.is_empty() {
        "all".to_string()
    } else {
        caps.join(", ")
    };
    format!("  {n}. {} - {who} [{caps}]", m.url_text)
}

/// hosts.toml text for one registry: the comment header, then the model.
pub(crate) fn content(reg: &RegistryPlan, version: ContainerdVersion, head: &str) -> String {
    let mut s = String::from(head);
    s.push_str(&format!("# Hosts for {}, tried in this order:\n", reg.host));
    for (i, m) in reg.mirrors.iter().enumerate() {
        s.push_str(&format!("#{}\n", mirror_line(i + 1, m)));
    }
    s.push_str(match (&reg.host, reg.source.fallback) {
        (RegistryHost::Default, _) => "# then the image's own registry.\n",
        (_, true) => "# then the upstream (`server`).\n",
        (_, false) => {
            "# The upstream (`server`) has push only: tags are never resolved there, but content a mirror lacks is still fetched from it.\n"
        }
    });
    if reg.mirrors.is_empty() {
        s.push_str(
            "# No mirror: the registry itself is listed so that containerd 1.6 accepts the file.\n",
        );
    }
    s.push('\n');
    s.push_str(&hosts_file(reg, version).to_toml());
    s
}

pub(crate) fn render_all(
    plan: &Plan,
    target: &ContainerdTarget,
    ctx: &Context,
) -> Vec<GeneratedFile> {
    plan.registries
        .iter()
        .filter(|r| !(r.host.is_default() && r.mirrors.is_empty()))
        .map(|reg| {
            let head = ctx.hash_comment(
                &format!("containerd {}", target.version.label()),
                &["containerd re-reads this file on every pull; no restart needed."],
            );
            let about: Text = if reg.host.is_default() {
                text!(
                    "Mirrors for every registry without its own directory",
                    "所有没有单独目录的镜像仓库使用的镜像源"
                )
            } else {
                let h = reg.host.to_string();
                text!("Mirrors for {h}, in order", "{h} 的镜像源（按顺序尝试）")
            };
            GeneratedFile {
                path: format!(
                    "{}/{}/hosts.toml",
                    plan.config_path.trim_end_matches('/'),
                    reg.host.dir_name()
                ),
                mode: 0o644,
                content: content(reg, target.version, &head),
                language: Language::Toml,
                install: Install::Write {
                    daemon_reload: false,
                    restart: vec![],
                },
                about,
            }
        })
        .collect()
}
