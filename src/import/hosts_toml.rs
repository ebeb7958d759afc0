//! Reading existing hosts.toml files, with the mistakes containerd would
//! only log (or not even that): bad TOML, unknown capabilities, wrong types,
//! misspelled keys, files without a host table.

use toml_edit::{DocumentMut, Item, TableLike};

use super::{
    endpoint, key_path, strings, with_scheme, Effect, Endpoint, ImportFinding, Imported, Kind,
};
use crate::catalog::catalog;
use crate::check::Severity;
use crate::plan::{api_root, RegistryHost, Url, UrlRules};
use crate::profile::{Capability, ClientCert, Header, Mirror, Registry};
use crate::text;

const HOST_KEYS: &[&str] = &[
    "capabilities",
    "skip_verify",
    "ca",
    "client",
    "header",
    "override_path",
    "dial_timeout",
];

/// `host_port_` (containerd's form for file systems without `:`) -> `host:port`.
fn registry_name(dir: &str) -> (String, bool) {
    if let Some(rest) = dir.strip_suffix('_') {
        if let Some((h, p)) = rest.rsplit_once('_') {
            if !h.is_empty() && !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) {
                return (format!("{h}:{p}"), true);
            }
        }
    }
    (dir.to_string(), false)
}

/// MS611 in a hosts.toml: containerd ignores the whole file.
fn wrong_type(out: &mut Imported, loc: &str, key: &str, item: &Item, want: Kind) {
    super::wrong_type(
        out,
        loc.to_string(),
        key,
        item,
        want,
        Effect::IgnoresFile,
        None,
    );
}

/// One `[host."URL"]` table (or the root) as a mirror.
fn read_host(url: &str, t: &dyn TableLike, loc: &str, out: &mut Imported) -> Mirror {
    let mut m = Mirror {
        url: url.to_string(),
        provider: catalog()
            .provider_for_url(url)
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        ..Mirror::default()
    };
    if let Some(item) = t.get("capabilities") {
        match item.as_array() {
            Some(arr) => {
                if arr.iter().any(|v| !v.is_str()) {
                    wrong_type(out, loc, "capabilities", item, Kind::StrArray);
                }
                let mut caps = Vec::new();
                for v in arr.iter() {
                    let Some(name) = v.as_str() else {
                        continue;
                    };
                    // containerd lowercases each capability before matching.
                    match Capability::parse(&name.to_lowercase()) {
                        Some(c) => caps.push(c),
                        None => {
                            let shown = v.to_string();
                            let shown = shown.trim();
                            out.findings.push(ImportFinding::new(
                                "MS610",
                                Severity::Error,
                                loc.to_string(),
                                text!(
                                    "Unknown capability {shown}: containerd logs an error and ignores the whole file, so pulls go to the upstream without telling you.",
                                    "未知能力 {shown}：containerd 只记录一条错误日志并忽略整个文件，拉取会在不提示的情况下直接访问上游。"
                                ),
                                text!("Use pull, resolve, push (and referrers on 2.2+).", "请使用 pull、resolve、push（2.2+ 还可用 referrers）。"),
                            ));
                        }
                    }
                }
                // An empty list means every capability (push too); a list
                // whose names were all unknown keeps the default instead.
                if !caps.is_empty() || arr.is_empty() {
                    m.capabilities = caps;
                }
            }
            None => wrong_type(out, loc, "capabilities", item, Kind::Capabilities),
        }
    }
    if let Some(item) = t.get("skip_verify") {
        match item.as_bool() {
            Some(b) => m.skip_verify = b,
            None => wrong_type(out, loc, "skip_verify", item, Kind::Bool),
        }
    }
    if let Some(item) = t.get("override_path") {
        match item.as_bool() {
            Some(b) => m.override_path = b,
            None => wrong_type(out, loc, "override_path", item, Kind::Bool),
        }
    }
    if let Some(item) = t.get("ca") {
        match strings(item) {
            Some(v) => m.ca = v,
            None => wrong_type(out, loc, "ca", item, Kind::Paths),
        }
    }
    if let Some(item) = t.get("dial_timeout") {
        match item.as_str() {
            Some(s) => m.dial_timeout = s.to_string(),
            None => wrong_type(out, loc, "dial_timeout", item, Kind::Duration),
        }
    }
    if let Some(item) = t.get("client") {
        let mut ok = true;
        if let Some(s) = item.as_str() {
            m.client.push(ClientCert {
                cert: s.to_string(),
                key: String::new(),
            });
        } else if let Some(arr) = item.as_array() {
            for v in arr.iter() {
                if let Some(s) = v.as_str() {
                    m.client.push(ClientCert {
                        cert: s.to_string(),
                        key: String::new(),
                    });
                } else if let Some(pair) = v.as_array().filter(|p| p.len() == 2) {
                    let s = |i: usize| {
                        pair.get(i)
                            .and_then(|x| x.as_str())
                            .unwrap_or("")
                            .to_string()
                    };
                    m.client.push(ClientCert {
                        cert: s(0),
                        key: s(1),
                    });
                } else {
                    ok = false;
                }
            }
        } else {
            ok = false;
        }
        if !ok {
            wrong_type(out, loc, "client", item, Kind::ClientCerts);
        }
    }
    match t.get("header").map(|h| (h, h.as_table_like())) {
        Some((_, Some(h))) => {
            for (name, v) in h.iter() {
                match strings(v) {
                    Some(values) => m.headers.push(Header {
                        name: name.to_string(),
                        value: values.join(", "),
                    }),
                    None => wrong_type(
                        out,
                        loc,
                        &key_path(&["header", name]),
                        v,
                        Kind::StrOrStrArray,
                    ),
                }
            }
        }
        Some((h, None)) => wrong_type(out, loc, "header", h, Kind::Table),
        None => {}
    }
    for (key, _) in t.iter() {
        if !HOST_KEYS.contains(&key) && key != "server" && key != "host" {
            out.findings.push(ImportFinding::new(
                "MS612",
                Severity::Warning,
                loc.to_string(),
                text!(
                    "Unknown key {key}: containerd ignores it without a word.",
                    "未知配置项 {key}：containerd 会静默忽略。"
                ),
                {
                    let known = HOST_KEYS.join(", ");
                    text!(
                        "Check the spelling; known keys: {known}.",
                        "请检查拼写；有效的配置项：{known}。"
                    )
                },
            ));
        }
    }
    m
}

