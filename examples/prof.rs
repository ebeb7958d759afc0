use mirrorsmith::plan::Plan;
use mirrorsmith::render::*;
use mirrorsmith::share;
use std::time::Instant;
#[path = "../benches/render.rs"]
#[allow(dead_code)]
mod bench;
fn t(name: &str, f: impl Fn()) {
    for _ in 0..50 {
        f();
    }
    let n = 500;
    let s = Instant::now();
    for _ in 0..n {
        f();
    }
    println!(
        "{name:<30} {:>8.1} µs",
        s.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
fn main() {
    let p = bench::profile_with(50);
    let plan = Plan::new(&p);
    t("plan", || {
        std::hint::black_box(Plan::new(&p));
    });
    t("share link", || {
        std::hint::black_box(share::link("http://x/", &p, false));
    });
    t("json only", || {
        std::hint::black_box(serde_json::to_vec(&p).unwrap());
    });
    let reg = &plan.registries[20];
    t("hosts_file model", || {
        std::hint::black_box(hosts_file(
            reg,
            mirrorsmith::profile::ContainerdVersion::V1_7,
        ));
    });
    let hf = hosts_file(reg, mirrorsmith::profile::ContainerdVersion::V1_7);
    t("hosts to_toml", || {
        std::hint::black_box(hf.to_toml());
    });
    let tree = render_plan(&plan, &RenderOptions::default());
    println!(
        "install.sh bytes {}",
        tree.get("install.sh").unwrap().content.len()
    );
    t("tar_gz", || {
        std::hint::black_box(tar_gz(&tree));
    });
    t("toml crate to_string", || {
        std::hint::black_box(toml::to_string(&hf).unwrap());
    });
    t("render_plan", || {
        std::hint::black_box(render_plan(&plan, &RenderOptions::default()));
    });
    t("check_plan", || {
        std::hint::black_box(mirrorsmith::check::check_plan(&plan));
    });
    for rule in mirrorsmith::check::RULES {
        let s = Instant::now();
        for _ in 0..200 {
            std::hint::black_box(mirrorsmith::check::run_rule(&plan, rule));
        }
        let us = s.elapsed().as_secs_f64() * 1e6 / 200.0;
        if us > 3.0 {
            println!("  rule {} {:>8.1} µs", rule.code, us);
        }
    }
    let link = share::encode(&p, false);
    println!("link len {}", link.len());
}
