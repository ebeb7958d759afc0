//! A strict parser for the URLs users type: mirror, server and proxy URLs.
//!
//! Deliberately narrower than RFC 3986: no query, no fragment, ASCII hosts
//! only, so that whatever passes can be written into any config format and
//! means the same thing to containerd, dockerd and the proxy tools.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::i18n::Text;
use crate::text;

/// A host as written in a URL, NO_PROXY entry or registry name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Host {
    Name(String),
    Ip(IpAddr),
}

impl Host {
    /// Parses a bare host: a DNS name, an IPv4 literal or a bracketed IPv6 literal.
    pub fn parse(s: &str) -> Result<Host, UrlError> {
        if s.is_empty() {
            return Err(UrlError::EmptyHost);
        }
        if let Some(inner) = s.strip_prefix('[') {
            let inner = inner
                .strip_suffix(']')
                .ok_or_else(|| UrlError::BadHost(s.to_string()))?;
            return inner
                .parse::<Ipv6Addr>()
                .map(|ip| Host::Ip(IpAddr::V6(ip)))
                .map_err(|_| UrlError::BadHost(s.to_string()));
        }
        if !s.is_ascii() {
            return Err(UrlError::NonAsciiHost(s.to_string()));
        }
        let bad = || UrlError::BadHost(s.to_string());
        // One pass, no allocation until the host is known to be valid.
        // Labels are non-empty; a name's are [A-Za-z0-9_-]{1,63}, not
        // starting or ending with '-'. Dotted digits are an IPv4 literal or
        // nothing.
        let mut digits_only = true;
        let mut name_ok = s.len() <= 253;
        let mut label_len = 0;
        let mut prev = b'.';
        for b in s.bytes() {
            if b == b'.' {
                if label_len == 0 {
                    return Err(bad());
                }
                name_ok &= prev != b'-';
                label_len = 0;
            } else {
                digits_only &= b.is_ascii_digit();
                name_ok &= b.is_ascii_alphanumeric() || b == b'_' || (b == b'-' && label_len > 0);
                label_len += 1;
                name_ok &= label_len <= 63;
            }
            prev = b;
        }
        if label_len == 0 {
            return Err(bad());
        }
        if digits_only {
            return s
                .parse::<Ipv4Addr>()
                .map(|ip| Host::Ip(IpAddr::V4(ip)))
                .map_err(|_| bad());
        }
        if !name_ok || prev == b'-' {
            return Err(bad());
        }
        Ok(Host::Name(s.to_ascii_lowercase()))
    }

    pub fn is_loopback(&self) -> bool {
        match self {
            Host::Name(n) => n == "localhost",
            Host::Ip(ip) => ip.is_loopback(),
        }
    }

    pub fn ip(&self) -> Option<IpAddr> {
        match self {
            Host::Ip(ip) => Some(*ip),
            Host::Name(_) => None,
        }
    }
}

impl Host {
    /// Appends the host as [`Display`](fmt::Display) writes it, without
    /// `fmt` for names and IPv4 (formatted for every mirror and registry).
    pub fn push_to(&self, s: &mut String) {
        match self {
            Host::Name(n) => s.push_str(n),
            Host::Ip(ip @ IpAddr::V4(_)) => push_ip(s, *ip),
            Host::Ip(ip @ IpAddr::V6(_)) => {
                s.push('[');
                push_ip(s, *ip);
                s.push(']');
            }
        }
    }
}

/// Appends `ip` as its `Display` writes it (IPv6 without brackets),
/// without `fmt` for IPv4.
pub(crate) fn push_ip(s: &mut String, ip: IpAddr) {
    match ip {
        IpAddr::V4(ip) => {
            for (i, octet) in ip.octets().into_iter().enumerate() {
                if i > 0 {
                    s.push('.');
                }
                push_decimal(s, octet.into());
            }
        }
        IpAddr::V6(ip) => s.push_str(&ip.to_string()),
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Name(n) => f.write_str(n),
            Host::Ip(IpAddr::V4(ip)) => write!(f, "{ip}"),
            Host::Ip(IpAddr::V6(ip)) => write!(f, "[{ip}]"),
        }
    }
}