/// Capabilities as containerd gives them to a host table, or to the root
/// when a `server` is written: the names listed (in any case), or pull,
/// resolve and push when the list is absent or empty. A bit set of
/// [`PULL`], [`RESOLVE`] and [`PUSH`] (referrers are left out).
fn effective_caps(t: &dyn TableLike) -> u8 {
    let Some(arr) = t.get("capabilities").and_then(Item::as_array) else {
        return ALL_CAPS;
    };
    if arr.is_empty() {
        return ALL_CAPS;
    }
    arr.iter()
        .filter_map(|v| v.as_str())
        .map(|c| match Capability::parse(&c.to_lowercase()) {
            Some(Capability::Pull) => PULL,
            Some(Capability::Resolve) => RESOLVE,
            Some(Capability::Push) => PUSH,
            _ => 0,
        })
        .fold(0, |a, b| a | b)
}

const PULL: u8 = 1;
const RESOLVE: u8 = 2;
const PUSH: u8 = 4;
const ALL_CAPS: u8 = PULL | RESOLVE | PUSH;

/// The registry itself as the last `[host]` table, with nothing but the URL
/// and capabilities, is the upstream that containerd appends anyway:
/// - at the server's own address, it is left out when the server may do
///   all it may (`host_caps` being what its table gives, `server_caps` what
///   the root gets: its capabilities with a `server` line, all of them
///   without, as containerd overwrites them): the same URL, asked next;
/// - at another address of the registry (plain http, a port) with no
///   server written, it becomes `server` (keeping its scheme and port) when
///   it has every capability, as the server then has.
///
/// Anywhere else, with settings of its own, or with capabilities the
/// server would lack or gain, it stays a host as written.
fn fold_into_server(
    name: &str,
    m: &Mirror,
    (host_caps, server_caps): (u8, u8),
    reg: &mut Registry,
    loc: &str,
    out: &mut Imported,
) -> bool {
    let Ok(u) = Url::parse(&m.url, UrlRules::MIRROR) else {
        return false;
    };
    let plain = m.ca.is_empty()
        && m.client.is_empty()
        && !m.skip_verify
        && m.headers.is_empty()
        && !m.override_path
        && m.dial_timeout.is_empty()
        && (u.path.is_empty() || u.path == "/v2");
    let kind = endpoint(name, &u);
    if !plain || kind == Endpoint::Mirror {
        return false;
    }
    let root = |s: &str| {
        Url::parse(s, UrlRules::MIRROR)
            .ok()
            .map(|s| api_root(&s, false))
    };
    let same_url = if reg.server.is_empty() {
        // No server: the upstream Mirrorsmith and containerd use without one.
        matches!(kind, Endpoint::Upstream | Endpoint::Alias)
    } else {
        root(&reg.server) == Some(api_root(&u, false))
    };
    if same_url && host_caps & !server_caps != 0 {
        // pull and resolve before a push-only root: pulls reach it only here.
        return false;
    }
    let url = &m.url;
    if same_url {
        out.findings.push(ImportFinding::new(
            "MS619",
            Severity::Info,
            loc.to_string(),
            text!(
                "{url} is {name} itself, which containerd tries last anyway: no host table needed.",
                "{url} 就是 {name} 本身，containerd 本来就会最后尝试它：无需单独的主机表。"
            ),
            text!("Nothing to do.", "无需操作。"),
        ));
        return true;
    }
    match (reg.server.is_empty(), kind) {
        (
            true,
            Endpoint::Server {
                url: server,
                assumed,
            },
        ) if host_caps == ALL_CAPS && server_caps == ALL_CAPS => {
            out.findings.push(ImportFinding::new(
                "MS619",
                Severity::Info,
                loc.to_string(),
                text!(
                    "{url} is {name} itself: it becomes the upstream, server = \"{server}\", so its scheme and port are kept (without it, {assumed} would be used).",
                    "{url} 就是 {name} 本身：它成为上游 server = \"{server}\"，协议和端口保持不变（否则会使用 {assumed}）。"
                ),
                text!("Nothing to do.", "无需操作。"),
            ));
            reg.server = server;
            true
        }
        _ => false,
    }
}

