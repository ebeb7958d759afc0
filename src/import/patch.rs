//! Patch mode: the user's own config.toml with only the registry section
//! (and the chosen extras) changed, everything else - comments, order,
//! unrelated settings - kept, plus a unified diff to review.

use serde::Serialize;
use toml_edit::{DocumentMut, Item, Table, Value};

use super::version::{FileVersion, Header};
use crate::i18n::Text;
use crate::plan::Plan;
use crate::profile::{ContainerdVersion, Profile};
use crate::render::containerd_config::{key_path, keys, remove_legacy_registry, set_value};
use crate::render::{apply_settings, ConfigChange, ContainerdSettings};
use crate::text;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Patched {
    pub text: String,
    /// Unified diff from the original to the patched file.
    pub diff: String,
    pub changes: Vec<ConfigChange>,
    /// The `version` the patched file is written for (its keys match it).
    pub config_version: i64,
}

/// Applies the profile's containerd settings to `original`. The version
/// rule is [`FileVersion::patch_version`], the one import reports by.
pub fn patch(original: &str, profile: &Profile) -> Result<Patched, Text> {
    let mut doc: DocumentMut = original.parse().map_err(|e: toml_edit::TomlError| {
        let detail = e.to_string();
        text!(
            "config.toml is not valid TOML: {detail}",
            "config.toml 不是有效的 TOML：{detail}"
        )
    })?;
    let plan = Plan::new(profile);
    let target = profile
        .containerd
        .as_ref()
        .map(|c| c.version)
        .unwrap_or_default();
    let fv = FileVersion::of(&doc);
    let config_version = fv.patch_version(target);
    let style = Style {
        step: key_step(doc.as_table()).unwrap_or_default(),
        single_quotes: prefers_single_quotes(&doc),
    };
    if let Header::Int(n) = fv.header {
        if !(1..=3).contains(&n) {
            return Err(text!(
                "config.toml says version = {n}, which no containerd reads (config versions are 1, 2 and 3): containerd does not start with it. Write version = 2 (containerd 1.x) or version = 3 (2.x), then patch.",
                "config.toml 写的是 version = {n}，没有任何 containerd 能读取（配置版本只有 1、2、3）：containerd 无法用它启动。请写成 version = 2（containerd 1.x）或 version = 3（2.x）后再打补丁。"
            ));
        }
    }
    let mut changes = Vec::new();
    if matches!(fv.header, Header::Invalid { .. }) {
        // containerd does not start on `version = "2"`: the number it spells
        // (or the keys' version), in the old value's place.
        set_value(
            &mut doc,
            &[],
            "version",
            Value::from(config_version),
            Some(&mut changes),
        );
    }
    let mut settings = ContainerdSettings::from_plan(&plan, target);
    settings.config_version = config_version;
    settings.transfer_config_path = config_version >= 3 && target >= ContainerdVersion::V2_0;
    changes.extend(apply_settings(&mut doc, &settings));
    // Legacy mirrors under the keys' version are dead only until someone
    // fixes the version line: import migrated them, so they go too. Those of
    // tables import did not read stay.
    for v in fv.registry_versions(target) {
        if v != config_version.clamp(1, 3) {
            remove_legacy_registry(&mut doc, &keys(v).registry, &mut changes);
        }
    }
    restyle(doc.as_table_mut(), &mut Vec::new(), &style, &mut changes);
    let text = doc.to_string();
    let diff = if text == original {
        String::new()
    } else {
        diffy::DiffOptions::new()
            .set_context_len(3)
            .set_original_filename("a/etc/containerd/config.toml")
            .set_modified_filename("b/etc/containerd/config.toml")
            .create_patch(original, &text)
            .to_string()
    };
    Ok(Patched {
        text,
        diff,
        changes,
        config_version,
    })
}