/// Characters no input may hold: control characters (Cc, NEL included),
/// and invisible ones that some readers take as line breaks (U+2028,
/// U+2029: libyaml and go-yaml) or that change what a reader sees (a BOM,
/// bidi controls). Each would break out of, or disguise, a written value.
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// The first [forbidden](is_forbidden_char) character of `s`. ASCII text,
/// nearly every input, is checked byte by byte: its only forbidden
/// characters are the ASCII controls.
pub(crate) fn first_forbidden_char(s: &str) -> Option<char> {
    if s.is_ascii() {
        s.bytes().find(u8::is_ascii_control).map(char::from)
    } else {
        s.chars().find(|c| is_forbidden_char(*c))
    }
}

/// "contains <what>": the same words for every field that refuses one.
pub(crate) fn describe_forbidden(c: char) -> Text {
    let shown = c.escape_default();
    if c.is_control() {
        text!("the control character {shown}", "控制字符 {shown}")
    } else {
        text!(
            "the invisible character {shown} (a line separator, byte-order mark or direction control)",
            "不可见字符 {shown}（行分隔符、字节序标记或文字方向控制符）"
        )
    }
}

/// A forbidden character anywhere wins over whitespace anywhere. URLs are
/// nearly always ASCII, checked byte by byte (this runs for every mirror on
/// every edit).
fn check_chars(s: &str) -> Result<(), UrlError> {
    if s.is_ascii() {
        let mut space = false;
        for b in s.bytes() {
            if b.is_ascii_control() {
                return Err(UrlError::ControlChar(char::from(b)));
            }
            space |= b == b' ';
        }
        return if space {
            Err(UrlError::Whitespace)
        } else {
            Ok(())
        };
    }
    if let Some(c) = s.chars().find(|c| is_forbidden_char(*c)) {
        return Err(UrlError::ControlChar(c));
    }
    if s.chars().any(char::is_whitespace) {
        return Err(UrlError::Whitespace);
    }
    Ok(())
}

/// What a kind of URL may contain.
#[derive(Clone, Copy, Debug)]
pub struct UrlRules {
    pub schemes: &'static [&'static str],
    pub userinfo: bool,
    pub path: bool,
}

impl UrlRules {
    pub const MIRROR: UrlRules = UrlRules {
        schemes: &["https", "http"],
        userinfo: false,
        path: true,
    };
    pub const PROXY: UrlRules = UrlRules {
        schemes: &["http", "https", "socks5", "socks5h"],
        userinfo: true,
        path: false,
    };
}

/// A parsed, normalised URL.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Url {
    /// Lower case, one of the rules' schemes.
    pub scheme: &'static str,
    /// Percent-encoded `user[:password]`, as typed.
    pub userinfo: Option<String>,
    pub host: Host,
    pub port: Option<u16>,
    /// Empty or `/`-led without a trailing slash.
    pub path: String,
    /// The input ended in `/` (dropped: containerd would turn it into `//v2`).
    pub had_trailing_slash: bool,
}

impl Url {
    pub fn parse(input: &str, rules: UrlRules) -> Result<Url, UrlError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(UrlError::Empty);
        }
        check_chars(s)?;
        let Some((scheme, rest)) = split_scheme(s) else {
            return Err(UrlError::NoScheme);
        };
        let Some(scheme) = rules
            .schemes
            .iter()
            .copied()
            .find(|allowed| allowed.eq_ignore_ascii_case(scheme))
        else {
            return Err(UrlError::Scheme(scheme.to_ascii_lowercase()));
        };
        if rest.bytes().any(|b| b == b'?' || b == b'#') {
            return Err(UrlError::QueryOrFragment);
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
            None => (None, authority),
        };
        if let Some(ui) = userinfo {
            if !rules.userinfo {
                return Err(UrlError::UserInfo);
            }
            check_userinfo(ui)?;
        }
        let (host, port) = split_host_port(hostport)?;
        let host = Host::parse(host)?;
        let mut path = path.to_string();
        let had_trailing_slash = path.ends_with('/');
        while path.ends_with('/') {
            path.pop();
        }
        if !path.is_empty() {
            if !rules.path {
                return Err(UrlError::Path);
            }
            check_path(&path)?;
        }
        Ok(Url {
            scheme,
            userinfo: userinfo.map(reencode_userinfo),
            host,
            port,
            path,
            had_trailing_slash,
        })
    }

    /// `host[:port]` as Go's `url.URL.Host` has it.
    pub fn authority(&self) -> String {
        let mut s = String::with_capacity(32);
        self.push_authority(&mut s);
        s
    }

    /// Appends `host[:port]`, without `fmt` (formatted for every mirror).
    pub fn push_authority(&self, s: &mut String) {
        push_host_port(s, &self.host, self.port);
    }

    /// The port a client connects to.
    pub fn effective_port(&self) -> u16 {
        self.port.unwrap_or(match self.scheme {
            "http" => 80,
            "socks5" | "socks5h" => 1080,
            _ => 443,
        })
    }

    pub fn is_http(&self) -> bool {
        self.scheme == "http"
    }

    /// The URL without credentials (for logs and explanations).
    pub fn redacted(&self) -> String {
        let mut u = self.clone();
        if let Some(ui) = &self.userinfo {
            let user = ui.split(':').next().unwrap_or("");
            u.userinfo = Some(if ui.contains(':') {
                format!("{user}:***")
            } else {
                user.to_string()
            });
        }
        u.to_string()
    }
}

