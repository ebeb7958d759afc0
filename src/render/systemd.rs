//! systemd drop-ins that give a daemon its proxy environment:
//! `/etc/systemd/system/<unit>.service.d/http-proxy.conf`.

use std::fmt::Write as _;

use super::header::Context;
use super::{GeneratedFile, Install, Language};
use crate::profile::{ContainerdTarget, DockerEngine, DockerTarget};
use crate::text;

/// One `Environment=` line. The whole assignment is double-quoted (values
/// may hold `=`), `\` and `"` are backslash-escaped and `%` is doubled so that
/// systemd does not expand it as a specifier.
pub fn escape_environment_assignment(key: &str, value: &str) -> String {
    let mut line = String::with_capacity(key.len() + value.len() + 16);
    push_environment_assignment(&mut line, key, value);
    line
}

/// [`escape_environment_assignment`] appended to `out`: runs of characters
/// that need no escape are copied whole.
pub(crate) fn push_environment_assignment(out: &mut String, key: &str, value: &str) {
    out.push_str("Environment=\"");
    push_escaped(out, key);
    out.push('=');
    push_escaped(out, value);
    out.push('"');
}

fn push_escaped(out: &mut String, s: &str) {
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '%' => "%%",
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\t' => "\\t",
            c if c.is_control() => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escaped.is_empty() {
            let _ = write!(out, "\\x{:02x}", c as u32 & 0xff);
        } else {
            out.push_str(escaped);
        }
        plain = i + c.len_utf8();
    }
    out.push_str(&s[plain..]);
}

fn drop_in(unit: &'static str, targets: &[&str], ctx: &Context) -> Option<GeneratedFile> {
    let vars = ctx.proxy_env();
    if vars.is_empty() {
        return None;
    }
    let lines: usize = vars.iter().map(|(k, v)| k.len() + v.len() + 16).sum();
    let mut content = String::with_capacity(ctx.hash_comment_len() + lines + 16);
    ctx.push_hash_comment(
        &mut content,
        targets,
        &[&[
            "Proxy for the ",
            unit,
            " daemon only: systemd units do not read /etc/environment.",
        ]
        .concat()],
    );
    content.push_str("[Service]\n");
    for (k, v) in vars {
        push_environment_assignment(&mut content, k, v);
        content.push('\n');
    }
    Some(GeneratedFile {
        path: ["/etc/systemd/system/", unit, ".service.d/http-proxy.conf"].concat(),
        mode: 0o644,
        content,
        language: Language::Ini,
        install: Install::Write {
            daemon_reload: true,
            restart: vec![unit],
        },
        about: text!(
            "Proxy environment for the {unit} service",
            "{unit} 服务的代理环境变量"
        ),
    })
}

pub(crate) fn containerd_drop_in(c: &ContainerdTarget, ctx: &Context) -> Option<GeneratedFile> {
    drop_in("containerd", &["containerd ", c.version.label()], ctx)
}

/// Docker Engine before 23 reads its proxy only from the environment;
/// 23+ gets it from daemon.json instead.
pub(crate) fn docker_drop_in(d: &DockerTarget, ctx: &Context) -> Option<GeneratedFile> {
    if d.engine != DockerEngine::Before23 {
        return None;
    }
    drop_in("docker", &["Docker Engine < 23"], ctx)
}

#[cfg(test)]
mod tests {
    use super::escape_environment_assignment as esc;

    #[test]
    fn escapes_for_systemd() {
        assert_eq!(
            esc("HTTP_PROXY", "http://p:3128"),
            r#"Environment="HTTP_PROXY=http://p:3128""#
        );
        assert_eq!(esc("K", "a%40b"), r#"Environment="K=a%%40b""#);
        assert_eq!(esc("K", r#"a"b\c"#), r#"Environment="K=a\"b\\c""#);
        assert_eq!(esc("K", "a b"), r#"Environment="K=a b""#);
    }

    /// The escape, one character at a time (how it was first written).
    fn reference(key: &str, value: &str) -> String {
        let mut line = String::from("Environment=\"");
        for c in key.chars().chain(std::iter::once('=')).chain(value.chars()) {
            match c {
                '%' => line.push_str("%%"),
                '"' => line.push_str("\\\""),
                '\\' => line.push_str("\\\\"),
                '\n' => line.push_str("\\n"),
                '\t' => line.push_str("\\t"),
                c if c.is_control() => line.push_str(&format!("\\x{:02x}", c as u32 & 0xff)),
                c => line.push(c),
            }
        }
        line.push('"');
        line
    }

    proptest::proptest! {
        #[test]
        fn escapes_as_the_reference_does(
            key in "[A-Z_%\"\\\\]{0,6}",
            value in "([a-z:/@.,%\"\\\\\n\t\r\u{0}\u{1b}\u{7f}\u{85}\u{9f}镜]|.){0,24}",
        ) {
            proptest::prop_assert_eq!(esc(&key, &value), reference(&key, &value));
        }
    }
}
