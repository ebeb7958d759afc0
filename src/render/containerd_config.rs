//! containerd's `config.toml`. One function, [`apply_settings`], edits a
//! config document with `toml_edit`, keeping everything else: it builds the
//! minimal file (applied to an empty document), the full file (applied to the
//! release's default config) and patches a user's own file.

use serde::Serialize;
use toml_edit::{value, DocumentMut, Item, Table};

use super::header::Context;
use super::{GeneratedFile, Install, Language};
use crate::i18n::Text;
use crate::plan::Plan;
use crate::profile::{ConfigStyle, ContainerdTarget, ContainerdVersion};
use crate::text;

/// Where the 2.2+ default config imports drop-ins from.
pub const DROP_IN_PATH: &str = "/etc/containerd/conf.d/50-mirrorsmith.toml";

/// What Mirrorsmith sets in config.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerdSettings {
    /// The `version = N` the document is written for (2 or 3).
    pub config_version: i64,
    pub config_path: String,
    pub sandbox_image: Option<String>,
    pub systemd_cgroup: Option<bool>,
    /// Also point the 2.x transfer service at the hosts directory.
    pub transfer_config_path: bool,
}

impl ContainerdSettings {
    pub fn from_plan(plan: &Plan, version: ContainerdVersion) -> ContainerdSettings {
        ContainerdSettings {
            config_version: version.config_version(),
            config_path: plan.config_path.clone(),
            sandbox_image: plan.sandbox_image.clone(),
            systemd_cgroup: plan.profile.systemd_cgroup,
            transfer_config_path: version >= ContainerdVersion::V2_0,
        }
    }
}

/// One key Mirrorsmith changed, for explanations and diffs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfigChange {
    /// Dotted TOML path of the key or table, quoted where TOML needs it
    /// (`plugins."io.containerd.grpc.v1.cri".registry.config_path`).
    pub key: String,
    /// Previous value as TOML, None when absent.
    pub before: Option<String>,
    /// New value as TOML, None when removed.
    pub after: Option<String>,
}

pub(crate) const CRI_V1: &str = "cri";
pub(crate) const CRI_V2: &str = "io.containerd.grpc.v1.cri";
pub(crate) const IMAGES_V3: &str = "io.containerd.cri.v1.images";
pub(crate) const RUNTIME_V3: &str = "io.containerd.cri.v1.runtime";
const TRANSFER: &str = "io.containerd.transfer.v1.local";

/// The runtime containerd's own default config gives runc.
pub(crate) const RUNC_V2: &str = "io.containerd.runc.v2";

/// Where the CRI settings live in a config of each version: the one table
/// both writing (render, patch) and reading (import) use.
pub(crate) struct Keys {
    pub registry: Vec<&'static str>,
    /// The table and key of the pause image.
    pub sandbox: (Vec<&'static str>, &'static str),
    /// The runc runtime table (holding `runtime_type`).
    pub runc: Vec<&'static str>,
    /// The table holding runc's `SystemdCgroup`.
    pub runc_options: Vec<&'static str>,
}

pub(crate) fn keys(config_version: i64) -> Keys {
    // Version 1 files name plugins by short id; version 3 splits the CRI
    // plugin into images and runtime.
    let (registry, sandbox, runtime) = if config_version <= 1 {
        (
            vec!["plugins", CRI_V1, "registry"],
            (vec!["plugins", CRI_V1], "sandbox_image"),
            CRI_V1,
        )
    } else if config_version >= 3 {
        (
            vec!["plugins", IMAGES_V3, "registry"],
            (vec!["plugins", IMAGES_V3, "pinned_images"], "sandbox"),
            RUNTIME_V3,
        )
    } else {
        (
            vec!["plugins", CRI_V2, "registry"],
            (vec!["plugins", CRI_V2], "sandbox_image"),
            CRI_V2,
        )
    };
    let runc = vec!["plugins", runtime, "containerd", "runtimes", "runc"];
    let mut runc_options = runc.clone();
    runc_options.push("options");
    Keys {
        registry,
        sandbox,
        runc,
        runc_options,
    }
}

/// The table at `path`, created (with implicit parents) when missing.
/// None when something on the way is not a table.
fn table_at<'d>(doc: &'d mut DocumentMut, path: &[&str]) -> Option<&'d mut Table> {
    let mut t = doc.as_table_mut();
    for (i, k) in path.iter().enumerate() {
        if !t.contains_key(k) {
            let mut new = Table::new();
            new.set_implicit(i + 1 < path.len());
            t.insert(k, Item::Table(new));
        }
        t = t.get_mut(k)?.as_table_mut()?;
    }
    if t.is_implicit() && !path.is_empty() {
        t.set_implicit(false);
    }
    Some(t)
}

