//! `<config_path>/<registry>/hosts.toml`: the registry host configuration
//! containerd >= 1.5 reads on every pull. [`HostsFile`] is its whole shape.

use std::borrow::Cow;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use toml_writer::TomlWrite as _;

use super::header::Context;
use super::{GeneratedFile, Install, Language};
use crate::catalog::catalog;
use crate::i18n::Text;
use crate::plan::{push_decimal, MirrorPlan, Plan, RegistryHost, RegistryPlan};
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
    /// Names as written (a file may hold unknown ones): borrowed when
    /// rendered, so a mirror's list allocates no strings.
    pub capabilities: Option<Vec<Cow<'static, str>>>,
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
    /// host in order. The same bytes as `toml::to_string`, written directly
    /// with `toml_writer` (the toml crate's own encoder for keys and values;
    /// strings it writes unchanged are quoted here, see [`verbatim`]).
    pub fn to_toml(&self) -> String {
        let mut out = String::with_capacity(256);
        self.write_toml(&mut out);
        out
    }

    /// [`HostsFile::to_toml`] appended to `out`.
    pub(crate) fn write_toml(&self, out: &mut String) {
        let mut doc = Doc {
            start: out.len(),
            out,
        };
        if let Some(server) = &self.server {
            doc.out.push_str("server = ");
            push_string(doc.out, server);
            doc.out.push('\n');
        }
        doc.body(&self.root);
        if let Some(header) = &self.root.header {
            doc.header_table(None, header);
        }
        for (url, entry) in &self.host {
            doc.table(url, entry);
        }
    }
}

/// A hosts.toml being written at the end of `out` (from `start`), laid out
/// as the toml crate's serializer lays out [`HostsFile`]: a table's keys,
/// then its subtables; a table header only over keys, or alone for a table
/// with neither keys nor subtables (implicit parents like `[host]` are not
/// written); a blank line before every header but a first line.
struct Doc<'o> {
    out: &'o mut String,
    start: usize,
}

impl Doc<'_> {
    /// `[host."URL"SUFFIX]`, or `[SUFFIX]` for the root, after a blank
    /// line unless first.
    fn open(&mut self, host: Option<&str>, suffix: &str) {
        if self.out.len() != self.start {
            self.out.push('\n');
        }
        self.out.push('[');
        if let Some(url) = host {
            self.out.push_str("host.");
            push_key(self.out, url);
        }
        self.out.push_str(suffix);
        self.out.push_str("]\n");
    }

    /// `NAME = ` for one of [`HostEntry`]'s own (bare) field names.
    fn field(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str(" = ");
    }

    fn body(&mut self, e: &HostEntry) {
        // Every field named (no `..`): a new one must be written here too.
        let HostEntry {
            capabilities,
            skip_verify,
            ca,
            client,
            override_path,
            dial_timeout,
            header: _, // its own table, see `table`
        } = e;
        if let Some(caps) = capabilities {
            self.field("capabilities");
            strings(self.out, caps);
            self.out.push('\n');
        }
        if let Some(on) = *skip_verify {
            self.field("skip_verify");
            let _ = self.out.value(on);
            self.out.push('\n');
        }
        if let Some(ca) = ca {
            self.field("ca");
            one_or_many(self.out, ca);
            self.out.push('\n');
        }
        if let Some(client) = client {
            self.field("client");
            match client {
                ClientSpec::One(c) => {
                    push_string(self.out, c);
                }
                ClientSpec::Many(items) => {
                    self.out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(", ");
                        }
                        match item {
                            ClientItem::Cert(c) => {
                                push_string(self.out, c);
                            }
                            ClientItem::Pair(pair) => strings(self.out, pair),
                        }
                    }
                    self.out.push(']');
                }
            }
            self.out.push('\n');
        }
        if let Some(on) = *override_path {
            self.field("override_path");
            let _ = self.out.value(on);
            self.out.push('\n');
        }
        if let Some(t) = dial_timeout {
            self.field("dial_timeout");
            push_string(self.out, t);
            self.out.push('\n');
        }
    }

    /// `[host."URL"]` and the entry's keys, then its `[host."URL".header]`.
    fn table(&mut self, url: &str, e: &HostEntry) {
        let HostEntry {
            capabilities,
            skip_verify,
            ca,
            client,
            override_path,
            dial_timeout,
            header,
        } = e;
        let has_keys = capabilities.is_some()
            || skip_verify.is_some()
            || ca.is_some()
            || client.is_some()
            || override_path.is_some()
            || dial_timeout.is_some();
        if has_keys || header.is_none() {
            self.open(Some(url), "");
            self.body(e);
        }
        if let Some(header) = header {
            self.header_table(Some(url), header);
        }
    }

    /// `[host."URL".header]`, or the root's `[header]` (a leaf: written
    /// even when empty), and its keys.
    fn header_table(&mut self, host: Option<&str>, header: &IndexMap<String, OneOrMany>) {
        self.open(host, if host.is_some() { ".header" } else { "header" });
        for (name, v) in header {
            push_key(self.out, name);
            self.out.push_str(" = ");
            one_or_many(self.out, v);
            self.out.push('\n');
        }
    }
}

