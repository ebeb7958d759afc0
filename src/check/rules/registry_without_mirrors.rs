//! MS205 `registry-without-mirrors`
//!
//! ## What it does
//! Notes a registry with no mirror.
//!
//! ## Why is this bad?
//! Its hosts.toml only names the registry itself, which changes nothing
//! about where pulls go.
//!
//! ## Use instead
//! Add a mirror, or remove the registry.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS205",
    name: "registry-without-mirrors",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    for r in plan
        .registries
        .iter()
        .filter(|r| r.mirrors.is_empty() && !r.host.is_default())
    {
        let h = &r.name;
        f.info(
            Field::RegistryHost(r.index),
            text!(
                "{h} has no mirror: pulls go to {h} directly (through the proxy, if one is set).",
                "{h} 没有镜像源：拉取会直接访问 {h}（如设置了代理则经由代理）。"
            ),
            text!(
                "Add a mirror from the provider list, or remove the registry.",
                "请从列表中添加镜像源，或删除该仓库。"
            ),
        );
    }
}