fn existing_table<'d>(doc: &'d mut DocumentMut, path: &[&str]) -> Option<&'d mut Table> {
    let mut t = doc.as_table_mut();
    for k in path {
        t = t.get_mut(k)?.as_table_mut()?;
    }
    Some(t)
}

fn shown(item: &Item) -> String {
    match item {
        Item::Value(v) => v.clone().decorated("", "").to_string(),
        Item::Table(_) | Item::ArrayOfTables(_) => "{...}".to_string(),
        Item::None => String::new(),
    }
}

/// A dotted key path as it is written in TOML, quoting the components that
/// need it: `plugins."io.containerd.grpc.v1.cri".registry` (for change
/// records and for import's findings alike).
pub(crate) fn key_path<S: AsRef<str>>(parts: &[S]) -> String {
    parts
        .iter()
        .map(|p| toml_edit::Key::new(p.as_ref()).display_repr().into_owned())
        .collect::<Vec<_>>()
        .join(".")
}

/// `path` + `key` as one quoted key path.
fn key_at(path: &[&str], key: &str) -> String {
    let mut parts = path.to_vec();
    parts.push(key);
    key_path(&parts)
}

/// Whether `old` already holds `new`'s value: strings by their text
/// (`'x'` is `"x"`), booleans and integers by value. Other kinds are never
/// set here and count as different.
fn same_value(old: &Item, new: &toml_edit::Value) -> bool {
    use toml_edit::Value as V;
    match (old.as_value(), new) {
        (Some(V::String(a)), V::String(b)) => a.value() == b.value(),
        (Some(V::Boolean(a)), V::Boolean(b)) => a.value() == b.value(),
        (Some(V::Integer(a)), V::Integer(b)) => a.value() == b.value(),
        _ => false,
    }
}

/// Sets `key` in the table at `path` (the root for an empty path), unless
/// it already holds that value, noting the change in `changes` (None: the
/// caller keeps no record, and no value is printed for one). A replaced
/// value keeps the comment after it and its line's indentation.
pub(crate) fn set_value(
    doc: &mut DocumentMut,
    path: &[&str],
    key: &str,
    new: toml_edit::Value,
    changes: Option<&mut Vec<ConfigChange>>,
) {
    let Some(t) = table_at(doc, path) else { return };
    if t.get(key).is_some_and(|old| same_value(old, &new)) {
        return;
    }
    let before = changes.as_ref().and_then(|_| t.get(key).map(shown));
    let after = changes
        .as_ref()
        .map(|_| new.clone().decorated("", "").to_string());
    match t.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        _ => {
            t.insert(key, Item::Value(new));
        }
    }
    if let Some(changes) = changes {
        changes.push(ConfigChange {
            key: key_at(path, key),
            before,
            after,
        });
    }
}

/// Sets `key` only when the table has none: a value the user chose stays.
fn set_if_missing(
    doc: &mut DocumentMut,
    path: &[&str],
    key: &str,
    new: toml_edit::Value,
    changes: Option<&mut Vec<ConfigChange>>,
) {
    let present = existing_table(doc, path).is_some_and(|t| t.contains_key(key));
    if !present {
        set_value(doc, path, key, new, changes);
    }
}

fn remove_key(doc: &mut DocumentMut, path: &[&str], key: &str, changes: &mut Vec<ConfigChange>) {
    if let Some(t) = existing_table(doc, path) {
        if let Some(old) = t.remove(key) {
            changes.push(ConfigChange {
                key: key_at(path, key),
                before: Some(shown(&old)),
                after: None,
            });
        }
    }
}

/// Removes what hosts.toml replaces from the registry table at `registry`:
/// legacy `mirrors` with entries (the CRI plugin fails with them beside
/// config_path; the empty table of a default config is harmless) and
/// `configs.*.tls`. `configs.*.auth` stays.
pub(crate) fn remove_legacy_registry(
    doc: &mut DocumentMut,
    registry: &[&str],
    changes: &mut Vec<ConfigChange>,
) {
    let has_mirrors = existing_table(doc, registry)
        .and_then(|t| t.get("mirrors"))
        .and_then(|m| m.as_table_like())
        .is_some_and(|m| !m.is_empty());
    if has_mirrors {
        remove_key(doc, registry, "mirrors", changes);
    }
    let hosts: Vec<String> = existing_table(doc, &[registry, &["configs"]].concat())
        .map(|t| t.iter().map(|(h, _)| h.to_string()).collect())
        .unwrap_or_default();
    for host in &hosts {
        let mut path = registry.to_vec();
        path.push("configs");
        path.push(host);
        remove_key(doc, &path, "tls", changes);
        // A host table left empty by the move is noise.
        let empty = existing_table(doc, &path).is_some_and(|t| t.is_empty());
        if empty {
            if let Some(configs) = existing_table(doc, &path[..path.len() - 1]) {
                configs.remove(host);
            }
        }
    }
}

