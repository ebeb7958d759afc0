//! NO_PROXY entries and Go's rules for them (golang.org/x/net/http/httpproxy),
//! which containerd, dockerd and k3s all use.

use std::fmt;
use std::net::IpAddr;

use super::url::{first_forbidden_char, parse_port, push_decimal, push_ip, Host, Url, UrlError};
use crate::i18n::Text;
use crate::text;

/// One NO_PROXY entry, as Go classifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoProxyEntry {
    /// `*`: nothing is proxied.
    All,
    /// `10.0.0.0/8`: matches only hosts written as IP literals inside it.
    Cidr { net: IpAddr, prefix: u8 },
    /// `192.168.1.10` or `192.168.1.10:5000`.
    Ip { ip: IpAddr, port: Option<u16> },
    /// `example.com` (itself and subdomains) or `.example.com` (subdomains only).
    Domain {
        suffix: String,
        include_self: bool,
        port: Option<u16>,
    },
}

impl NoProxyEntry {
    pub fn parse(input: &str) -> Result<NoProxyEntry, NoProxyError> {
        let s = input.trim().to_ascii_lowercase();
        if s.is_empty() {
            return Err(NoProxyError::Empty);
        }
        if let Some(c) = first_forbidden_char(&s) {
            return Err(NoProxyError::Url(UrlError::ControlChar(c)));
        }
        if s.contains(',') {
            return Err(NoProxyError::Comma);
        }
        if s.contains("://") {
            return Err(NoProxyError::Scheme);
        }
        if s == "*" {
            return Ok(NoProxyEntry::All);
        }
        if let Some((ip, bits)) = s.split_once('/') {
            let net: IpAddr = ip.parse().map_err(|_| NoProxyError::BadCidr(s.clone()))?;
            let max = if net.is_ipv4() { 32 } else { 128 };
            let prefix: u8 = bits
                .parse()
                .ok()
                .filter(|b| *b <= max)
                .ok_or_else(|| NoProxyError::BadCidr(s.clone()))?;
            return Ok(NoProxyEntry::Cidr { net, prefix });
        }
        if let Ok(ip) = s.parse::<IpAddr>() {
            return Ok(NoProxyEntry::Ip { ip, port: None });
        }
        let (host, port) = if s.starts_with('[') {
            match s.split_once("]:") {
                Some((h, p)) => (format!("{h}]"), Some(p)),
                None => (s.clone(), None),
            }
        } else {
            match s.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (s.clone(), None),
            }
        };
        let port = match port {
            Some(p) => Some(parse_port(p).map_err(NoProxyError::Url)?),
            None => None,
        };
        if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            if port.is_none() {
                // Go treats "[::1]" without a port as a domain that never matches.
                return Err(NoProxyError::BracketedIp(inner.to_string()));
            }
            let ip = inner
                .parse::<IpAddr>()
                .map_err(|_| NoProxyError::Url(UrlError::BadHost(host.clone())))?;
            return Ok(NoProxyEntry::Ip { ip, port });
        }
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(NoProxyEntry::Ip { ip, port });
        }
        let name = host.strip_prefix('*').unwrap_or(&host);
        let (include_self, bare) = match name.strip_prefix('.') {
            Some(rest) => (false, rest),
            None => (true, name),
        };
        match Host::parse(bare) {
            Ok(Host::Name(n)) => Ok(NoProxyEntry::Domain {
                suffix: n,
                include_self,
                port,
            }),
            Ok(Host::Ip(_)) => Err(NoProxyError::Url(UrlError::BadHost(host.clone()))),
            Err(e) => Err(NoProxyError::Url(e)),
        }
    }

    /// Does this entry exempt `host:port` from the proxy?
    pub fn matches(&self, host: &Host, port: u16) -> bool {
        match (self, host) {
            (NoProxyEntry::All, _) => true,
            (NoProxyEntry::Cidr { net, prefix }, Host::Ip(ip)) => cidr_contains(*net, *prefix, *ip),
            (NoProxyEntry::Ip { ip, port: p }, Host::Ip(h)) => {
                ip == h && p.is_none_or(|p| p == port)
            }
            (
                NoProxyEntry::Domain {
                    suffix,
                    include_self,
                    port: p,
                },
                Host::Name(h),
            ) => {
                let hit = (h.len() > suffix.len()
                    && h.ends_with(suffix.as_str())
                    && h.as_bytes()[h.len() - suffix.len() - 1] == b'.')
                    || (*include_self && h == suffix);
                hit && p.is_none_or(|p| p == port)
            }
            _ => false,
        }
    }

    pub fn is_cidr(&self) -> bool {
        matches!(self, NoProxyEntry::Cidr { .. })
    }

    /// Is this a CIDR entry holding the whole range `net/prefix`?
    pub fn covers_cidr(&self, net: IpAddr, prefix: u8) -> bool {
        match self {
            NoProxyEntry::Cidr { net: n, prefix: p } => *p <= prefix && cidr_contains(*n, *p, net),
            _ => false,
        }
    }
}

