//! Share links: the whole profile in a URL fragment, `#p=1.<data>`.
//!
//! Format 1: the profile as JSON, with fields equal to the default left out,
//! object keys shortened by a fixed table, mirror URLs that a frozen,
//! append-only table (`data/share-v1-mirrors.toml`) implies left out, then
//! raw deflate and base64url. Old formats stay decodable; a newer format is
//! refused with a clear message.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use flate2::read::DeflateDecoder;
use flate2::{Compress, Compression, FlushCompress, Status};
use serde_json::Value;

use crate::i18n::Text;
use crate::plan::{Url, UrlRules};
use crate::profile::{
    is_default_capabilities, is_false, is_true, Capability, ClientCert, ColimaTarget,
    ContainerdTarget, DockerTarget, Header, Mirror, Profile, Proxy, Registry,
};
use crate::text;

/// The format this build writes.
pub const FORMAT: u32 = 1;
/// Decoded profiles larger than this are refused (a link is not a zip bomb).
const MAX_JSON: u64 = 512 * 1024;

/// Long key <-> short key, format 1. Append only: never change a pair.
const KEYS: &[(&str, &str)] = &[
    ("name", "n"),
    ("containerd", "c"),
    ("docker", "d"),
    ("colima", "o"),
    ("host_environment", "e"),
    ("kubernetes", "k"),
    ("registry", "r"),
    ("proxy", "x"),
    ("sandbox_image", "s"),
    ("systemd_cgroup", "g"),
    ("version", "v"),
    ("config", "f"),
    ("config_path", "cp"),
    ("engine", "en"),
    ("client_proxy", "cx"),
    ("runtime", "rt"),
    ("profile", "pf"),
    ("host", "h"),
    ("mirror", "m"),
    ("fallback", "fb"),
    ("server", "sv"),
    ("url", "u"),
    ("provider", "p"),
    ("capabilities", "cap"),
    ("skip_verify", "sk"),
    ("ca", "ca"),
    ("client", "cl"),
    ("cert", "ce"),
    ("key", "ke"),
    ("header", "hd"),
    ("value", "va"),
    ("override_path", "op"),
    ("dial_timeout", "dt"),
    ("http", "hp"),
    ("https", "hs"),
    ("presets", "ps"),
    ("no_proxy", "np"),
    ("mirrors_bypass", "mb"),
    ("k3s", "k3"),
];

/// The short key for a model key: a scan of the table, cheaper than
/// hashing each key of a link (links are written on every edit).
fn short_key(long: &str) -> Option<&'static str> {
    KEYS.iter()
        .find(|(l, _)| *l == long)
        .map(|(_, short)| *short)
}

/// The key table from short to long, for reading links.
fn short_to_long() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| KEYS.iter().map(|(long, short)| (*short, *long)).collect())
}

/// The tree with short keys (as links carry them) turned back into the
/// model's names; keys the table does not know stay as they are.
fn long_keys(v: Value) -> Value {
    let short_to_long = short_to_long();
    match v {
        Value::Object(obj) => Value::Object(
            obj.into_iter()
                .map(|(k, v)| {
                    let k = match short_to_long.get(k.as_str()) {
                        Some(long) => (*long).to_string(),
                        None => k,
                    };
                    (k, long_keys(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(long_keys).collect()),
        other => other,
    }
}

/// Format 1's frozen (provider id, registry, URL) rows, from
/// `data/share-v1-mirrors.toml`: never the live provider catalog, which
/// changes with the mirror landscape.
fn frozen_mirrors() -> &'static [(String, String, String)] {
    #[derive(serde::Deserialize)]
    struct File {
        mirrors: Vec<(String, String, String)>,
    }
    static ROWS: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    ROWS.get_or_init(|| {
        // build.rs converts the data file to JSON; tests cover it.
        serde_json::from_str::<File>(include_str!(concat!(
            env!("OUT_DIR"),
            "/share-v1-mirrors.json"
        )))
        .map(|f| f.mirrors)
        // Part of the build and covered by tests: a failure is a build defect.
        .expect("data/share-v1-mirrors.toml")
    })
}

/// The URL a format-1 link means by a mirror that names only `provider`,
/// on the registry `host`: the first frozen row that matches.
fn implied_url(provider: &str, host: &str) -> Option<Cow<'static, str>> {
    if provider.is_empty() {
        return None;
    }
    frozen_mirrors().iter().find_map(|(p, r, url)| {
        if p != provider {
            None
        } else if r == host {
            Some(Cow::Borrowed(url.as_str()))
        } else if r == "*" && !(url.contains("{registry}") && host == "_default") {
            Some(Cow::Owned(url.replace("{registry}", host)))
        } else {
            None
        }
    })
}

/// Mirrors of provider presets that a link names by provider only get the
/// URL the frozen table gives for their registry.
fn expand_implied_urls(v: &mut Value) {
    let Some(registries) = v.get_mut("registry").and_then(Value::as_array_mut) else {
        return;
    };
    for reg in registries {
        let host = reg
            .get("host")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let Some(mirrors) = reg.get_mut("mirror").and_then(Value::as_array_mut) else {
            continue;
        };
        for m in mirrors.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(implied) = m
                .get("provider")
                .and_then(Value::as_str)
                .and_then(|p| implied_url(p, &host))
            {
                m.entry("url")
                    .or_insert_with(|| Value::String(implied.into_owned()));
            }
        }
    }
}

/// `value` without the password of its userinfo, or None when it has none.
/// A URL that parses loses what follows the `:` of its userinfo. One that
/// does not (an unencoded `@` in the password, no scheme, credentials in a
/// mirror URL) is cut as text: after `scheme://` (or from the start) up to
/// the LAST `@` is userinfo, and only what precedes its first `:` is kept.
/// That is wider than the URL's authority (which ends at the first `/`, `?`
/// or `#`) on purpose: an unencoded password may hold those too, and a value
/// that does not parse is broken anyway.
fn without_password(value: &str, rules: UrlRules) -> Option<String> {
    // No `@`, no userinfo (and no parsing: this runs on every edit).
    if !value.contains('@') {
        return None;
    }
    if let Ok(mut u) = Url::parse(value, rules) {
        let user = u.userinfo.as_deref()?.split_once(':')?.0.to_string();
        u.userinfo = Some(user);
        return Some(u.to_string());
    }
    // Only a real scheme counts: "user:pa://ss@host" has none.
    let start = match value.find("://") {
        Some(i)
            if value[..i].starts_with(|c: char| c.is_ascii_alphabetic())
                && value[..i]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b)) =>
        {
            i + 3
        }
        _ => 0,
    };
    let rest = &value[start..];
    let at = rest.rfind('@')?;
    let colon = rest[..at].find(':')?;
    Some(format!(
        "{}{}",
        &value[..start + colon],
        &value[start + at..]
    ))
}