impl Url {
    /// The normalised URL, built without `fmt` (it is formatted for every
    /// mirror of every render).
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(self.scheme.len() + self.path.len() + 48);
        s.push_str(self.scheme);
        s.push_str("://");
        if let Some(ui) = &self.userinfo {
            s.push_str(ui);
            s.push('@');
        }
        self.push_authority(&mut s);
        s.push_str(&self.path);
        s
    }
}

/// Appends `host[:port]` (URL authorities, registry names), without `fmt`.
pub(crate) fn push_host_port(s: &mut String, host: &Host, port: Option<u16>) {
    host.push_to(s);
    if let Some(p) = port {
        s.push(':');
        push_decimal(s, p.into());
    }
}

/// `n` in decimal, without `fmt`.
pub(crate) fn push_decimal(s: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        s.push(char::from(d));
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// `scheme://rest` split at the first `://` (a byte scan: cheaper than a
/// string searcher on strings this short).
pub(crate) fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let i = s.as_bytes().windows(3).position(|w| w == b"://")?;
    Some((&s[..i], &s[i + 3..]))
}

/// Splits `host:port` / `[v6]:port` / `host`.
pub fn split_host_port(s: &str) -> Result<(&str, Option<u16>), UrlError> {
    let (host, port) = if s.starts_with('[') {
        match s.find(']') {
            Some(i) if i + 1 == s.len() => (s, None),
            Some(i) if s.as_bytes()[i + 1] == b':' => (&s[..=i], Some(&s[i + 2..])),
            _ => return Err(UrlError::BadHost(s.to_string())),
        }
    } else {
        match s.bytes().position(|b| b == b':') {
            Some(i) if s.as_bytes()[i + 1..].contains(&b':') => {
                return Err(UrlError::BareIpv6(s.to_string()))
            }
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        }
    };
    let port = match port {
        None => None,
        Some(p) => Some(parse_port(p)?),
    };
    Ok((host, port))
}

pub fn parse_port(p: &str) -> Result<u16, UrlError> {
    match p.parse::<u16>() {
        Ok(n) if n > 0 && !p.starts_with('+') => Ok(n),
        _ => Err(UrlError::BadPort(p.to_string())),
    }
}

fn is_unreserved_or_sub(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&b)
}

fn check_userinfo(ui: &str) -> Result<(), UrlError> {
    let bytes = ui.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let ok = i + 2 < bytes.len()
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit();
            if !ok {
                return Err(UrlError::Unencoded(encode_userinfo(ui)));
            }
            i += 3;
            continue;
        }
        if !(is_unreserved_or_sub(b) || b == b':') {
            return Err(UrlError::Unencoded(encode_userinfo(ui)));
        }
        i += 1;
    }
    Ok(())
}

/// Re-encodes valid userinfo so that only unreserved characters, `%XX` and
/// the one `:` separator remain: the same credentials, safe unquoted in
/// every file format (`$`, `!`, `'` and `;` are legal in userinfo).
fn reencode_userinfo(ui: &str) -> String {
    let mut out = String::with_capacity(ui.len());
    let mut seen_colon = false;
    let bytes = ui.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' && i + 2 < bytes.len() {
            out.push('%');
            out.push(bytes[i + 1].to_ascii_uppercase() as char);
            out.push(bytes[i + 2].to_ascii_uppercase() as char);
            i += 3;
            continue;
        }
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (b == b':' && !seen_colon) {
            seen_colon |= b == b':';
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    out
}

