//! The catalog and preset data are TOML files for people to edit; the
//! program reads them as JSON, converted here, so the web app carries no
//! TOML deserializer for them.

use std::fs;
use std::path::Path;

fn toml_to_json(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: toml::Value =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(value).expect("TOML values are JSON values")
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    for name in ["registries", "providers", "no_proxy", "share-v1-mirrors"] {
        let src = Path::new("data").join(format!("{name}.toml"));
        println!("cargo:rerun-if-changed={}", src.display());
        fs::write(
            Path::new(&out).join(format!("{name}.json")),
            toml_to_json(&src).to_string(),
        )
        .expect("write");
    }
    println!("cargo:rerun-if-changed=presets");
    let mut files: Vec<_> = fs::read_dir("presets")
        .expect("presets/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let presets: Vec<serde_json::Value> = files
        .iter()
        .map(|f| {
            println!("cargo:rerun-if-changed={}", f.display());
            toml_to_json(f)
        })
        .collect();
    fs::write(
        Path::new(&out).join("presets.json"),
        serde_json::Value::Array(presets).to_string(),
    )
    .expect("write");
}
