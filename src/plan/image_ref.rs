//! Image references as containerd and Docker normalise them
//! (`nginx` -> `docker.io/library/nginx:latest`).

use std::fmt;

use super::registry_host::RegistryHost;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// The registry name, which picks the hosts.toml directory.
    pub registry: String,
    /// The repository path inside the registry (`library/nginx`).
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    pub fn parse(input: &str) -> Result<ImageRef, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("empty image reference".into());
        }
        if s.contains("://") {
            return Err(
                "an image reference has no scheme (write docker.io/library/nginx, not https://...)"
                    .into(),
            );
        }
        if let Some(c) = s
            .chars()
            .find(|c| super::is_forbidden_char(*c) || c.is_whitespace())
        {
            return Err(format!("contains {:?}", c));
        }
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => {
                check_digest(d)?;
                (r, Some(d.to_string()))
            }
            None => (s, None),
        };
        // A tag is after the last ':' that follows the last '/'.
        let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => {
                let tag = &rest[last_slash + i + 1..];
                check_tag(tag)?;
                (&rest[..last_slash + i], Some(tag.to_string()))
            }
            None => (rest, None),
        };
        let (registry, repository) = match name.split_once('/') {
            Some((first, remainder))
                if first.contains(['.', ':'])
                    || first == "localhost"
                    || first.chars().any(|c| c.is_ascii_uppercase()) =>
            {
                RegistryHost::parse(first)
                    .map_err(|e| format!("registry {first}: {}", e.describe().en))?;
                (first.to_string(), remainder.to_string())
            }
            _ => ("docker.io".to_string(), name.to_string()),
        };
        // distribution/reference's legacy default domain.
        let registry = if registry == "index.docker.io" {
            "docker.io".to_string()
        } else {
            registry
        };
        let repository = if registry == "docker.io" && !repository.contains('/') {
            format!("library/{repository}")
        } else {
            repository
        };
        for component in repository.split('/') {
            check_component(component)?;
        }
        let tag = if tag.is_none() && digest.is_none() {
            Some("latest".to_string())
        } else {
            tag
        };
        Ok(ImageRef {
            registry,
            repository,
            tag,
            digest,
        })
    }

    /// What the registry is asked for: the digest if pinned, else the tag.
    pub fn reference(&self) -> &str {
        self.digest
            .as_deref()
            .or(self.tag.as_deref())
            .unwrap_or("latest")
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.registry, self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

fn check_component(c: &str) -> Result<(), String> {
    // [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
    let ok = !c.is_empty()
        && c.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        && c.as_bytes()[0].is_ascii_alphanumeric()
        && c.as_bytes()[c.len() - 1].is_ascii_alphanumeric()
        && !c.contains("..")
        && !c.contains("___");
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid repository component \"{c}\" (lower case letters, digits, . _ -)"
        ))
    }
}

fn check_tag(t: &str) -> Result<(), String> {
    let ok = !t.is_empty()
        && t.len() <= 128
        && (t.as_bytes()[0].is_ascii_alphanumeric() || t.as_bytes()[0] == b'_')
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(format!("invalid tag \"{t}\""))
    }
}

fn check_digest(d: &str) -> Result<(), String> {
    let ok = match d.split_once(':') {
        Some(("sha256", hex)) => {
            hex.len() == 64
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        }
        Some(("sha512", hex)) => {
            hex.len() == 128
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid digest \"{d}\" (sha256:<64 lower-case hex>)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_like_docker() {
        assert_eq!(
            ImageRef::parse("nginx").unwrap().to_string(),
            "docker.io/library/nginx:latest"
        );
        assert_eq!(
            ImageRef::parse("nginx:1.27").unwrap().to_string(),
            "docker.io/library/nginx:1.27"
        );
        assert_eq!(
            ImageRef::parse("bitnami/redis").unwrap().repository,
            "bitnami/redis"
        );
        let r = ImageRef::parse("localhost:5000/x").unwrap();
        assert_eq!(
            (r.registry.as_str(), r.repository.as_str()),
            ("localhost:5000", "x")
        );
        let d = format!("sha256:{}", "a".repeat(64));
        let r = ImageRef::parse(&format!("ghcr.io/org/app@{d}")).unwrap();
        assert_eq!(r.reference(), d);
        assert_eq!(r.tag, None);
        for legacy in ["index.docker.io/nginx", "index.docker.io/library/nginx"] {
            assert_eq!(
                ImageRef::parse(legacy).unwrap().to_string(),
                "docker.io/library/nginx:latest"
            );
        }
        assert_eq!(
            ImageRef::parse("index.docker.io/bitnami/redis:7")
                .unwrap()
                .to_string(),
            "docker.io/bitnami/redis:7"
        );
        assert_eq!(
            ImageRef::parse("registry.k8s.io/pause:3.10")
                .unwrap()
                .registry,
            "registry.k8s.io"
        );
    }

    #[test]
    fn rejects_bad_references() {
        for bad in [
            "",
            "https://docker.io/nginx",
            "Nginx",
            "nginx:",
            "nginx@sha256:12",
            "a b",
            "x//y",
        ] {
            assert!(ImageRef::parse(bad).is_err(), "{bad}");
        }
    }
}