/// Percent-encodes raw `user:password` so that it can stand in a URL.
pub fn encode_userinfo(raw: &str) -> String {
    let (user, pass) = match raw.split_once(':') {
        Some((u, p)) => (u, Some(p)),
        None => (raw, None),
    };
    let enc = |s: &str| {
        let mut out = String::new();
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    match pass {
        Some(p) => format!("{}:{}", enc(user), enc(p)),
        None => enc(user),
    }
}

fn check_path(path: &str) -> Result<(), UrlError> {
    for seg in path.split('/').skip(1) {
        if seg.is_empty() || seg == "." || seg == ".." {
            return Err(UrlError::BadPath(path.to_string()));
        }
        let bytes = seg.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'%' {
                if i + 2 >= bytes.len()
                    || !bytes[i + 1].is_ascii_hexdigit()
                    || !bytes[i + 2].is_ascii_hexdigit()
                {
                    return Err(UrlError::BadPath(path.to_string()));
                }
                i += 3;
                continue;
            }
            if !(is_unreserved_or_sub(b) || b == b':' || b == b'@') {
                return Err(UrlError::BadPath(path.to_string()));
            }
            i += 1;
        }
    }
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    Empty,
    ControlChar(char),
    Whitespace,
    NoScheme,
    Scheme(String),
    QueryOrFragment,
    UserInfo,
    /// Credentials with reserved characters; holds the encoded form.
    Unencoded(String),
    EmptyHost,
    BadHost(String),
    BareIpv6(String),
    NonAsciiHost(String),
    BadPort(String),
    Path,
    BadPath(String),
}

