//! systemd drop-ins that give a daemon its proxy environment:
//! `/etc/systemd/system/<unit>.service.d/http-proxy.conf`.

use super::header::Context;
use super::{proxy_env, GeneratedFile, Install, Language};
use crate::plan::Plan;
use crate::profile::{ContainerdTarget, DockerEngine, DockerTarget};
use crate::text;

/// One `Environment=` line. The whole assignment is double-quoted (values
/// may hold `=`), `\` and `"` are backslash-escaped and `%` is doubled so that
/// systemd does not expand it as a specifier.
pub fn escape_environment_assignment(key: &str, value: &str) -> String {
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

fn drop_in(plan: &Plan, unit: &'static str, targets: &str, ctx: &Context) -> Option<GeneratedFile> {
    let vars = proxy_env(plan, None);
    if vars.is_empty() {
        return None;
    }
    let mut content = ctx.hash_comment(
        targets,
        &[&format!(
            "Proxy for the {unit} daemon only: systemd units do not read /etc/environment."
        )],
    );
    content.push_str("[Service]\n");
    for (k, v) in &vars {
        content.push_str(&escape_environment_assignment(k, v));
        content.push('\n');
    }
    Some(GeneratedFile {
        path: format!("/etc/systemd/system/{unit}.service.d/http-proxy.conf"),
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

pub(crate) fn containerd_drop_in(
    plan: &Plan,
    c: &ContainerdTarget,
    ctx: &Context,
) -> Option<GeneratedFile> {
    drop_in(
        plan,
        "containerd",
        &format!("containerd {}", c.version.label()),
        ctx,
    )
}

/// Docker Engine before 23 reads its proxy only from the environment;
/// 23+ gets it from daemon.json instead.
pub(crate) fn docker_drop_in(
    plan: &Plan,
    d: &DockerTarget,
    ctx: &Context,
) -> Option<GeneratedFile> {
    if d.engine != DockerEngine::Before23 {
        return None;
    }
    drop_in(plan, "docker", "Docker Engine < 23", ctx)
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
}