/// Whether toml_writer writes `s` as a basic string unchanged: nothing to
/// escape (no `"`, `\`, tab or other control character). URLs, paths and
/// capability names nearly always are; they skip its two scans.
fn verbatim(s: &str) -> bool {
    !s.bytes()
        .any(|b| b == b'"' || b == b'\\' || b < 0x20 || b == 0x7f)
}

/// A key as toml_writer writes it: bare when it may be, else quoted.
fn push_key(out: &mut String, key: &str) {
    if !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        out.push_str(key);
    } else if verbatim(key) {
        out.push('"');
        out.push_str(key);
        out.push('"');
    } else {
        let _ = out.key(key);
    }
}

/// A string value as toml_writer writes it.
fn push_string(out: &mut String, value: &str) {
    if verbatim(value) {
        out.push('"');
        out.push_str(value);
        out.push('"');
    } else {
        let _ = out.value(value);
    }
}

/// `["a", "b"]`, each string encoded as toml_writer encodes it.
fn strings(out: &mut String, items: &[impl AsRef<str>]) {
    out.push('[');
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_string(out, v.as_ref());
    }
    out.push(']');
}

fn one_or_many(out: &mut String, v: &OneOrMany) {
    match v {
        OneOrMany::One(s) => {
            push_string(out, s);
        }
        OneOrMany::Many(items) => strings(out, items),
    }
}

/// Builds the hosts.toml model for one registry.
pub fn hosts_file(reg: &RegistryPlan, version: ContainerdVersion) -> HostsFile {
    let mut file = HostsFile {
        server: reg.server.as_ref().map(|u| u.text()),
        host: IndexMap::with_capacity(reg.mirrors.len().max(1)),
        ..HostsFile::default()
    };
    if !reg.source.fallback && !reg.host.is_default() {
        // The upstream keeps push only: tags are never resolved there, but
        // content a mirror lacks is still fetched from it (fetcher.go).
        if file.server.is_none() {
            file.server = reg.upstream_root().map(trim_v2);
        }
        file.root.capabilities = Some(vec![Capability::Push.as_str().into()]);
    }
    for m in &reg.mirrors {
        file.host.insert(m.url_text.clone(), host_entry(m, version));
    }
    if file.host.is_empty() {
        // containerd 1.6 and 1.7 <= 1.7.31 reject a file without a host table.
        if let Some(root) = reg.upstream_root() {
            file.host.insert(
                trim_v2(root),
                HostEntry {
                    capabilities: Some(vec!["pull".into(), "resolve".into()]),
                    ..HostEntry::default()
                },
            );
        }
    }
    file
}

/// An API root without its `/v2` (what `server` and host URLs name).
fn trim_v2(mut root: String) -> String {
    while root.ends_with("/v2") {
        root.truncate(root.len() - 3);
    }
    root
}

