//! MS406 `proxy-on-loopback`
//!
//! ## What it does
//! Explains where a proxy on 127.0.0.1/localhost is reachable: colima's VM
//! reaches it at `host.lima.internal`; containers given the docker client
//! proxy cannot reach it at all.
//!
//! ## Why is this bad?
//! `~/.docker/config.json` proxies are injected verbatim into containers,
//! where 127.0.0.1 is the container itself.
//!
//! ## Use instead
//! The host's LAN address (or host.docker.internal) for container proxies.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS406",
    name: "proxy-on-loopback",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let p = plan.profile;
    for (url, field) in [
        (&plan.proxy.http, Field::ProxyHttp),
        (&plan.proxy.https, Field::ProxyHttps),
    ] {
        let Some(u) = url.as_ref().filter(|u| u.host.is_loopback()) else {
            continue;
        };
        let shown = u.redacted();
        if p.colima.is_some() {
            f.info(
                field,
                text!(
                    "In colima's VM the proxy {shown} is written as host.lima.internal (the VM's way to your workstation).",
                    "在 colima 虚拟机中，代理 {shown} 会写成 host.lima.internal（虚拟机访问本机的地址）。"
                ),
                text!("Make the proxy listen on an address the VM can reach, not only 127.0.0.1.", "请让代理监听虚拟机可以访问的地址，而不仅是 127.0.0.1。"),
            );
        }
        if p.docker.as_ref().is_some_and(|d| d.client_proxy) {
            f.warning(
                field,
                text!(
                    "Containers get {shown} verbatim from ~/.docker/config.json; inside a container 127.0.0.1 is the container.",
                    "容器会从 ~/.docker/config.json 原样获得 {shown}；在容器内 127.0.0.1 指的是容器自身。"
                ),
                text!("Use an address containers can reach (host LAN IP, host.docker.internal).", "请使用容器可以访问的地址（主机局域网 IP 或 host.docker.internal）。"),
            );
        }
    }
}