impl NoProxyEntry {
    /// Appends the entry as NO_PROXY writes it, without `fmt` (every entry
    /// of every render). [`Display`](fmt::Display) writes the same.
    pub fn push_to(&self, s: &mut String) {
        let port = |s: &mut String, port: Option<u16>| {
            if let Some(p) = port {
                s.push(':');
                push_decimal(s, p.into());
            }
        };
        match self {
            NoProxyEntry::All => s.push('*'),
            NoProxyEntry::Cidr { net, prefix } => {
                push_ip(s, *net);
                s.push('/');
                push_decimal(s, (*prefix).into());
            }
            NoProxyEntry::Ip {
                ip: ip @ IpAddr::V6(_),
                port: p @ Some(_),
            } => {
                s.push('[');
                push_ip(s, *ip);
                s.push(']');
                port(s, *p);
            }
            NoProxyEntry::Ip { ip, port: p } => {
                push_ip(s, *ip);
                port(s, *p);
            }
            NoProxyEntry::Domain {
                suffix,
                include_self,
                port: p,
            } => {
                if !include_self {
                    s.push('.');
                }
                s.push_str(suffix);
                port(s, *p);
            }
        }
    }
}

impl fmt::Display for NoProxyEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::with_capacity(32);
        self.push_to(&mut s);
        f.write_str(&s)
    }
}