fn host_entry(m: &MirrorPlan, version: ContainerdVersion) -> HostEntry {
    let tls = !m.url.is_http();
    let caps: Vec<Cow<'static, str>> = m
        .each_capability()
        .filter(|c| *c != Capability::Referrers || version.knows_referrers())
        .map(|c| c.as_str().into())
        .collect();
    let client = if tls && !m.client.is_empty() {
        match m.client.as_slice() {
            [(cert, "")] => Some(ClientSpec::One(cert.to_string())),
            pairs => Some(ClientSpec::Many(
                pairs
                    .iter()
                    .map(|(cert, key)| {
                        if key.is_empty() {
                            ClientItem::Cert(cert.to_string())
                        } else {
                            ClientItem::Pair(vec![cert.to_string(), key.to_string()])
                        }
                    })
                    .collect(),
            )),
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

/// `#  1. https://... - DaoCloud [pull, resolve]` for the header.
fn push_mirror_line(s: &mut String, n: usize, m: &MirrorPlan) {
    let who = catalog()
        .provider(&m.source.provider)
        .map(|p| p.name.as_str())
        .unwrap_or("custom mirror");
    s.push_str("#  ");
    push_decimal(s, n as u32);
    s.push_str(". ");
    s.push_str(&m.url_text);
    s.push_str(" - ");
    s.push_str(who);
    s.push_str(" [");
    let mut caps = m.each_capability().peekable();
    if caps.peek().is_none() {
        s.push_str("all");
    }
    for (i, c) in caps.enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(c.as_str());
    }
    s.push_str("]\n");
}

/// hosts.toml text for one registry: the comment header, then the model.
pub(crate) fn content(reg: &RegistryPlan, version: ContainerdVersion, head: &str) -> String {
    let name = reg.name.as_str();
    let urls: usize = reg.mirrors.iter().map(|m| m.url_text.len()).sum();
    let mut s = String::with_capacity(
        head.len() + 2 * name.len() + 3 * urls + 160 * reg.mirrors.len() + 400,
    );
    s.push_str(head);
    s.push_str("# Hosts for ");
    s.push_str(name);
    s.push_str(", tried in this order:\n");
    for (i, m) in reg.mirrors.iter().enumerate() {
        push_mirror_line(&mut s, i + 1, m);
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
    hosts_file(reg, version).write_toml(&mut s);
    s
}

/// Appends one hosts.toml per registry to `files`.
pub(crate) fn render_all(
    plan: &Plan,
    target: &ContainerdTarget,
    ctx: &Context,
    files: &mut Vec<GeneratedFile>,
) {
    // One header for every file of the tree.
    let mut head = String::with_capacity(ctx.hash_comment_len());
    ctx.push_hash_comment(
        &mut head,
        &["containerd ", target.version.label()],
        &["containerd re-reads this file on every pull; no restart needed."],
    );
    let dir = plan.config_path.trim_end_matches('/');
    let registries = plan
        .registries
        .iter()
        .filter(|r| !(r.host.is_default() && r.mirrors.is_empty()));
    files.extend(registries.map(|reg| {
        // DIR/NAME/hosts.toml, and NAME within it.
        let mut path = String::with_capacity(dir.len() + 64);
        path.push_str(dir);
        path.push('/');
        path.push_str(&reg.name);
        path.push_str("/hosts.toml");
        let name = reg.name.as_str();
        let about: Text = if reg.host.is_default() {
            text!(
                "Mirrors for every registry without its own directory",
                "所有没有单独目录的镜像仓库使用的镜像源"
            )
        } else {
            Text::new(
                ["Mirrors for ", name, ", in order"].concat(),
                [name, " 的镜像源（按顺序尝试）"].concat(),
            )
        };
        let content = content(reg, target.version, &head);
        GeneratedFile {
            path,
            mode: 0o644,
            content,
            language: Language::Toml,
            install: Install::Write {
                daemon_reload: false,
                restart: vec![],
            },
            about,
        }
    }));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9./:-]{0,12}",
            prop::sample::select(vec![
                "",
                "'",
                "\"",
                "'''",
                "\"\"\"",
                "\\",
                "\n",
                "\r",
                "\t",
                "\u{0}",
                "\u{7f}",
                "\u{1b}",
                "镜像",
                "a b",
                "host.\"x\"",
                "]]",
                "#",
                "=",
                "\u{85}",
                "\u{2028}",
            ])
            .prop_map(str::to_string),
            ".{0,8}",
        ]
    }

    fn strings() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(text(), 0..3)
    }

    fn one_or_many() -> impl Strategy<Value = OneOrMany> {
        prop_oneof![
            text().prop_map(OneOrMany::One),
            strings().prop_map(OneOrMany::Many)
        ]
    }

    fn entry() -> impl Strategy<Value = HostEntry> {
        let client = prop_oneof![
            text().prop_map(ClientSpec::One),
            prop::collection::vec(
                prop_oneof![
                    text().prop_map(ClientItem::Cert),
                    strings().prop_map(ClientItem::Pair)
                ],
                0..3
            )
            .prop_map(ClientSpec::Many),
        ];
        (
            prop::option::of(strings().prop_map(|v| v.into_iter().map(Cow::Owned).collect())),
            prop::option::of(any::<bool>()),
            prop::option::of(one_or_many()),
            prop::option::of(client),
            prop::option::of(any::<bool>()),
            prop::option::of(text()),
            prop::option::of(prop::collection::vec((text(), one_or_many()), 0..3)),
        )
            .prop_map(
                |(capabilities, skip_verify, ca, client, override_path, dial_timeout, header)| {
                    HostEntry {
                        capabilities,
                        skip_verify,
                        ca,
                        client,
                        override_path,
                        dial_timeout,
                        header: header.map(|h| h.into_iter().collect()),
                    }
                },
            )
    }

    fn file() -> impl Strategy<Value = HostsFile> {
        (
            prop::option::of(text()),
            entry(),
            prop::collection::vec((text(), entry()), 0..4),
        )
            .prop_map(|(server, root, host)| HostsFile {
                server,
                root,
                host: host.into_iter().collect(),
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The shortcuts write what toml_writer writes.
        #[test]
        fn keys_and_strings_are_written_as_toml_writer_writes_them(s in text()) {
            let (mut key, mut string) = (String::new(), String::new());
            push_key(&mut key, &s);
            push_string(&mut string, &s);
            let (mut want_key, mut want_string) = (String::new(), String::new());
            let _ = want_key.key(s.as_str());
            let _ = want_string.value(s.as_str());
            prop_assert_eq!(key, want_key);
            prop_assert_eq!(string, want_string);
        }

        /// The direct writer gives the bytes of the toml crate's serializer
        /// for every model, and appends them without looking before `start`.
        #[test]
        fn writer_matches_the_toml_serializer(file in file(), before in "(x\n)?") {
            let want = toml::to_string(&file).unwrap();
            prop_assert_eq!(&file.to_toml(), &want);
            let mut out = before.clone();
            file.write_toml(&mut out);
            prop_assert_eq!(out, format!("{before}{want}"));
        }
    }

    #[test]
    fn shapes_the_serializer_treats_specially() {
        let header = |pairs: &[(&str, &str)]| {
            Some(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), OneOrMany::One(v.to_string())))
                    .collect(),
            )
        };
        let files = [
            HostsFile::default(),
            // Only a root header table: no blank line before it.
            HostsFile {
                root: HostEntry {
                    header: header(&[("X", "1")]),
                    ..HostEntry::default()
                },
                ..HostsFile::default()
            },
            // Empty leaf tables are written; a table with only a header is not.
            HostsFile {
                host: [
                    ("https://a".to_string(), HostEntry::default()),
                    (
                        "https://b".to_string(),
                        HostEntry {
                            header: header(&[]),
                            ..HostEntry::default()
                        },
                    ),
                ]
                .into_iter()
                .collect(),
                ..HostsFile::default()
            },
        ];
        for f in files {
            assert_eq!(f.to_toml(), toml::to_string(&f).unwrap(), "{f:?}");
        }
    }
}