/// What the root of a hosts.toml sets for the upstream that a profile
/// cannot hold: TLS files, skip_verify, headers, override_path and
/// dial_timeout apply to `server` (or containerd's default host), but a
/// profile keeps settings only per mirror (MS625). And capabilities without
/// a server line, which containerd replaces by all of them (MS626).
fn root_settings_dropped(root: &dyn TableLike, server_line: bool, loc: &str, out: &mut Imported) {
    let dropped: Vec<&str> = HOST_KEYS
        .iter()
        .copied()
        .filter(|k| *k != "capabilities" && root.contains_key(k))
        .collect();
    if !dropped.is_empty() {
        let keys = dropped.join(", ");
        out.findings.push(ImportFinding::new(
            "MS625",
            Severity::Warning,
            loc.to_string(),
            text!(
                "The root sets {keys} for the upstream (server, or the registry itself): a profile keeps such settings only for mirrors, so they were not imported and the files Mirrorsmith writes leave them out.",
                "根级别为上游（server 或仓库本身）设置了 {keys}：配置模型只能为镜像源保存这些设置，所以它们没有被导入，Mirrorsmith 生成的文件也不会包含。"
            ),
            text!(
                "If the upstream needs them (a private CA, a client certificate, a header), add the registry itself as its last mirror with these settings: containerd asks it with them before the server.",
                "如果上游需要它们（私有 CA、客户端证书、请求头），请把仓库本身作为最后一个镜像源并加上这些设置：containerd 会在 server 之前带着它们请求它。"
            ),
        ));
    }
    if !server_line && root.contains_key("capabilities") {
        out.findings.push(ImportFinding::new(
            "MS626",
            Severity::Warning,
            loc.to_string(),
            text!(
                "capabilities at the root without a server line have no effect: containerd gives the registry itself, as the last host, pull, resolve and push.",
                "没有 server 行时，根级别的 capabilities 不起作用：containerd 会给作为最后一个地址的仓库本身 pull、resolve 和 push 能力。"
            ),
            text!(
                "To keep the upstream for push only, write its server line too (turning off the upstream fallback does).",
                "若要让上游只用于推送，请同时写上 server 行（关闭回退到上游即可生成）。"
            ),
        ));
    }
}

/// A directory without hosts.toml (left over, or a misspelled file name).
pub(super) fn missing(dir: &str, out: &mut Imported) {
    out.findings.push(ImportFinding::new(
        "MS621",
        Severity::Warning,
        format!("certs.d/{dir}/"),
        text!(
            "{dir}/ has no hosts.toml, yet containerd picks this directory first: that registry gets no mirror and no _default.",
            "{dir}/ 中没有 hosts.toml，但 containerd 仍会优先选中该目录：该仓库既没有镜像源，也不会使用 _default。"
        ),
        text!("Remove the directory, or check the file name (hosts.toml).", "请删除该目录，或检查文件名（hosts.toml）。"),
    ));
}