/// Applies Mirrorsmith's settings to a config document written for
/// `settings.config_version`. Legacy `mirrors` (which cannot coexist with
/// `config_path`) and `configs.*.tls` are removed; `configs.*.auth` stays.
pub fn apply_settings(doc: &mut DocumentMut, settings: &ContainerdSettings) -> Vec<ConfigChange> {
    let mut changes = Vec::new();
    apply(doc, settings, Some(&mut changes));
    changes
}

/// [`apply_settings`], noting the changes only when asked (render does not).
fn apply(
    doc: &mut DocumentMut,
    settings: &ContainerdSettings,
    mut changes: Option<&mut Vec<ConfigChange>>,
) {
    // A version line on a version 1 file would change what every key means.
    if !doc.contains_key("version") && settings.config_version >= 2 {
        doc.insert("version", value(settings.config_version));
        if let Some(changes) = changes.as_deref_mut() {
            changes.push(ConfigChange {
                key: "version".into(),
                before: None,
                after: Some(settings.config_version.to_string()),
            });
        }
    }
    let k = keys(settings.config_version);
    let mut unrecorded = Vec::new();
    remove_legacy_registry(
        doc,
        &k.registry,
        changes.as_deref_mut().unwrap_or(&mut unrecorded),
    );
    set_value(
        doc,
        &k.registry,
        "config_path",
        settings.config_path.as_str().into(),
        changes.as_deref_mut(),
    );
    if settings.transfer_config_path {
        set_value(
            doc,
            &["plugins", TRANSFER],
            "config_path",
            settings.config_path.as_str().into(),
            changes.as_deref_mut(),
        );
    }
    if let Some(image) = &settings.sandbox_image {
        set_value(
            doc,
            &k.sandbox.0,
            k.sandbox.1,
            image.as_str().into(),
            changes.as_deref_mut(),
        );
    }
    if let Some(on) = settings.systemd_cgroup {
        // A runc table without runtime_type replaces containerd 1.x's default
        // runc entry, leaving runtime_type "" and pods unable to start
        // (containerd#6964).
        set_if_missing(
            doc,
            &k.runc,
            "runtime_type",
            RUNC_V2.into(),
            changes.as_deref_mut(),
        );
        set_value(doc, &k.runc_options, "SystemdCgroup", on.into(), changes);
    }
}

/// `containerd config default` of a release (linux/amd64), from `data/`.
pub fn default_config(version: ContainerdVersion) -> &'static str {
    match version {
        ContainerdVersion::V1_6 => include_str!("../../data/containerd-default/1.6.toml"),
        ContainerdVersion::V1_7 => include_str!("../../data/containerd-default/1.7.toml"),
        ContainerdVersion::V2_0 => include_str!("../../data/containerd-default/2.0.toml"),
        ContainerdVersion::V2_1 => include_str!("../../data/containerd-default/2.1.toml"),
        ContainerdVersion::V2_2 => include_str!("../../data/containerd-default/2.2.toml"),
    }
}

/// config.toml: `base` (the node's own file) patched, or a new file. When
/// `base` cannot be patched, the new file, saying so in its `about`, and
/// why (callers that can fail fail: [`super::try_render_plan`]).
pub(crate) fn render(
    plan: &Plan,
    target: &ContainerdTarget,
    ctx: &Context,
    base: Option<&str>,
) -> (GeneratedFile, Option<Text>) {
    let failed = match base.map(|b| crate::import::patch(b, plan.profile)) {
        None => None,
        Some(Err(why)) => Some(why),
        // The user's file, changed only where needed, without our header.
        Some(Ok(p)) => {
            let file = GeneratedFile {
                path: "/etc/containerd/config.toml".to_string(),
                mode: 0o644,
                content: if p.text.ends_with('\n') { p.text } else { format!("{}\n", p.text) },
                language: Language::Toml,
                install: Install::Write {
                    daemon_reload: false,
                    restart: vec!["containerd"],
                },
                about: text!(
                    "Your config.toml, with only the registry section and the chosen settings changed",
                    "你的 config.toml，只修改了镜像仓库部分和所选设置"
                ),
            };
            return (file, None);
        }
    };
    let mut file = new_config(plan, target, ctx);
    if let Some(why) = &failed {
        let (en, zh) = (&why.en, &why.zh);
        file.about = text!(
            "Your config.toml could not be patched ({en}): this file replaces it as a whole",
            "你的 config.toml 无法打补丁（{zh}）：此文件会整体替换它"
        );
    }
    (file, failed)
}

