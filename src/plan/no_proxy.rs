//! NO_PROXY entries and Go's rules for them (golang.org/x/net/http/httpproxy),
//! which containerd, dockerd and k3s all use.

use std::fmt;
use std::net::IpAddr;

use super::url::{first_forbidden_char, parse_port, Host, Url, UrlError};
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

impl fmt::Display for NoProxyEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoProxyEntry::All => f.write_str("*"),
            NoProxyEntry::Cidr { net, prefix } => write!(f, "{net}/{prefix}"),
            NoProxyEntry::Ip { ip, port: None } => write!(f, "{ip}"),
            NoProxyEntry::Ip {
                ip: IpAddr::V6(ip),
                port: Some(p),
            } => write!(f, "[{ip}]:{p}"),
            NoProxyEntry::Ip { ip, port: Some(p) } => write!(f, "{ip}:{p}"),
            NoProxyEntry::Domain {
                suffix,
                include_self,
                port,
            } => {
                if !include_self {
                    f.write_str(".")?;
                }
                f.write_str(suffix)?;
                if let Some(p) = port {
                    write!(f, ":{p}")?;
                }
                Ok(())
            }
        }
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
