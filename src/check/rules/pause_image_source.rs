//! MS502 `pause-image-unmirrored`
//!
//! ## What it does
//! Reports a Kubernetes node whose pause (sandbox) image would come from
//! registry.k8s.io directly while other registries are mirrored.
//!
//! ## Why is this bad?
//! Every pod needs the pause image. Mirroring docker.io does not change
//! where it comes from: behind a firewall pods stay in ContainerCreating.
//!
//! ## Use instead
//! Mirror registry.k8s.io, or set the sandbox image to a reachable copy.
use super::prelude::*;

pub const RULE: Rule = Rule {
    code: "MS502",
    name: "pause-image-unmirrored",
    run,
};

fn run(plan: &Plan, f: &mut Findings) {
    let Some(c) = &plan.profile.containerd else {
        return;
    };
    if !plan.profile.kubernetes || plan.sandbox_image.is_some() {
        return;
    }
    let mirrored_any = plan.registries.iter().any(|r| !r.mirrors.is_empty());
    let pause_mirrored = plan
        .registry_for("registry.k8s.io")
        .is_some_and(|r| !r.mirrors.is_empty());
    if mirrored_any && !pause_mirrored {
        let image = c.version.default_sandbox_image();
        f.warning(
            Field::SandboxImage,
            text!(
                "Pods need {image}, and registry.k8s.io has no mirror here: it is pulled from registry.k8s.io directly.",
                "每个 Pod 都需要 {image}，而这里没有为 registry.k8s.io 配置镜像源：它会直接从 registry.k8s.io 拉取。"
            ),
            text!(
                "Add a registry.k8s.io mirror, or set the sandbox image to a copy you can reach.",
                "请为 registry.k8s.io 添加镜像源，或把沙箱镜像设为可访问的副本。"
            ),
        );
    }
}
