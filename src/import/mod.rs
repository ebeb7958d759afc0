//! Import: a config.toml (version 1, 2 or 3) and hosts.toml files read into
//! a profile, with what was understood, what was not, the migration steps
//! and the problems containerd would not have reported.

mod config_toml;
mod hosts_toml;
mod notes;
mod patch;
mod version;

pub use notes::ImportFinding;
pub use patch::{patch, Patched};

use serde::Serialize;
use toml_edit::Item;

use crate::catalog::catalog;
use crate::check::{check_plan, Finding};
use crate::i18n::Text;
use crate::plan::{api_root, Plan, Url, UrlRules};
use crate::profile::{ContainerdTarget, ContainerdVersion, Profile, Registry};

/// One directory under config_path and its hosts.toml (None: the
/// directory has no hosts.toml).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostsInput {
    pub dir: String,
    pub text: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub profile: Profile,
    /// The `version` of the config.toml (1 when absent), if one was given.
    pub config_version: Option<i64>,
    pub understood: Vec<Text>,
    pub not_understood: Vec<Text>,
    pub steps: Vec<Text>,
    pub findings: Vec<ImportFinding>,
}

impl Imported {
    /// Nothing was understood: the config.toml is not TOML (MS601), or
    /// without a readable one no hosts.toml gave a registry. Such an
    /// import should leave the form as it was.
    pub fn unreadable(&self) -> bool {
        self.findings.iter().any(|f| f.code == "MS601")
            || (self.config_version.is_none() && self.profile.registries.is_empty())
    }
}

/// Reads what the user has. `version` is the containerd the files are for;
/// without it, it is guessed from the config.toml.
pub fn import(
    config: Option<&str>,
    hosts: &[HostsInput],
    version: Option<ContainerdVersion>,
) -> Imported {
    let mut out = Imported::default();
    let mut target = ContainerdTarget {
        version: version.unwrap_or_default(),
        ..ContainerdTarget::default()
    };
    if let Some(text) = config {
        config_toml::read(text, version, &mut out, &mut target);
    }
    out.profile.containerd = Some(target);
    for h in hosts {
        let Some(text) = &h.text else {
            hosts_toml::missing(&h.dir, &mut out);
            continue;
        };
        if let Some(reg) = hosts_toml::read(&h.dir, text, &mut out) {
            merge_registry(&mut out.profile, reg);
        }
    }
    out
}

/// The profile checks for a config.toml that is patched, not replaced:
/// MS103 ("replaced as a whole") is about the other way.
pub fn checks_for_patch(plan: &Plan) -> Vec<Finding> {
    check_plan(plan)
        .into_iter()
        .filter(|f| f.code != "MS103")
        .collect()
}

/// A registry from hosts.toml replaces what legacy mirrors said about it:
/// with config_path set, containerd reads only the hosts.toml.
fn merge_registry(profile: &mut Profile, reg: Registry) {
    match profile.registries.iter_mut().find(|r| r.host == reg.host) {
        Some(existing) => *existing = reg,
        None => profile.registries.push(reg),
    }
}

/// A TOML string or array of strings.
pub(crate) fn strings(item: &Item) -> Option<Vec<String>> {
    if let Some(s) = item.as_str() {
        return Some(vec![s.to_string()]);
    }
    string_array(item)
}

/// A TOML array of strings, and nothing else (containerd's `[]string`).
pub(crate) fn string_array(item: &Item) -> Option<Vec<String>> {
    let arr = item.as_array()?;
    arr.iter().map(|v| v.as_str().map(str::to_string)).collect()
}

/// A dotted key path as it is written in TOML, quoting the components that
/// need it: `plugins."io.containerd.grpc.v1.cri".registry`.
pub(crate) fn key_path<S: AsRef<str>>(parts: &[S]) -> String {
    parts
        .iter()
        .map(|p| toml_edit::Key::new(p.as_ref()).display_repr().into_owned())
        .collect::<Vec<_>>()
        .join(".")
}

/// What a TOML item is, in both languages, for "found ..." in messages.
pub(crate) fn type_name(item: &Item) -> (&'static str, &'static str) {
    use toml_edit::Value as V;
    match item {
        Item::Value(V::String(_)) => ("a string", "字符串"),
        Item::Value(V::Integer(_)) => ("an integer", "整数"),
        Item::Value(V::Float(_)) => ("a float", "浮点数"),
        Item::Value(V::Boolean(_)) => ("a boolean", "布尔值"),
        Item::Value(V::Datetime(_)) => ("a date-time", "日期时间"),
        Item::Value(V::Array(_)) => ("an array", "数组"),
        Item::Value(V::InlineTable(_)) | Item::Table(_) => ("a table", "表"),
        Item::ArrayOfTables(_) => ("an array of tables", "表数组"),
        Item::None => ("nothing", "空"),
    }
}

/// The registry's own endpoints (its name, a catalog alias, the catalog's
/// API host such as registry-1.docker.io), which are not mirrors.
pub(crate) fn is_upstream(registry: &str, url: &Url) -> bool {
    let host = url.authority();
    host == registry
        || catalog().registry(registry).is_some_and(|r| {
            r.aliases.contains(&host)
                || Url::parse(&r.upstream, UrlRules::MIRROR).is_ok_and(|u| u.authority() == host)
        })
}

/// The registry itself given as an endpoint or host: the URL to keep as
/// `server` when it is not what containerd assumes for the registry
/// (`https://<registry>/v2`): plain http, another path. None when
/// containerd's own default already reaches it, or when the registry has a
/// catalog upstream of its own (docker.io -> registry-1.docker.io).
pub(crate) fn own_server(registry: &str, url: &Url) -> Option<String> {
    let api_host_elsewhere = catalog()
        .upstream_url(registry)
        .is_some_and(|u| u.authority() != registry);
    if url.authority() != registry || api_host_elsewhere {
        return None;
    }
    let assumed = format!("https://{registry}/v2");
    (api_root(url, false) != assumed).then(|| url.text())
}

#[cfg(test)]
mod tests;
