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
use crate::plan::{api_root, default_upstream_url, Plan, RegistryHost, Url};
use crate::profile::{ContainerdTarget, ContainerdVersion, Profile, Registry};
pub(crate) use crate::render::containerd_config::key_path;

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

/// What a URL written for `registry` (a legacy endpoint, a hosts.toml host
/// or `server`) is to it. The one comparison import makes, on parsed URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// Another host: a mirror.
    Mirror,
    /// The upstream itself, at the API root Mirrorsmith and containerd use
    /// without a `server` line (the catalog's, or [`default_upstream_url`]):
    /// nothing to write.
    Upstream,
    /// The registry under another name or address that containerd reaches
    /// as the upstream anyway: a catalog alias, the catalog's API host at
    /// another scheme, or the registry's name when its API host is
    /// elsewhere (docker.io, served by registry-1.docker.io).
    Alias,
    /// The registry's own host at an address Mirrorsmith does not assume
    /// (plain http, https for a loopback registry, a path): kept as `server`.
    Server {
        url: String,
        /// The upstream used without it.
        assumed: String,
    },
}

pub(crate) fn endpoint(registry: &str, url: &Url) -> Endpoint {
    let Ok(host) = RegistryHost::parse(registry) else {
        return Endpoint::Mirror;
    };
    let name = host.name();
    let assumed = match catalog().upstream_url(&name) {
        Some(u) => Some(u.clone()),
        None => default_upstream_url(&host),
    };
    let Some(assumed) = assumed else {
        return Endpoint::Mirror;
    };
    if api_root(url, false) == api_root(&assumed, false) {
        return Endpoint::Upstream;
    }
    let authority = url.authority();
    let api_host = assumed.authority();
    if authority == name && api_host == name {
        Endpoint::Server {
            url: url.text(),
            assumed: assumed.text(),
        }
    } else if authority == name
        || authority == api_host
        || catalog()
            .registry(&name)
            .is_some_and(|r| r.aliases.contains(&authority))
    {
        Endpoint::Alias
    } else {
        Endpoint::Mirror
    }
}

#[cfg(test)]
mod tests;