impl UrlError {
    pub fn describe(&self) -> Text {
        match self {
            UrlError::Empty => text!("is empty", "为空"),
            UrlError::ControlChar(c) => {
                let what = describe_forbidden(*c);
                Text::new(format!("contains {}", what.en), format!("包含{}", what.zh))
            }
            UrlError::Whitespace => text!("contains whitespace", "包含空白字符"),
            UrlError::NoScheme => text!(
                "has no scheme: write https:// or http:// in front",
                "缺少协议：请在前面加上 https:// 或 http://"
            ),
            UrlError::Scheme(s) => text!(
                "uses the unsupported scheme {s}://",
                "使用了不支持的协议 {s}://"
            ),
            UrlError::QueryOrFragment => text!(
                "has a ?query or #fragment, which is not allowed here",
                "包含 ?查询参数 或 #片段，此处不允许"
            ),
            UrlError::UserInfo => text!(
                "contains user:password@ - credentials do not belong in a mirror URL",
                "包含 user:password@ —— 镜像源地址中不能带凭据"
            ),
            UrlError::Unencoded(enc) => text!(
                "has credentials with reserved characters; percent-encode them: {enc}",
                "凭据中含有保留字符，请进行百分号编码：{enc}"
            ),
            UrlError::EmptyHost => text!("has no host", "缺少主机名"),
            UrlError::BadHost(h) => text!("has an invalid host \"{h}\"", "主机名 \"{h}\" 无效"),
            UrlError::BareIpv6(h) => text!(
                "has an IPv6 address without brackets: write [{h}]",
                "IPv6 地址需要方括号：请写成 [{h}]"
            ),
            UrlError::NonAsciiHost(h) => text!(
                "has a non-ASCII host \"{h}\": use its punycode (xn--) form",
                "主机名 \"{h}\" 含非 ASCII 字符：请使用 punycode（xn--）形式"
            ),
            UrlError::BadPort(p) => text!(
                "has an invalid port \"{p}\" (1-65535)",
                "端口 \"{p}\" 无效（应为 1-65535）"
            ),
            UrlError::Path => text!("must not have a path", "不能包含路径"),
            UrlError::BadPath(p) => text!(
                "has an invalid path \"{p}\" (empty, . or .. segments, or unencoded characters)",
                "路径 \"{p}\" 无效（空段、. 或 .. 段，或未编码的字符）"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The host rules written the plain way: what the byte loop must agree with.
    fn host_by_the_book(s: &str) -> Option<Host> {
        if s.is_empty() || !s.is_ascii() {
            return None;
        }
        if s.split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
        {
            return s
                .parse::<Ipv4Addr>()
                .ok()
                .map(|ip| Host::Ip(IpAddr::V4(ip)));
        }
        let labels_ok = s.len() <= 253
            && s.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                    && !l.starts_with('-')
                    && !l.ends_with('-')
            });
        labels_ok.then(|| Host::Name(s.to_ascii_lowercase()))
    }

    proptest! {
        #[test]
        fn host_parsing_follows_the_rules(s in "[a-zA-Z0-9._-]{0,12}|[0-9.]{0,16}|[a-z-]{60,66}(\\.[a-z]{1,3})?|([a-z0-9]{60,63}\\.){3}[a-z0-9-]{1,20}") {
            let got = if s.starts_with('[') { None } else { Host::parse(&s).ok() };
            prop_assert_eq!(got, host_by_the_book(&s));
        }

        #[test]
        fn the_ascii_check_finds_the_first_forbidden_char(s in "[\\x00-\\x7f]{0,12}|.{0,12}") {
            prop_assert_eq!(first_forbidden_char(&s), s.chars().find(|c| is_forbidden_char(*c)));
        }

        #[test]
        fn url_text_is_the_parsed_url(a in 0u8..=255, b in 0u8..=255, port in proptest::option::of(1u16..=65535)) {
            let input = match port {
                Some(p) => format!("http://10.{a}.{b}.7:{p}/v2/x"),
                None => format!("http://10.{a}.{b}.7/v2/x"),
            };
            prop_assert_eq!(mirror(&input).unwrap().text(), input);
        }
    }

    fn mirror(s: &str) -> Result<Url, UrlError> {
        Url::parse(s, UrlRules::MIRROR)
    }

    #[test]
    fn parses_and_normalises_mirror_urls() {
        let u = mirror(" HTTPS://Docker.M.DaoCloud.io/ ").unwrap();
        assert_eq!(u.to_string(), "https://docker.m.daocloud.io");
        assert!(u.had_trailing_slash);
        let u = mirror("https://harbor.example.com:8443/v2/dockerhub").unwrap();
        assert_eq!(u.port, Some(8443));
        assert_eq!(u.path, "/v2/dockerhub");
        let u = mirror("http://[::1]:5000").unwrap();
        assert_eq!(u.authority(), "[::1]:5000");
        assert!(u.host.is_loopback());
    }

    #[test]
    fn rejects_what_containerd_would_misread() {
        assert_eq!(mirror("docker.m.daocloud.io"), Err(UrlError::NoScheme));
        assert_eq!(mirror("ftp://x"), Err(UrlError::Scheme("ftp".into())));
        assert_eq!(
            mirror("https://x?ns=docker.io"),
            Err(UrlError::QueryOrFragment)
        );
        assert_eq!(mirror("https://u:p@x"), Err(UrlError::UserInfo));
        assert!(matches!(mirror("https://x:0"), Err(UrlError::BadPort(_))));
        assert!(matches!(
            mirror("https://x:65536"),
            Err(UrlError::BadPort(_))
        ));
        assert!(matches!(mirror("https://x//v2"), Err(UrlError::BadPath(_))));
        assert!(matches!(
            mirror("https://x/../v2"),
            Err(UrlError::BadPath(_))
        ));
        assert!(matches!(
            mirror("https://镜像.cn"),
            Err(UrlError::NonAsciiHost(_))
        ));
        assert!(matches!(
            mirror("https://::1:5000"),
            Err(UrlError::BareIpv6(_))
        ));
        assert!(matches!(
            mirror("https://a\nb"),
            Err(UrlError::ControlChar('\n'))
        ));
        for c in ['\u{2028}', '\u{85}', '\u{feff}', '\u{202e}'] {
            assert_eq!(
                mirror(&format!("https://a{c}b")),
                Err(UrlError::ControlChar(c))
            );
        }
        assert!(matches!(
            mirror("https://999.1.1.1"),
            Err(UrlError::BadHost(_))
        ));
    }

    #[test]
    fn proxy_credentials_must_be_encoded() {
        let ok = Url::parse("http://user:p%40ss@proxy:3128", UrlRules::PROXY).unwrap();
        assert_eq!(ok.redacted(), "http://user:***@proxy:3128");
        let dollar = Url::parse("http://us$r:a'b!c@proxy:3128", UrlRules::PROXY).unwrap();
        assert_eq!(dollar.to_string(), "http://us%24r:a%27b%21c@proxy:3128");
        let err = Url::parse("http://user:p@ss@proxy:3128", UrlRules::PROXY).unwrap_err();
        assert_eq!(err, UrlError::Unencoded("user:p%40ss".into()));
        let err = Url::parse("http://user:100%@proxy:3128", UrlRules::PROXY).unwrap_err();
        assert_eq!(err, UrlError::Unencoded("user:100%25".into()));
        assert_eq!(
            Url::parse("http://proxy:3128/path", UrlRules::PROXY),
            Err(UrlError::Path)
        );
    }
}