/// True when the file writes its strings as 'literal' (containerd 2.x's
/// `config default` does), so that inserted values match.
fn prefers_single_quotes(doc: &DocumentMut) -> bool {
    fn count(t: &Table, single: &mut usize, double: &mut usize) {
        for (_, item) in t.iter() {
            match item {
                Item::Table(sub) => count(sub, single, double),
                Item::Value(Value::String(s)) => {
                    match s.as_repr().and_then(|r| r.as_raw().as_str()) {
                        Some(r) if r.starts_with('\'') => *single += 1,
                        Some(r) if r.starts_with('"') => *double += 1,
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }
    let (mut single, mut double) = (0, 0);
    count(doc.as_table(), &mut single, &mut double);
    single > double
}

/// The whitespace a table's header or a key is indented with, if the
/// prefix ends in a line of only whitespace.
fn indent_of(prefix: Option<&toml_edit::RawString>) -> Option<&str> {
    let p = prefix?.as_str()?;
    let last = p.rsplit('\n').next().unwrap_or(p);
    last.chars().all(|c| c == ' ' || c == '\t').then_some(last)
}

/// The indentation of the first key that has some, in `t`.
fn key_indent(t: &Table) -> Option<&str> {
    t.iter()
        .filter(|(_, item)| item.is_value())
        .find_map(|(k, _)| indent_of(t.key(k)?.leaf_decor().prefix()))
}

/// How much deeper than its header a file indents a table's keys (go-toml
/// writes two spaces), from the first table that shows it.
fn key_step(t: &Table) -> Option<String> {
    for (_, item) in t.iter() {
        if let Item::Table(sub) = item {
            let header = indent_of(sub.decor().prefix());
            if let (Some(h), Some(k)) = (header, key_indent(sub)) {
                if let Some(step) = k.strip_prefix(h) {
                    return Some(step.to_string());
                }
            }
            if let Some(step) = key_step(sub) {
                return Some(step);
            }
        }
    }
    None
}

/// Gives the values Mirrorsmith inserted (they have no text of their own
/// yet) the file's look: the indentation of the keys beside them, or of
/// the table header plus the file's step, and its quote style. `changes`
/// are updated to the new text.
fn restyle(t: &mut Table, path: &mut Vec<String>, style: &Style, changes: &mut [ConfigChange]) {
    let indent = key_indent(t).map(str::to_string).or_else(|| {
        let header = indent_of(t.decor().prefix())?;
        Some(format!("{header}{}", style.step))
    });
    let names: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
    for name in names {
        let Some((mut key, item)) = t.get_key_value_mut(&name) else {
            continue;
        };
        match item {
            Item::Table(sub) => {
                path.push(name);
                restyle(sub, path, style, changes);
                path.pop();
            }
            Item::Value(v) if !parsed(v) => {
                if let Some(indent) = indent.as_deref().filter(|_| !path.is_empty()) {
                    if key.leaf_decor().prefix().is_none() {
                        key.leaf_decor_mut().set_prefix(indent);
                    }
                }
                if let Some(lit) = v.as_str().filter(|_| style.single_quotes).and_then(literal) {
                    let decor = v.decor().clone();
                    *v = lit;
                    *v.decor_mut() = decor;
                    let mut at = path.clone();
                    at.push(name.clone());
                    let at = key_path(&at);
                    let shown = v.clone().decorated("", "").to_string();
                    for c in changes.iter_mut().filter(|c| c.key == at) {
                        c.after = Some(shown.clone());
                    }
                }
            }
            _ => {}
        }
    }
}

/// `s` as a 'literal' string, when TOML can write it so: encoded by
/// toml_writer (the toml crate's own encoder, which refuses quotes, line
/// breaks and control characters there) and read back by toml_edit's
/// parser, as toml_edit has no public setter for a representation. None
/// keeps toml_edit's own "basic" string.
fn literal(s: &str) -> Option<Value> {
    use toml_writer::ToTomlValue as _;
    let encoded = toml_writer::TomlStringBuilder::new(s)
        .as_literal()?
        .to_toml_value();
    let v = encoded.parse::<Value>().ok()?;
    (v.as_str() == Some(s)).then_some(v)
}

/// How the user's file writes keys and strings.
struct Style {
    step: String,
    single_quotes: bool,
}

/// Whether a value came from the file (it keeps its own text).
fn parsed(v: &Value) -> bool {
    match v {
        Value::String(f) => f.as_repr().is_some(),
        Value::Integer(f) => f.as_repr().is_some(),
        Value::Float(f) => f.as_repr().is_some(),
        Value::Boolean(f) => f.as_repr().is_some(),
        Value::Datetime(f) => f.as_repr().is_some(),
        Value::Array(_) | Value::InlineTable(_) => true,
    }
}