pub(super) fn read(dir: &str, text: &str, out: &mut Imported) -> Option<Registry> {
    let loc = format!("certs.d/{dir}/hosts.toml");
    let (name, converted) = registry_name(dir);
    if converted {
        out.findings.push(ImportFinding::new(
            "MS618",
            Severity::Info,
            loc.clone(),
            text!(
                "The directory {dir} is containerd's form of {name}.",
                "目录 {dir} 是 containerd 对 {name} 的另一种写法。"
            ),
            text!("Generated files use {name}.", "生成的文件使用 {name}。"),
        ));
    }
    if let Err(e) = RegistryHost::parse(&name) {
        let why = e.describe();
        out.findings.push(ImportFinding::new(
            "MS609",
            Severity::Error,
            loc,
            crate::i18n::Text::new(
                format!(
                    "The directory name {dir} {}: no image reference ever selects it.",
                    why.en
                ),
                format!("目录名 {dir} {}：任何镜像引用都不会选中它。", why.zh),
            ),
            text!(
                "Name the directory after the registry host (docker.io, host:port).",
                "请用仓库主机名命名目录（docker.io、host:port）。"
            ),
        ));
        return None;
    }
    let doc = match text.parse::<DocumentMut>() {
        Ok(d) => d,
        Err(e) => {
            let detail = e.to_string();
            out.findings.push(ImportFinding::new(
                "MS609",
                Severity::Error,
                loc,
                text!(
                    "Not valid TOML: {detail}. containerd logs one error and pulls from the upstream as if the file were not there.",
                    "不是有效的 TOML：{detail}。containerd 只记录一条错误日志，然后像没有这个文件一样从上游拉取。"
                ),
                text!("Fix the TOML, or let Mirrorsmith write the file.", "请修正 TOML，或由 Mirrorsmith 生成该文件。"),
            ));
            return None;
        }
    };
    let root = doc.as_table();
    let mut reg = Registry::new(name.clone());
    if let Some(item) = root.get("server") {
        match item.as_str() {
            Some(s) => {
                // The upstream used without a server line needs none.
                let assumed = Url::parse(s, UrlRules::MIRROR)
                    .is_ok_and(|u| endpoint(&name, &u) == Endpoint::Upstream);
                if !assumed {
                    reg.server = s.to_string();
                }
            }
            None => wrong_type(out, &loc, "server", item, Kind::Url),
        }
    }
    // Root capabilities: push only means "never pull from the upstream".
    let root_entry = read_host("", root, &loc, out);
    let server_line = root.get("server").and_then(Item::as_str).is_some();
    if server_line && root.contains_key("capabilities") && !root_entry.has(Capability::Pull) {
        reg.fallback = false;
    }
    // Without a server line containerd gives the root every capability.
    let server_caps = if server_line {
        effective_caps(root)
    } else {
        ALL_CAPS
    };
    root_settings_dropped(root, server_line, &loc, out);
    let hosts = root.get("host").and_then(Item::as_table_like);
    match hosts {
        Some(h) if !h.is_empty() => {
            let last = h.len() - 1;
            for (i, (url, item)) in h.iter().enumerate() {
                let hloc = format!("{loc}: [host.\"{url}\"]");
                let Some(t) = item.as_table_like() else {
                    wrong_type(out, &hloc, "host", item, Kind::Table);
                    continue;
                };
                let url = with_scheme(url, ("Host", "主机"), &hloc, out);
                let m = read_host(&url, t, &hloc, out);
                let caps = (effective_caps(t), server_caps);
                if i == last && fold_into_server(&name, &m, caps, &mut reg, &hloc, out) {
                    continue;
                }
                reg.mirrors.push(m);
            }
        }
        _ => out.findings.push(ImportFinding::new(
            "MS613",
            Severity::Warning,
            loc.clone(),
            text!(
                "No [host] table: containerd 1.6 and 1.7 (up to 1.7.31) reject such a file (\"invalid `host` tree\").",
                "没有 [host] 表：containerd 1.6 与 1.7（至 1.7.31）会拒绝此文件（\"invalid `host` tree\"）。"
            ),
            text!("Generated files always have one.", "生成的文件总会包含一个。"),
        )),
    }
    let n = reg.mirrors.len();
    out.understood.push(text!(
        "certs.d/{dir}: {n} mirror(s)",
        "certs.d/{dir}：{n} 个镜像源"
    ));
    Some(reg)
}