/// A new config.toml (minimal, full or drop-in) for the plan.
fn new_config(plan: &Plan, target: &ContainerdTarget, ctx: &Context) -> GeneratedFile {
    let version = target.version;
    let settings = ContainerdSettings::from_plan(plan, version);
    let drop_in = target.config == ConfigStyle::DropIn && version >= ContainerdVersion::V2_2;
    let mut doc = match target.config {
        ConfigStyle::Full => default_config(version)
            .parse::<DocumentMut>()
            .unwrap_or_default(),
        _ => DocumentMut::new(),
    };
    apply(&mut doc, &settings, None);
    let config_version = settings.config_version.to_string();
    let note: &str = match target.config {
        ConfigStyle::Full => "The release's default config with the registry settings applied.",
        _ if drop_in => "Imported by the default config of containerd 2.2+ (imports = [\"/etc/containerd/conf.d/*.toml\"]).",
        _ => "Only the keys Mirrorsmith sets; containerd fills in its defaults for the rest.",
    };
    let body = doc.to_string();
    let body = body.trim_start();
    let mut content = String::with_capacity(ctx.hash_comment_len() + body.len() + 1);
    ctx.push_hash_comment(
        &mut content,
        &[
            "containerd ",
            version.label(),
            " (config version ",
            &config_version,
            ")",
        ],
        &[
            note,
            "Changing config_path needs: systemctl restart containerd",
        ],
    );
    content.push('\n');
    content.push_str(body);
    GeneratedFile {
        path: if drop_in {
            DROP_IN_PATH.to_string()
        } else {
            "/etc/containerd/config.toml".to_string()
        },
        mode: 0o644,
        content,
        language: Language::Toml,
        install: Install::Write {
            daemon_reload: false,
            restart: vec!["containerd"],
        },
        about: if drop_in {
            text!(
                "containerd drop-in: points the CRI plugin at the hosts directory",
                "containerd 配置片段：让 CRI 插件使用 hosts 目录"
            )
        } else {
            Text::new(
                "containerd config: points the CRI plugin at the hosts directory",
                "containerd 主配置：让 CRI 插件使用 hosts 目录",
            )
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(config_version: i64, systemd_cgroup: Option<bool>) -> ContainerdSettings {
        ContainerdSettings {
            config_version,
            config_path: "/etc/containerd/certs.d".into(),
            sandbox_image: None,
            systemd_cgroup,
            transfer_config_path: false,
        }
    }

    #[test]
    fn runc_options_come_with_runtime_type_in_every_version() {
        for (v, plugin) in [(1, CRI_V1), (2, CRI_V2), (3, RUNTIME_V3)] {
            for on in [true, false] {
                let mut doc = DocumentMut::new();
                apply_settings(&mut doc, &settings(v, Some(on)));
                let runc = &doc["plugins"][plugin]["containerd"]["runtimes"]["runc"];
                assert_eq!(runc["runtime_type"].as_str(), Some(RUNC_V2), "v{v}\n{doc}");
                assert_eq!(runc["options"]["SystemdCgroup"].as_bool(), Some(on), "v{v}");
            }
        }
        // No SystemdCgroup setting: no runc table at all.
        let mut doc = DocumentMut::new();
        apply_settings(&mut doc, &settings(2, None));
        assert!(!doc.to_string().contains("runtimes"), "{doc}");
    }

    #[test]
    fn patching_adds_a_missing_runtime_type_and_keeps_the_users() {
        // The broken state of containerd#6964: options without runtime_type.
        let broken = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]\nSystemdCgroup = false\n";
        let mut doc: DocumentMut = broken.parse().unwrap();
        let changes = apply_settings(&mut doc, &settings(2, Some(true)));
        let runc = &doc["plugins"][CRI_V2]["containerd"]["runtimes"]["runc"];
        assert_eq!(runc["runtime_type"].as_str(), Some(RUNC_V2), "{doc}");
        assert!(changes.iter().any(|c| c.key.ends_with("runc.runtime_type")));

        let mine = "version = 3\n[plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.runc]\nruntime_type = \"io.containerd.runsc.v1\" # gVisor\n";
        let mut doc: DocumentMut = mine.parse().unwrap();
        let changes = apply_settings(&mut doc, &settings(3, Some(true)));
        let text = doc.to_string();
        assert!(
            text.contains("runtime_type = \"io.containerd.runsc.v1\" # gVisor"),
            "{text}"
        );
        assert!(!changes.iter().any(|c| c.key.ends_with("runtime_type")));
        assert_eq!(
            doc["plugins"][RUNTIME_V3]["containerd"]["runtimes"]["runc"]["options"]
                ["SystemdCgroup"]
                .as_bool(),
            Some(true)
        );
    }
}