/// Every URL field of a profile that may carry credentials, with its rules:
/// `credential_urls!(&p)` reads them, `credential_urls!(&mut p, mut)` edits
/// them - one list for counting and for stripping.
macro_rules! credential_urls {
    ($p:expr $(, $m:ident)?) => {{
        let p = $p;
        let mut urls = vec![
            (&$($m)? p.proxy.http, UrlRules::PROXY),
            (&$($m)? p.proxy.https, UrlRules::PROXY),
        ];
        for reg in &$($m)? p.registries {
            urls.push((&$($m)? reg.server, UrlRules::MIRROR));
            for m in &$($m)? reg.mirrors {
                urls.push((&$($m)? m.url, UrlRules::MIRROR));
            }
        }
        urls
    }};
}

/// The profile without secrets: URL passwords (proxy, mirror and server
/// URLs, parsed or not) and every header but the few known harmless ones
/// ([`crate::profile::HARMLESS_HEADERS`]).
pub fn without_secrets(profile: &Profile) -> Profile {
    let mut p = profile.clone();
    for (url, rules) in credential_urls!(&mut p, mut) {
        if let Some(stripped) = without_password(url, rules) {
            *url = stripped;
        }
    }
    for reg in &mut p.registries {
        for m in &mut reg.mirrors {
            m.headers.retain(|h| !h.is_secret());
        }
    }
    p
}

/// How many secrets a link without them leaves out.
pub fn secret_count(profile: &Profile) -> usize {
    let passwords = credential_urls!(profile)
        .into_iter()
        .filter(|(url, rules)| without_password(url, *rules).is_some())
        .count();
    let headers = profile
        .registries
        .iter()
        .flat_map(|r| &r.mirrors)
        .flat_map(|m| &m.headers)
        .filter(|h| h.is_secret())
        .count();
    passwords + headers
}

/// `1.<data>`: the fragment value for a profile.
pub fn encode(profile: &Profile, include_secrets: bool) -> String {
    let (link, explicit_empty) = LinkProfile::new(profile, include_secrets);
    let mut json = Vec::with_capacity(1024 + 128 * profile.registries.len());
    let mut ser = serde_json::Serializer::with_formatter(&mut json, ShortKeys::default());
    // Writing into a Vec cannot fail. The default profile serializes to
    // `{}` (a test holds it there), so fields equal to it are never written.
    let _ = if explicit_empty.is_empty() {
        serde::Serialize::serialize(&link, &mut ser)
    } else {
        let mut v = serde_json::to_value(&link).unwrap_or(Value::Null);
        for pointer in &explicit_empty {
            if let Some(m) = v.pointer_mut(pointer).and_then(Value::as_object_mut) {
                m.insert("url".into(), Value::String(String::new()));
            }
        }
        serde::Serialize::serialize(&v, &mut ser)
    };
    format!("{FORMAT}.{}", URL_SAFE_NO_PAD.encode(deflate(&json)))
}

