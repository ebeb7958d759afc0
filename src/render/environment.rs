//! `/etc/environment`: proxy variables for login shells and tools started
//! from them (pam_env). Written as a marked block so the rest of the file stays.

use super::header::Context;
use super::{GeneratedFile, Install, Language};
use crate::text;

pub const BLOCK_BEGIN: &str = "# >>> mirrorsmith >>>";
pub const BLOCK_END: &str = "# <<< mirrorsmith <<<";

/// `KEY=value` lines in a marked block. Every value is a proxy URL or a
/// NO_PROXY list, whose characters need no quoting (credentials are
/// percent-encoded by the plan).
pub(crate) fn env_block(vars: &[(String, String)], header: &str) -> String {
    let lines: usize = vars.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut s =
        String::with_capacity(BLOCK_BEGIN.len() + header.len() + lines + BLOCK_END.len() + 2);
    s.push_str(BLOCK_BEGIN);
    s.push('\n');
    s.push_str(header);
    for (k, v) in vars {
        s.push_str(k);
        s.push('=');
        s.push_str(v);
        s.push('\n');
    }
    s.push_str(BLOCK_END);
    s.push('\n');
    s
}

pub(crate) fn render(ctx: &Context) -> Option<GeneratedFile> {
    let vars = ctx.proxy_env();
    if vars.is_empty() {
        return None;
    }
    // curl and wget read only the lower-case names; Go prefers upper case.
    let mut both = Vec::with_capacity(2 * vars.len());
    for (k, v) in vars {
        both.push((k.to_string(), v.clone()));
        both.push((k.to_ascii_lowercase(), v.clone()));
    }
    let header = ctx.hash_comment(
        "login shells (pam_env)",
        &["Read at login by pam_env; systemd services do not read this file. Log in again to apply."],
    );
    Some(GeneratedFile {
        path: "/etc/environment".into(),
        mode: 0o644,
        content: env_block(&both, &header),
        language: Language::Env,
        install: Install::Block { restart: vec![] },
        about: text!(
            "Proxy for login shells, apt, curl and other tools",
            "登录 shell、apt、curl 等工具使用的代理"
        ),
    })
}
