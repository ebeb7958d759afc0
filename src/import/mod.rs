//! Import: a config.toml (version 1, 2 or 3) and hosts.toml files read into
//! a profile, with what was understood, what was not, the migration steps
//! and the problems containerd would not have reported.

mod config_toml;
mod hosts_toml;
mod notes;
mod patch;

pub use notes::ImportFinding;
pub use patch::{patch, Patched};

use serde::Serialize;
use toml_edit::{Item, TableLike};

use crate::i18n::Text;
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

/// A registry from hosts.toml replaces what legacy mirrors said about it:
/// with config_path set, containerd reads only the hosts.toml.
fn merge_registry(profile: &mut Profile, reg: Registry) {
    match profile.registries.iter_mut().find(|r| r.host == reg.host) {
        Some(existing) => *existing = reg,
        None => profile.registries.push(reg),
    }
}

/// The item at a dotted path of tables (plain, inline or dotted keys).
pub(crate) fn item_at<'a>(root: &'a dyn TableLike, path: &[&str]) -> Option<&'a Item> {
    let (first, rest) = path.split_first()?;
    let item = root.get(first)?;
    if rest.is_empty() {
        return Some(item);
    }
    item_at(item.as_table_like()?, rest)
}

/// A TOML string or array of strings.
pub(crate) fn strings(item: &Item) -> Option<Vec<String>> {
    if let Some(s) = item.as_str() {
        return Some(vec![s.to_string()]);
    }
    let arr = item.as_array()?;
    arr.iter().map(|v| v.as_str().map(str::to_string)).collect()
}

#[cfg(test)]
mod tests;