/// The profile as a link carries it, borrowed instead of cloned and edited
/// (links are written on every edit): without secrets unless asked (as
/// [`without_secrets`]), and mirrors whose URL the frozen table implies
/// with only their provider. Serializes as the model does, field for field
/// (the same renames and `skip_serializing_if`; a property test holds the
/// bytes equal to serializing the edited clone). The model's structs are
/// destructured without `..`: a new field does not compile until it is
/// written here too.
#[derive(serde::Serialize)]
struct LinkProfile<'p> {
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'p str,
    #[serde(skip_serializing_if = "Option::is_none")]
    containerd: Option<&'p ContainerdTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    docker: Option<&'p DockerTarget>,
    #[serde(skip_serializing_if = "Option::is_none")]
    colima: Option<&'p ColimaTarget>,
    #[serde(skip_serializing_if = "is_false")]
    host_environment: bool,
    #[serde(skip_serializing_if = "is_false")]
    kubernetes: bool,
    #[serde(rename = "registry", skip_serializing_if = "Vec::is_empty")]
    registries: Vec<LinkRegistry<'p>>,
    #[serde(skip_serializing_if = "Proxy::is_empty")]
    proxy: Cow<'p, Proxy>,
    #[serde(skip_serializing_if = "str::is_empty")]
    sandbox_image: &'p str,
    #[serde(skip_serializing_if = "Option::is_none")]
    systemd_cgroup: Option<bool>,
}

#[derive(serde::Serialize)]
struct LinkRegistry<'p> {
    host: &'p str,
    #[serde(rename = "mirror", skip_serializing_if = "Vec::is_empty")]
    mirrors: Vec<LinkMirror<'p>>,
    #[serde(skip_serializing_if = "is_true")]
    fallback: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    server: Cow<'p, str>,
}

#[derive(serde::Serialize)]
struct LinkMirror<'p> {
    #[serde(skip_serializing_if = "str::is_empty")]
    url: Cow<'p, str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    provider: &'p str,
    #[serde(skip_serializing_if = "is_default_capabilities")]
    capabilities: &'p [Capability],
    #[serde(skip_serializing_if = "is_false")]
    skip_verify: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    ca: &'p [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    client: &'p [ClientCert],
    #[serde(rename = "header", skip_serializing_if = "Vec::is_empty")]
    headers: Vec<&'p Header>,
    #[serde(skip_serializing_if = "is_false")]
    override_path: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    dial_timeout: &'p str,
}

impl<'p> LinkProfile<'p> {
    /// The view, and the JSON pointers of mirrors whose EMPTY URL must be
    /// written as `"u":""` (the table implies one: left out, the link would
    /// mean the preset's).
    fn new(profile: &'p Profile, include_secrets: bool) -> (LinkProfile<'p>, Vec<String>) {
        let Profile {
            name,
            containerd,
            docker,
            colima,
            host_environment,
            kubernetes,
            registries,
            proxy,
            sandbox_image,
            systemd_cgroup,
        } = profile;
        // The URL as the link writes it: without its password unless asked.
        let shown = |url: &'p str, rules| match include_secrets {
            true => Cow::Borrowed(url),
            false => without_password(url, rules).map_or(Cow::Borrowed(url), Cow::Owned),
        };
        let (http, https) = (
            shown(&proxy.http, UrlRules::PROXY),
            shown(&proxy.https, UrlRules::PROXY),
        );
        let proxy = match (http, https) {
            (Cow::Borrowed(_), Cow::Borrowed(_)) => Cow::Borrowed(proxy),
            (http, https) => Cow::Owned(Proxy {
                http: http.into_owned(),
                https: https.into_owned(),
                ..proxy.clone()
            }),
        };
        let mut explicit_empty = Vec::new();
        let registries = registries
            .iter()
            .enumerate()
            .map(|(ri, reg)| {
                let Registry {
                    host,
                    mirrors,
                    fallback,
                    server,
                } = reg;
                let mirrors = mirrors
                    .iter()
                    .enumerate()
                    .map(|(mi, m)| {
                        let Mirror {
                            url,
                            provider,
                            capabilities,
                            skip_verify,
                            ca,
                            client,
                            headers,
                            override_path,
                            dial_timeout,
                        } = m;
                        let mut url = shown(url, UrlRules::MIRROR);
                        // A URL the frozen table implies is left out: the
                        // provider stands for it.
                        match implied_url(provider, host) {
                            Some(implied) if implied == url => url = Cow::Borrowed(""),
                            Some(_) if url.is_empty() => {
                                explicit_empty.push(format!("/registry/{ri}/mirror/{mi}"))
                            }
                            _ => {}
                        }
                        LinkMirror {
                            url,
                            provider,
                            capabilities,
                            skip_verify: *skip_verify,
                            ca,
                            client,
                            headers: headers
                                .iter()
                                .filter(|h| include_secrets || !h.is_secret())
                                .collect(),
                            override_path: *override_path,
                            dial_timeout,
                        }
                    })
                    .collect();
                LinkRegistry {
                    host,
                    mirrors,
                    fallback: *fallback,
                    server: shown(server, UrlRules::MIRROR),
                }
            })
            .collect();
        let link = LinkProfile {
            name,
            containerd: containerd.as_ref(),
            docker: docker.as_ref(),
            colima: colima.as_ref(),
            host_environment: *host_environment,
            kubernetes: *kubernetes,
            registries,
            proxy,
            sandbox_image,
            systemd_cgroup: *systemd_cgroup,
        };
        (link, explicit_empty)
    }
}

