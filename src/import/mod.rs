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
use crate::check::{check_plan_in, CheckContext, Finding, Severity};
use crate::i18n::Text;
use crate::plan::{api_root, default_upstream_url, Plan, RegistryHost, Url};
use crate::profile::{ContainerdTarget, ContainerdVersion, Profile, Registry};
pub(crate) use crate::render::containerd_config::key_path;
use crate::text;

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

/// The profile checks for a config.toml that is patched, not replaced
/// (MS103, "replaced as a whole", sees it and stays quiet).
pub fn checks_for_patch(plan: &Plan) -> Vec<Finding> {
    check_plan_in(
        plan,
        CheckContext {
            config_patched: true,
        },
    )
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

/// A TOML type: one containerd expects, or one a file has. Both are named
/// from this one table, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Str,
    Bool,
    Table,
    StrArray,
    /// A string, or an array of strings (`header` values).
    StrOrStrArray,
    /// A URL string (`server`).
    Url,
    /// A Go duration string (`dial_timeout`).
    Duration,
    /// A path, or an array of paths (`ca`).
    Paths,
    /// A path, or `[cert, key]` pairs (`client`).
    ClientCerts,
    /// An array of capability names.
    Capabilities,
    // Only found, never expected:
    Float,
    Datetime,
    /// An array holding something else than strings.
    Array,
    ArrayOfTables,
    Nothing,
}

impl Kind {
    /// What `item` is, for "found ..." in messages.
    pub(crate) fn of(item: &Item) -> Kind {
        use toml_edit::Value as V;
        match item {
            Item::Value(V::String(_)) => Kind::Str,
            Item::Value(V::Integer(_)) => Kind::Int,
            Item::Value(V::Float(_)) => Kind::Float,
            Item::Value(V::Boolean(_)) => Kind::Bool,
            Item::Value(V::Datetime(_)) => Kind::Datetime,
            Item::Value(V::Array(_)) if string_array(item).is_some() => Kind::StrArray,
            Item::Value(V::Array(_)) => Kind::Array,
            Item::Value(V::InlineTable(_)) | Item::Table(_) => Kind::Table,
            Item::ArrayOfTables(_) => Kind::ArrayOfTables,
            Item::None => Kind::Nothing,
        }
    }

    pub(crate) fn describe(self) -> (&'static str, &'static str) {
        match self {
            Kind::Int => ("an integer", "整数"),
            Kind::Str => ("a string", "字符串"),
            Kind::Bool => ("true or false", "true 或 false"),
            Kind::Table => ("a table", "表"),
            Kind::StrArray => ("an array of strings", "字符串数组"),
            Kind::StrOrStrArray => ("a string or an array of strings", "字符串或字符串数组"),
            Kind::Url => ("a URL string", "URL 字符串"),
            Kind::Duration => ("a string such as \"3s\"", "字符串，例如 \"3s\""),
            Kind::Paths => ("a path or an array of paths", "路径或路径数组"),
            Kind::ClientCerts => (
                "a path, or [[\"cert\", \"key\"]] pairs",
                "路径，或 [[\"cert\", \"key\"]] 对",
            ),
            Kind::Capabilities => (
                "an array such as [\"pull\", \"resolve\"]",
                "数组，例如 [\"pull\", \"resolve\"]",
            ),
            Kind::Float => ("a float", "浮点数"),
            Kind::Datetime => ("a date-time", "日期时间"),
            Kind::Array => (
                "an array of other values than strings",
                "含非字符串元素的数组",
            ),
            Kind::ArrayOfTables => ("an array of tables", "表数组"),
            Kind::Nothing => ("nothing", "空"),
        }
    }
}

/// What containerd does with a file holding a value of the wrong type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    /// config.toml: containerd does not start.
    FailsToStart,
    /// hosts.toml: containerd decodes the whole file into typed fields, so
    /// one wrong type and it logs an error and ignores every line of it.
    IgnoresFile,
}

/// MS611, from config.toml and hosts.toml alike: `name` (at `location`)
/// holds `item`, where containerd expects `want`. The value is not used;
/// `fix` replaces the usual advice.
pub(crate) fn wrong_type(
    out: &mut Imported,
    location: String,
    name: &str,
    item: &Item,
    want: Kind,
    effect: Effect,
    fix: Option<Text>,
) {
    let (want_en, want_zh) = want.describe();
    let (found, found_zh) = Kind::of(item).describe();
    let shown = match item {
        Item::Value(v) => v.clone().decorated("", "").to_string(),
        _ => String::new(),
    };
    let shown = if shown.is_empty() || shown.chars().count() > 60 {
        String::new()
    } else {
        format!(" = {shown}")
    };
    let (then, then_zh) = match effect {
        Effect::FailsToStart => (
            "it fails to start with this file.",
            "用此文件 containerd 无法启动。",
        ),
        Effect::IgnoresFile => (
            "it logs an error and ignores the whole file, so pulls go to the upstream as if it were not there.",
            "containerd 只记录一条错误日志并忽略整个文件，拉取会像没有这个文件一样直接访问上游。",
        ),
    };
    let fix = fix.unwrap_or_else(|| match effect {
        Effect::FailsToStart => text!(
            "Write it as {want_en}. Mirrorsmith did not use this value.",
            "请写成{want_zh}。Mirrorsmith 没有采用这个值。"
        ),
        Effect::IgnoresFile => text!(
            "Write {name} as {want_en}. Mirrorsmith did not use this value; the file it writes is correct.",
            "请把 {name} 写成{want_zh}。Mirrorsmith 没有采用这个值；它生成的文件是正确的。"
        ),
    });
    out.findings.push(ImportFinding::new(
        "MS611",
        Severity::Error,
        location,
        text!(
            "{name}{shown} is {found}, but containerd expects {want_en}: {then}",
            "{name}{shown} 是{found_zh}，但 containerd 需要{want_zh}：{then_zh}"
        ),
        fix,
    ));
}

/// MS617: `url` (a legacy endpoint or a hosts.toml host; `what` names it)
/// without a scheme, which containerd reads as https. The URL to use.
pub(crate) fn with_scheme(
    url: &str,
    what: (&str, &str),
    location: &str,
    out: &mut Imported,
) -> String {
    if url.contains("://") {
        return url.to_string();
    }
    let (what, what_zh) = what;
    out.findings.push(ImportFinding::new(
        "MS617",
        Severity::Info,
        location.to_string(),
        text!(
            "{what} {url} has no scheme: containerd assumes https.",
            "{what_zh} {url} 没有协议：containerd 默认使用 https。"
        ),
        text!("Written as https://{url}.", "已写成 https://{url}。"),
    ));
    format!("https://{url}")
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
