//! MS206 `registry-port`
//!
//! ## What it does
//! Notes that a registry with a port is a different registry than the same
//! host without it.
//!
//! ## Why is this bad?
//! containerd looks up `host:port` (then `host_port_`, then `_default`):
//! images named `harbor.example.com/x` never use the
//! `harbor.example.com:443` directory, and `127.0.0.1/` does not match
//! `127.0.0.1:5000`.
//!
//! ## Use instead
//! Name the registry exactly as the image references do.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS206",
    name: "registry-port",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in &plan.registries {
        if let RegistryHost::Host {
            port: Some(port), ..
        } = &r.host
        {
            // The name is `host:port`, as image names write it.
            let dir = &r.name;
            let (sev, en_extra, zh_extra) = if *port == 443 || *port == 80 {
                (
                    Severity::Warning,
                    " Image names rarely carry :443 or :80, and a name without the port does not use this directory.",
                    " 镜像名很少带 :443 或 :80，而不带端口的镜像名不会使用这个目录。",
                )
            } else {
                (Severity::Info, "", "")
            };
            f.push(
                sev,
                Field::RegistryHost(r.index),
                Text::new(
                    // One finding per registry with a port: joined, not formatted.
                    [
                        "Only images named ",
                        dir,
                        "/... use the directory ",
                        dir,
                        ".",
                        en_extra,
                    ]
                    .concat(),
                    [
                        "只有名为 ",
                        dir,
                        "/... 的镜像才会使用目录 ",
                        dir,
                        "。",
                        zh_extra,
                    ]
                    .concat(),
                ),
                text!(
                    "Write the registry exactly as it appears in your image names.",
                    "请按镜像名中的写法填写仓库（包括端口）。"
                ),
            );
        }
    }
}