/// Writes JSON with object keys shortened by [`KEYS`] as they are written:
/// the same bytes as renaming the tree first, without rebuilding it. Keys
/// must be strings (the model has struct fields and no maps; serde_json
/// writes number keys without `begin_string`, which this would misplace).
#[derive(Default)]
struct ShortKeys {
    /// Inside an object key: its text is collected in `key`, not written.
    in_key: bool,
    /// The key being collected (one buffer for every key of the link).
    key: String,
}

impl serde_json::ser::Formatter for ShortKeys {
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.in_key = true;
        self.key.clear();
        if first {
            Ok(())
        } else {
            w.write_all(b",")
        }
    }

    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.in_key = false;
        match short_key(&self.key) {
            // Short keys are plain identifiers (a test holds it): nothing to escape.
            Some(short) => {
                w.write_all(b"\"")?;
                w.write_all(short.as_bytes())?;
                w.write_all(b"\"")
            }
            None => serde_json::to_writer(w, self.key.as_str()).map_err(std::io::Error::other),
        }
    }

    fn begin_string<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.in_key {
            Ok(())
        } else {
            w.write_all(b"\"")
        }
    }

    fn end_string<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.in_key {
            Ok(())
        } else {
            w.write_all(b"\"")
        }
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if self.in_key {
            self.key.push_str(fragment);
            Ok(())
        } else {
            w.write_all(fragment.as_bytes())
        }
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        if self.in_key {
            // The key's text is kept unescaped; end_object_key escapes it.
            self.key.push(unescaped(escape));
            Ok(())
        } else {
            serde_json::ser::CompactFormatter.write_char_escape(w, escape)
        }
    }
}

/// The character a JSON escape stands for.
fn unescaped(escape: serde_json::ser::CharEscape) -> char {
    use serde_json::ser::CharEscape::*;
    match escape {
        Quote => '"',
        ReverseSolidus => '\\',
        Solidus => '/',
        Backspace => '\u{8}',
        FormFeed => '\u{c}',
        LineFeed => '\n',
        CarriageReturn => '\r',
        Tab => '\t',
        AsciiControl(b) => char::from(b),
    }
}

/// Raw deflate at level 4: on profiles it writes the same bytes as the best
/// level (measured on 9 and 50 registries) in three quarters of the time.
/// The compressor is kept and reset: setting one up zeroes ~300 KB of
/// tables, which cost more than compressing a profile.
fn deflate(data: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(4), false));
    }
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        c.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let done = c.total_in() as usize;
            match c.compress_vec(&data[done..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) | Err(_) => break,
                Ok(_) => out.reserve(out.capacity().max(64)),
            }
        }
        out
    })
}

/// The share link: `app_url` (any fragment dropped) + `#p=<data>`.
pub fn link(app_url: &str, profile: &Profile, include_secrets: bool) -> String {
    let base = app_url.split('#').next().unwrap_or("");
    format!("{base}#p={}", encode(profile, include_secrets))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    Empty,
    NoProfile,
    TooNew(u32),
    BadFormat,
    Corrupt,
    TooLarge,
    Invalid(String),
}

impl ShareError {
    pub fn describe(&self) -> Text {
        match self {
            ShareError::Empty => text!("The link is empty.", "链接为空。"),
            ShareError::NoProfile => text!(
                "The link holds no profile (no #p= part).",
                "链接中没有配置（缺少 #p= 部分）。"
            ),
            ShareError::TooNew(v) => text!(
                "The link was made by a newer Mirrorsmith (format {v}); this version reads format 1. Update, or ask for a new link.",
                "该链接由更新版本的 Mirrorsmith 生成（格式 {v}），当前版本只能读取格式 1。请升级，或重新获取链接。"
            ),
            ShareError::BadFormat => text!(
                "The link is not a Mirrorsmith link (expected #p=1.…).",
                "这不是 Mirrorsmith 链接（应为 #p=1.…）。"
            ),
            ShareError::Corrupt => text!(
                "The link is damaged (cut off or changed while copying).",
                "链接已损坏（复制时被截断或修改）。"
            ),
            ShareError::TooLarge => text!("The link holds too much data.", "链接中的数据过大。"),
            ShareError::Invalid(e) => text!(
                "The link's profile cannot be read: {e}. It may come from a newer Mirrorsmith.",
                "无法读取链接中的配置：{e}。它可能来自更新版本的 Mirrorsmith。"
            ),
        }
    }
}

