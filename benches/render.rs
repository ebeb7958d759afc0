//! `cargo bench --bench render`: time to plan + render + check a profile
//! with 1, 12 and 50 registries. Prints a table (and JSON with --json).

use std::hint::black_box;
use std::time::Instant;

use mirrorsmith::check::check_plan;
use mirrorsmith::plan::Plan;
use mirrorsmith::preset::preset;
use mirrorsmith::profile::{Mirror, Profile, Registry};
use mirrorsmith::render::{render_plan, RenderOptions};

/// The China mainland preset, widened or cut to `n` registries, with a proxy.
pub fn profile_with(n: usize) -> Profile {
    let mut p = preset("china-mainland").unwrap().profile.clone();
    p.proxy.https = "http://proxy.example.com:3128".into();
    p.proxy.presets = vec![
        "loopback".into(),
        "cluster-domains".into(),
        "kubeadm-services".into(),
    ];
    let base = p.registries.clone();
    p.registries = (0..n)
        .map(|i| match base.get(i) {
            Some(r) => r.clone(),
            // A Harbor-style project mirror (with override_path, as MS305
            // asks) and an in-network cache: a valid profile, as a user
            // with 50 registries renders it on every edit.
            None => Registry {
                host: format!("registry{i}.example.com:5000"),
                mirrors: vec![
                    Mirror {
                        override_path: true,
                        ..Mirror::new(format!("https://mirror{i}.example.com/v2/proj"))
                    },
                    Mirror::new(format!("http://10.0.{}.{}:5000", i / 250, i % 250)),
                ],
                ..Registry::default()
            },
        })
        .collect();
    p
}

fn time(f: impl Fn()) -> f64 {
    // Warm up, then the median of 31 batches.
    for _ in 0..20 {
        f();
    }
    let mut samples: Vec<f64> = (0..31)
        .map(|_| {
            let iters = 50;
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            t.elapsed().as_secs_f64() * 1e6 / iters as f64
        })
        .collect();
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
    samples[samples.len() / 2]
}

#[allow(dead_code)]
fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let opts = RenderOptions::default();
    let mut rows = Vec::new();
    for n in [1, 12, 50] {
        let p = profile_with(n);
        let files = render_plan(&Plan::new(&p), &opts).files.len();
        let plan = time(|| {
            black_box(Plan::new(black_box(&p)));
        });
        let render = time(|| {
            let plan = Plan::new(black_box(&p));
            black_box(render_plan(&plan, &opts));
        });
        let check = time(|| {
            let plan = Plan::new(black_box(&p));
            black_box(check_plan(&plan));
        });
        let both = time(|| {
            let plan = Plan::new(black_box(&p));
            black_box(render_plan(&plan, &opts));
            black_box(check_plan(&plan));
        });
        rows.push((n, files, plan, render, check, both));
    }
    if json {
        let v: Vec<_> = rows
            .iter()
            .map(|(n, files, pl, r, c, b)| {
                serde_json::json!({"registries": n, "files": files, "plan_us": pl, "render_us": r, "check_us": c, "render_check_us": b})
            })
            .collect();
        println!("{}", serde_json::to_string(&v).unwrap());
        return;
    }
    // Each timing includes its own Plan::new, as a caller pays it.
    println!(
        "registries  files  plan (µs)  plan+render (µs)  plan+check (µs)  plan+render+check (µs)"
    );
    for (n, files, pl, r, c, b) in rows {
        println!("{n:>10}  {files:>5}  {pl:>9.1}  {r:>16.1}  {c:>15.1}  {b:>22.1}");
    }
}
