#[path = "../benches/render.rs"]
#[allow(dead_code)]
mod bench;
fn main() {
    let p = bench::profile_with(50);
    for _ in 0..3000 {
        let plan = mirrorsmith::plan::Plan::new(std::hint::black_box(&p));
        std::hint::black_box(mirrorsmith::render::render_plan(&plan, &Default::default()));
        std::hint::black_box(mirrorsmith::check::check_plan(&plan));
    }
}