fn cidr_contains(net: IpAddr, prefix: u8, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => {
            let mask = if prefix == 0 {
                0
            } else {
                u32::MAX << (32 - prefix)
            };
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            let mask = if prefix == 0 {
                0
            } else {
                u128::MAX << (128 - prefix)
            };
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

/// Go's decision: is a request to `url` sent through the proxy?
/// `localhost` and loopback IPs never are, whatever NO_PROXY says.
pub fn go_uses_proxy<'e>(entries: impl IntoIterator<Item = &'e NoProxyEntry>, url: &Url) -> bool {
    if url.host.is_loopback() {
        return false;
    }
    let port = url.effective_port();
    !entries.into_iter().any(|e| e.matches(&url.host, port))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoProxyError {
    Empty,
    Comma,
    Scheme,
    BadCidr(String),
    BracketedIp(String),
    Url(UrlError),
}

impl NoProxyError {
    pub fn describe(&self) -> Text {
        match self {
            NoProxyError::Empty => text!("is empty", "为空"),
            NoProxyError::Comma => text!(
                "contains a comma: enter one entry per item",
                "包含逗号：每项只填写一个条目"
            ),
            NoProxyError::Scheme => text!(
                "is a URL: NO_PROXY takes host names, IPs and CIDRs only",
                "这是一个 URL：NO_PROXY 只接受主机名、IP 和 CIDR"
            ),
            NoProxyError::BadCidr(c) => text!("is not a valid CIDR: {c}", "不是有效的 CIDR：{c}"),
            NoProxyError::BracketedIp(ip) => text!(
                "is a bracketed IPv6 address without a port, which Go never matches: write {ip}",
                "带方括号但没有端口的 IPv6 地址在 Go 中永远不会匹配：请写成 {ip}"
            ),
            NoProxyError::Url(e) => e.describe(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::url::UrlRules;
    use proptest::prelude::*;

    /// The entry written with `fmt`, as [`NoProxyEntry::push_to`] must.
    fn written_by_fmt(e: &NoProxyEntry) -> String {
        match e {
            NoProxyEntry::All => "*".to_string(),
            NoProxyEntry::Cidr { net, prefix } => format!("{net}/{prefix}"),
            NoProxyEntry::Ip { ip, port: None } => format!("{ip}"),
            NoProxyEntry::Ip {
                ip: IpAddr::V6(ip),
                port: Some(p),
            } => format!("[{ip}]:{p}"),
            NoProxyEntry::Ip { ip, port: Some(p) } => format!("{ip}:{p}"),
            NoProxyEntry::Domain {
                suffix,
                include_self,
                port,
            } => {
                let dot = if *include_self { "" } else { "." };
                match port {
                    Some(p) => format!("{dot}{suffix}:{p}"),
                    None => format!("{dot}{suffix}"),
                }
            }
        }
    }

    fn entry() -> impl Strategy<Value = NoProxyEntry> {
        let ip = prop_oneof![
            any::<[u8; 4]>().prop_map(IpAddr::from),
            any::<[u16; 8]>().prop_map(IpAddr::from),
            // Runs of zeros, which IPv6 text shortens.
            (0u16..3, 0u16..3).prop_map(|(a, b)| IpAddr::from([a, 0, 0, b, 0, 0, 0, a])),
        ];
        let port = proptest::option::of(any::<u16>());
        prop_oneof![
            Just(NoProxyEntry::All),
            (ip.clone(), any::<u8>()).prop_map(|(net, prefix)| NoProxyEntry::Cidr { net, prefix }),
            (ip, port.clone()).prop_map(|(ip, port)| NoProxyEntry::Ip { ip, port }),
            ("[a-z0-9.-]{1,12}", any::<bool>(), port).prop_map(|(suffix, include_self, port)| {
                NoProxyEntry::Domain {
                    suffix,
                    include_self,
                    port,
                }
            }),
        ]
    }

    proptest! {
        #[test]
        fn entries_are_written_as_fmt_writes_them(e in entry()) {
            let mut s = String::from("x,");
            e.push_to(&mut s);
            prop_assert_eq!(&s[2..], written_by_fmt(&e));
            prop_assert_eq!(e.to_string(), written_by_fmt(&e));
        }
    }

    fn uses(no_proxy: &[&str], url: &str) -> bool {
        let entries: Vec<_> = no_proxy
            .iter()
            .map(|e| NoProxyEntry::parse(e).unwrap())
            .collect();
        go_uses_proxy(&entries, &Url::parse(url, UrlRules::MIRROR).unwrap())
    }

    #[test]
    fn go_domain_rules() {
        assert!(!uses(&["example.com"], "https://example.com"));
        assert!(!uses(&["example.com"], "https://a.example.com"));
        assert!(uses(&["example.com"], "https://badexample.com"));
        assert!(uses(&[".example.com"], "https://example.com"));
        assert!(!uses(&[".example.com"], "https://a.example.com"));
        assert!(!uses(&["*.example.com"], "https://a.example.com"));
        assert!(!uses(&["example.com:5000"], "http://example.com:5000"));
        assert!(uses(&["example.com:5000"], "https://example.com"));
        assert!(!uses(&["*"], "https://anything"));
    }

    #[test]
    fn cidrs_match_only_ip_literals() {
        assert!(!uses(&["10.0.0.0/8"], "https://10.1.2.3:5000"));
        assert!(uses(&["10.0.0.0/8"], "https://harbor.internal"));
        assert!(!uses(&["fd00::/8"], "https://[fd00::1]"));
        assert!(!uses(&["10.1.2.3"], "https://10.1.2.3:443"));
        assert!(uses(&["10.1.2.3:80"], "https://10.1.2.3"));
    }

    #[test]
    fn loopback_is_never_proxied() {
        assert!(!uses(&[], "http://localhost:5000"));
        assert!(!uses(&[], "http://127.0.0.53"));
        assert!(!uses(&[], "http://[::1]:5000"));
        assert!(uses(&[], "http://registry.test:5000"));
    }

    #[test]
    fn rejects_what_go_would_silently_ignore() {
        assert_eq!(NoProxyEntry::parse("a,b"), Err(NoProxyError::Comma));
        assert_eq!(NoProxyEntry::parse("http://x"), Err(NoProxyError::Scheme));
        assert!(matches!(
            NoProxyEntry::parse("10.0.0.0/33"),
            Err(NoProxyError::BadCidr(_))
        ));
        assert!(matches!(
            NoProxyEntry::parse("[::1]"),
            Err(NoProxyError::BracketedIp(_))
        ));
        assert_eq!(NoProxyEntry::parse("::1").unwrap().to_string(), "::1");
        assert_eq!(NoProxyEntry::parse(".SVC").unwrap().to_string(), ".svc");
    }
}