/// Reads a profile from a link, a fragment (`#p=…`, `p=…`) or the bare data (`1.…`).
pub fn decode(input: &str) -> Result<Profile, ShareError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ShareError::Empty);
    }
    let fragment = match s.split_once('#') {
        Some((_, f)) => f,
        None if s.contains("://") => return Err(ShareError::NoProfile),
        None => s,
    };
    let data = fragment
        .split('&')
        .find_map(|kv| kv.strip_prefix("p="))
        .unwrap_or(fragment);
    if data.is_empty() {
        return Err(ShareError::NoProfile);
    }
    let (version, payload) = data.split_once('.').ok_or(ShareError::BadFormat)?;
    let version: u32 = version.parse().map_err(|_| ShareError::BadFormat)?;
    match version {
        1 => decode_v1(payload),
        v if v > FORMAT => Err(ShareError::TooNew(v)),
        _ => Err(ShareError::BadFormat),
    }
}

fn decode_v1(payload: &str) -> Result<Profile, ShareError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| ShareError::Corrupt)?;
    let mut json = Vec::new();
    DeflateDecoder::new(bytes.as_slice())
        .take(MAX_JSON + 1)
        .read_to_end(&mut json)
        .map_err(|_| ShareError::Corrupt)?;
    if json.len() as u64 > MAX_JSON {
        return Err(ShareError::TooLarge);
    }
    let v: Value = serde_json::from_slice(&json).map_err(|_| ShareError::Corrupt)?;
    if !v.is_object() {
        return Err(ShareError::Corrupt);
    }
    let mut v = long_keys(v);
    expand_implied_urls(&mut v);
    serde_json::from_value(v).map_err(|e| ShareError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `encode` wrote before the borrowed view: the edited clone,
    /// serialized. The view must give the same bytes.
    fn encode_by_cloning(profile: &Profile, include_secrets: bool) -> String {
        let mut p = if include_secrets {
            profile.clone()
        } else {
            without_secrets(profile)
        };
        let mut explicit_empty = Vec::new();
        for (ri, reg) in p.registries.iter_mut().enumerate() {
            for (mi, m) in reg.mirrors.iter_mut().enumerate() {
                match implied_url(&m.provider, &reg.host) {
                    Some(implied) if implied == m.url => m.url.clear(),
                    Some(_) if m.url.is_empty() => {
                        explicit_empty.push(format!("/registry/{ri}/mirror/{mi}"))
                    }
                    _ => {}
                }
            }
        }
        let mut json = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut json, ShortKeys::default());
        if explicit_empty.is_empty() {
            serde::Serialize::serialize(&p, &mut ser).unwrap();
        } else {
            let mut v = serde_json::to_value(&p).unwrap();
            for pointer in &explicit_empty {
                if let Some(m) = v.pointer_mut(pointer).and_then(Value::as_object_mut) {
                    m.insert("url".into(), Value::String(String::new()));
                }
            }
            serde::Serialize::serialize(&v, &mut ser).unwrap();
        }
        format!("{FORMAT}.{}", URL_SAFE_NO_PAD.encode(deflate(&json)))
    }

    mod view {
        use super::*;
        use proptest::prelude::*;

        fn pick(items: &[&str]) -> impl Strategy<Value = String> {
            prop::sample::select(items.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        }

        fn mirror() -> impl Strategy<Value = Mirror> {
            (
                pick(&[
                    "",
                    "https://docker.m.daocloud.io",
                    "https://m.daocloud.io/v2/quay.io",
                    "http://127.0.0.1:65001",
                    "https://bob:hunter2@mirror.corp",
                    "http://alice:p@ss@proxy:3128",
                    "https://ghp_TOKEN@mirror.corp/v2/x",
                    "https://mirror.example.com/v2/proj",
                ]),
                pick(&[
                    "",
                    "daocloud",
                    "daocloud-prefix",
                    "dragonfly",
                    "ustc",
                    "custom",
                ]),
                prop::collection::vec(prop::sample::select(Capability::ALL.to_vec()), 0..3),
                (any::<bool>(), any::<bool>()),
                prop::collection::vec(pick(&["", "/etc/ca.crt", "ca \"q\".pem"]), 0..2),
                prop::collection::vec(
                    (pick(&["", "c.pem"]), pick(&["", "k.pem"]))
                        .prop_map(|(cert, key)| ClientCert { cert, key }),
                    0..2,
                ),
                prop::collection::vec(
                    (
                        pick(&[
                            "Authorization",
                            "User-Agent",
                            "x-dragonfly-registry ",
                            "X-T",
                        ]),
                        pick(&["", "v", "quote \" back\\ tab\t"]),
                    )
                        .prop_map(|(name, value)| Header { name, value }),
                    0..3,
                ),
                pick(&["", "3s"]),
            )
                .prop_map(
                    |(
                        url,
                        provider,
                        capabilities,
                        (skip_verify, override_path),
                        ca,
                        client,
                        headers,
                        dial_timeout,
                    )| Mirror {
                        url,
                        provider,
                        capabilities,
                        skip_verify,
                        ca,
                        client,
                        headers,
                        override_path,
                        dial_timeout,
                    },
                )
        }

        fn registry() -> impl Strategy<Value = Registry> {
            (
                pick(&[
                    "docker.io",
                    "quay.io",
                    "_default",
                    "registry.example.com:5000",
                ]),
                prop::collection::vec(mirror(), 0..4),
                any::<bool>(),
                pick(&[
                    "",
                    "https://carol:s3rv3r@registry.corp",
                    "https://registry-1.docker.io",
                ]),
            )
                .prop_map(|(host, mirrors, fallback, server)| Registry {
                    host,
                    mirrors,
                    fallback,
                    server,
                })
        }

        fn profile() -> impl Strategy<Value = Profile> {
            let proxy_url = || {
                pick(&[
                    "",
                    "http://proxy:3128",
                    "http://alice:S3cr3t@proxy.corp:3128",
                    "alice:pw@proxy:3128",
                ])
            };
            (
                pick(&["", "prod \"nodes\""]),
                (any::<bool>(), any::<bool>(), any::<bool>()),
                (any::<bool>(), any::<bool>()),
                prop::collection::vec(registry(), 0..4),
                (
                    proxy_url(),
                    proxy_url(),
                    prop::collection::vec(pick(&["loopback", "x"]), 0..2),
                    any::<bool>(),
                ),
                pick(&["", "registry.k8s.io/pause:3.10"]),
                proptest::option::of(any::<bool>()),
            )
                .prop_map(
                    |(
                        name,
                        (containerd, docker, colima),
                        (host_environment, kubernetes),
                        registries,
                        (http, https, presets, mirrors_bypass),
                        sandbox_image,
                        systemd_cgroup,
                    )| Profile {
                        name,
                        containerd: containerd.then(Default::default),
                        docker: docker.then(Default::default),
                        colima: colima.then(Default::default),
                        host_environment,
                        kubernetes,
                        registries,
                        proxy: Proxy {
                            http,
                            https,
                            presets,
                            mirrors_bypass,
                            ..Proxy::default()
                        },
                        sandbox_image,
                        systemd_cgroup,
                    },
                )
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

            #[test]
            fn links_are_the_edited_clone_serialized(p in profile(), include_secrets in any::<bool>()) {
                prop_assert_eq!(encode(&p, include_secrets), encode_by_cloning(&p, include_secrets));
            }
        }
    }

    #[test]
    fn short_keys_do_not_collide() {
        for (long, short) in KEYS {
            assert_eq!(KEYS.iter().filter(|(l, _)| l == long).count(), 1, "{long}");
            assert_eq!(
                KEYS.iter().filter(|(_, s)| s == short).count(),
                1,
                "{short}"
            );
            // Written without escaping (see ShortKeys::end_object_key).
            assert!(
                short
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                "{short}"
            );
            // A short key that is also a long key must be the same pair.
            if let Some((l, _)) = KEYS.iter().find(|(l, _)| l == short) {
                assert_eq!(l, long, "{short} is another field's name");
            }
        }
    }

    #[test]
    fn short_keys_are_written_as_renaming_the_tree_would() {
        let mut p = crate::preset::preset("china-mainland")
            .unwrap()
            .profile
            .clone();
        p.proxy.https = "http://proxy.example.com:3128".into();
        p.registries[0].mirrors[0]
            .headers
            .push(crate::profile::Header {
                name: "X-Dragonfly-Registry".into(),
                value: "quote \" back\\ tab\t".into(),
            });
        let v = serde_json::to_value(&p).unwrap();
        let mut json = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut json, ShortKeys::default());
        serde::Serialize::serialize(&v, &mut ser).unwrap();
        let written: Value = serde_json::from_slice(&json).unwrap();
        assert_ne!(written, v, "keys are shortened");
        assert_eq!(long_keys(written), v);
    }

    #[test]
    fn the_default_profile_serializes_to_nothing() {
        // encode writes profiles without diffing them against the default.
        assert_eq!(
            serde_json::to_value(Profile::default()).unwrap(),
            serde_json::json!({})
        );
    }

    #[test]
    fn an_empty_url_stays_empty_where_the_table_implies_one() {
        let mut p = Profile::default();
        let mut hub = crate::profile::Registry::new("docker.io");
        let mut m = crate::profile::Mirror::new("");
        m.provider = "daocloud".into();
        hub.mirrors.push(m.clone());
        m.url = implied_url("daocloud", "docker.io").unwrap().into_owned();
        hub.mirrors.push(m);
        p.registries.push(hub);
        assert_eq!(decode(&encode(&p, false)).unwrap(), p);
    }

    #[test]
    fn default_profile_round_trips_in_a_short_link() {
        let e = encode(&Profile::default(), false);
        assert!(e.len() < 16, "{e}");
        assert_eq!(decode(&e).unwrap(), Profile::default());
    }

    #[test]
    fn passwords_leave_urls_that_do_not_parse() {
        let cases = [
            // Unencoded @ in the password (the audit's leak.toml).
            (
                "http://alice:S3cr3t@pw@proxy.corp:3128",
                Some("http://alice@proxy.corp:3128"),
            ),
            // No scheme.
            ("alice:pw@proxy:3128", Some("alice@proxy:3128")),
            (
                "https://bob:hunter2@mirror.corp",
                Some("https://bob@mirror.corp"),
            ),
            (
                "https://bob:hunter2@mirror.corp/v2/x?y",
                Some("https://bob@mirror.corp/v2/x?y"),
            ),
            // A /, ? or # in the password would end the authority early.
            (
                "http://alice:pa/ss@proxy:3128",
                Some("http://alice@proxy:3128"),
            ),
            (
                "http://alice:p@ss/w?r#d@proxy:3128",
                Some("http://alice@proxy:3128"),
            ),
            ("alice:pa://ss@proxy", Some("alice@proxy")),
            // Parses: the password goes, the user stays.
            (
                "http://alice:p%40ss@proxy:3128",
                Some("http://alice@proxy:3128"),
            ),
            // Nothing to remove.
            ("http://ghp_TOKEN@proxy:3128", None),
            ("proxy:3128", None),
            ("", None),
        ];
        for (input, want) in cases {
            let got = without_password(input, UrlRules::PROXY);
            assert_eq!(got.as_deref(), want, "{input}");
        }
        // A valid mirror URL with an @ in its path is left alone.
        let path_at = "https://mirror.corp:5000/v2/a@b";
        assert_eq!(without_password(path_at, UrlRules::MIRROR), None);
    }

    #[test]
    fn the_audit_leak_profile_links_without_its_passwords() {
        let mut p = Profile::default();
        p.proxy.https = "http://alice:S3cr3t@pw@proxy.corp:3128".into();
        p.proxy.http = "alice:S3cr3t@proxy.corp:3128".into();
        let mut hub = crate::profile::Registry::new("docker.io");
        hub.server = "https://carol:s3rv3r@registry.corp".into();
        hub.mirrors.push(crate::profile::Mirror::new(
            "https://bob:hunter2@mirror.corp",
        ));
        p.registries.push(hub);
        assert_eq!(secret_count(&p), 4);
        let back = decode(&encode(&p, false)).unwrap();
        let text = back.to_toml();
        for secret in ["S3cr3t", "hunter2", "s3rv3r"] {
            assert!(!text.contains(secret), "{secret} in\n{text}");
        }
        assert_eq!(back.proxy.https, "http://alice@proxy.corp:3128");
        assert_eq!(decode(&encode(&p, true)).unwrap(), p);
    }

    /// A link made on 2026-12-01 by the encoder that derived mirror URLs
    /// from the live catalog: every mirror but the last has no URL in it.
    const LINK_2026_12_01: &str = "1.dZDBDsIgEET_Zc8t1oMx4ewXeDIxxiDdlkYoSEFtmv67oJbUxJ7Izs68nTAABzrAHSisyRbGDCzQ4wAiCKXmV7Sk0ZCBeqsmqkxzqX0ZvB-BOa2Ev6TZd47DeIpjpNw865cZyWaxbjpne4JPpoxEwrWim6IoUlCHpLMesx9EbixWzTNd7wzWKGfgc4kV89IljijfTxt2h3xnWa3bSvb5_lsg-O4s7IRzpqOr1b9iAf9tMcVnB2vBlz8tAz9jR2ve4oMoMjliMrBO4ws";

    fn urls(p: &Profile) -> Vec<(&str, &str)> {
        p.registries
            .iter()
            .flat_map(|r| r.mirrors.iter().map(|m| (r.host.as_str(), m.url.as_str())))
            .collect()
    }

    #[test]
    fn links_made_before_the_frozen_table_decode_as_they_did() {
        let p = decode(LINK_2026_12_01).unwrap();
        assert_eq!(
            urls(&p),
            [
                ("docker.io", "https://docker.m.daocloud.io"),
                ("docker.io", "https://atomhub.openatom.cn"),
                ("docker.io", "https://docker.mirrors.ustc.edu.cn"),
                ("quay.io", "https://quay.m.daocloud.io"),
                (
                    "registry.example.com:5000",
                    "https://m.daocloud.io/v2/registry.example.com:5000"
                ),
                ("registry.example.com:5000", "http://127.0.0.1:30020"),
                ("_default", "http://127.0.0.1:65001"),
                ("ghcr.io", "https://ghcr-new.m.daocloud.io"),
            ]
        );
        // And today's encoder writes a link that means the same.
        assert_eq!(decode(&encode(&p, true)).unwrap(), p);
    }

    #[test]
    fn old_links_do_not_follow_a_changed_catalog() {
        // Tomorrow's providers.toml: DaoCloud renames its Docker Hub host and
        // USTC's entry is dropped.
        #[derive(serde::Deserialize)]
        struct File {
            provider: Vec<crate::catalog::Provider>,
        }
        let text = include_str!("../data/providers.toml")
            .replace("https://docker.m.daocloud.io", "https://hub.m.daocloud.io")
            .replace("id = \"ustc\"", "id = \"ustc-gone\"");
        let tomorrow: File = toml::from_str(&text).unwrap();
        let live = |id: &str, host: &str| {
            tomorrow
                .provider
                .iter()
                .find(|p| p.id == id)
                .and_then(|p| p.url_for(host, ""))
        };
        // Deriving from that catalog, as links used to, would change them...
        assert_eq!(
            live("daocloud", "docker.io").as_deref(),
            Some("https://hub.m.daocloud.io")
        );
        assert_eq!(live("ustc", "docker.io"), None);
        // ...the frozen table does not.
        let p = decode(LINK_2026_12_01).unwrap();
        assert_eq!(urls(&p)[0].1, "https://docker.m.daocloud.io");
        assert_eq!(urls(&p)[2].1, "https://docker.mirrors.ustc.edu.cn");
        // A new link with the new URL carries it in full.
        let mut moved = p.clone();
        moved.registries[0].mirrors[0].url = "https://hub.m.daocloud.io".into();
        assert_eq!(decode(&encode(&moved, true)).unwrap(), moved);
    }

    #[test]
    fn frozen_rows_are_append_only() {
        // FNV-1a over the rows as first frozen. Appending rows keeps it;
        // editing, reordering or removing one breaks old links - and this.
        const FIRST_ROWS: usize = 23;
        const HASH: u64 = 0xf2ce_386c_b587_8f40;
        let rows = frozen_mirrors();
        assert!(rows.len() >= FIRST_ROWS);
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (p, r, u) in &rows[..FIRST_ROWS] {
            for b in format!("{p}\t{r}\t{u}\n").bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
        assert_eq!(h, HASH, "{h:#x}");
        for (i, (p, r, u)) in rows.iter().enumerate() {
            assert!(
                !u.contains("{upstream}"),
                "row {i}: the upstream is catalog data"
            );
            assert!(!p.is_empty() && !r.is_empty(), "row {i}");
            assert!(
                Url::parse(&u.replace("{registry}", "r.example"), UrlRules::MIRROR).is_ok(),
                "row {i}: {u}"
            );
        }
    }

    #[test]
    fn wildcard_rows_fill_in_the_registry_but_not_for_default() {
        assert_eq!(
            implied_url("daocloud-prefix", "quay.io").as_deref(),
            Some("https://m.daocloud.io/v2/quay.io")
        );
        assert_eq!(implied_url("daocloud-prefix", "_default"), None);
        assert_eq!(
            implied_url("dragonfly", "_default").as_deref(),
            Some("http://127.0.0.1:65001")
        );
        assert_eq!(implied_url("daocloud", "registry.example.com"), None);
        assert_eq!(implied_url("aliyun", "docker.io"), None, "needs an id");
    }

    #[test]
    fn the_typical_china_mainland_link_fits_the_budget() {
        // The bench's typical profile: 9 registries with DaoCloud mirrors and a proxy.
        let mut p = crate::preset::preset("china-mainland")
            .unwrap()
            .profile
            .clone();
        p.registries.truncate(9);
        p.proxy.https = "http://proxy.example.com:3128".into();
        p.proxy.presets = ["loopback", "cluster-domains", "kubeadm-services"]
            .map(String::from)
            .to_vec();
        let l = link("http://127.0.0.1:8080/", &p, false);
        assert!(l.len() <= 300, "{} characters: {l}", l.len());
    }

    #[test]
    fn refuses_garbage_and_newer_formats() {
        assert_eq!(decode(""), Err(ShareError::Empty));
        assert_eq!(decode("https://x/"), Err(ShareError::NoProfile));
        assert_eq!(decode("#p=9.abc"), Err(ShareError::TooNew(9)));
        assert_eq!(decode("#p=1.!!!"), Err(ShareError::Corrupt));
        assert_eq!(decode("#p=1.aGVsbG8"), Err(ShareError::Corrupt));
        assert_eq!(decode("#p=zz"), Err(ShareError::BadFormat));
    }
}
