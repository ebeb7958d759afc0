//! MS104 `docker-only-mirrors-hub`
//!
//! ## What it does
//! Notes registries whose mirrors Docker Engine cannot use, and Docker Hub
//! mirrors left out of daemon.json because they have a path, `override_path`
//! or headers.
//!
//! ## Why is this bad?
//! dockerd reads `registry-mirrors` for Docker Hub only, as bare
//! `scheme://host[:port]`; a path crashes it. Those mirrors only work for
//! containerd.
//!
//! ## Use instead
//! For Docker, a host-style Docker Hub mirror (`https://docker.m.daocloud.io`).
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS104",
    name: "docker-only-mirrors-hub",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let docker = plan.profile.docker.is_some()
        || plan
            .profile
            .colima
            .as_ref()
            .is_some_and(|c| c.runtime == ColimaRuntime::Docker);
    if !docker {
        return;
    }
    for r in &plan.registries {
        let hub = r.name == "docker.io";
        if !hub && !r.mirrors.is_empty() {
            let h = &r.name;
            f.info(
                Field::RegistryHost(r.index),
                text!(
                    "Docker Engine mirrors Docker Hub only: the mirrors of {h} apply to containerd, not to docker pull.",
                    "Docker Engine 只支持 Docker Hub 镜像加速：{h} 的镜像源只对 containerd 生效，对 docker pull 无效。"
                ),
                text!(
                    "For docker pull, reference the mirror directly (mirror-host/path/image) or pull through containerd.",
                    "使用 docker pull 时，请直接引用镜像源地址（镜像源主机/路径/镜像），或通过 containerd 拉取。"
                ),
            );
        }
        if hub {
            for m in r
                .mirrors
                .iter()
                .filter(|m| !crate::render::usable_by_docker(m))
            {
                let u = &m.url_text;
                f.warning(
                    Field::mirror(r.index, m.index, MirrorField::Url),
                    text!(
                        "{u} is left out of daemon.json: dockerd takes only scheme://host[:port] mirrors (a path makes it fail to start; headers cannot be set).",
                        "{u} 未写入 daemon.json：dockerd 只接受 scheme://host[:port] 形式的镜像源（带路径会导致无法启动；也不能设置请求头）。"
                    ),
                    text!(
                        "Add a host-style Docker Hub mirror for Docker, e.g. https://docker.m.daocloud.io.",
                        "请为 Docker 添加域名式 Docker Hub 镜像源，例如 https://docker.m.daocloud.io。"
                    ),
                );
            }
        }
    }
}
