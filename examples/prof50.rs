#[path = "../benches/render.rs"]
#[allow(dead_code)]
mod bench;
use mirrorsmith::check::check_plan;
use mirrorsmith::plan::Plan;
use mirrorsmith::render::{render_plan, RenderOptions};
fn main() {
    let p = bench::profile_with(50);
    let opts = RenderOptions::default();
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    for _ in 0..n {
        let plan = Plan::new(std::hint::black_box(&p));
        std::hint::black_box(render_plan(&plan, &opts));
        std::hint::black_box(check_plan(&plan));
    }
}
