//! Golden outputs: every preset and every profile in tests/scenarios/ is
//! rendered and checked, and the result compared file by file with
//! tests/golden/<scenario>/. Review changes by eye, then regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test golden`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use mirrorsmith::check::check;
use mirrorsmith::preset::presets;
use mirrorsmith::profile::Profile;
use mirrorsmith::render::{render, RenderOptions};

fn scenarios() -> Vec<(String, Profile)> {
    let mut out: Vec<(String, Profile)> = presets()
        .iter()
        .map(|p| (p.preset.id.clone(), p.profile.clone()))
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        let profile = Profile::from_toml(&fs::read_to_string(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        out.push((name, profile));
    }
    out
}

/// What a scenario produces: archive path -> content, plus findings.txt.
fn produce(profile: &Profile) -> BTreeMap<String, String> {
    let tree = render(profile, &RenderOptions::default());
    let mut files: BTreeMap<String, String> = tree
        .files
        .iter()
        .map(|f| (f.tree_path(), f.content.clone()))
        .collect();
    let findings: String = check(profile)
        .iter()
        .map(|f| {
            format!(
                "{} {} {}\n  {}\n  {}\n  fix: {}\n  修复：{}\n",
                f.severity.label(),
                f.code,
                f.field,
                f.message.en,
                f.message.zh,
                f.fix.en,
                f.fix.zh
            )
        })
        .collect();
    files.insert("findings.txt".into(), findings);
    files
}

fn read_tree(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            read_tree(&p, base, out);
        } else {
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().to_string();
            out.insert(rel, fs::read_to_string(&p).unwrap());
        }
    }
}

#[test]
fn golden_outputs_match() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let all = scenarios();
    assert!(all.len() >= 12, "a dozen scenarios at least");
    for (name, profile) in all {
        let produced = produce(&profile);
        let dir = root.join(&name);
        if update {
            let _ = fs::remove_dir_all(&dir);
            for (path, content) in &produced {
                let p = dir.join(path);
                fs::create_dir_all(p.parent().unwrap()).unwrap();
                fs::write(p, content).unwrap();
            }
            continue;
        }
        let mut expected = BTreeMap::new();
        if dir.is_dir() {
            read_tree(&dir, &dir, &mut expected);
        }
        for path in expected.keys().filter(|p| !produced.contains_key(*p)) {
            failures.push(format!("{name}: {path} is no longer generated"));
        }
        for (path, content) in &produced {
            match expected.get(path) {
                None => failures.push(format!("{name}: {path} is new")),
                Some(old) if old != content => {
                    let diff = similar::TextDiff::from_lines(old.as_str(), content.as_str())
                        .unified_diff()
                        .header("golden", "now")
                        .to_string();
                    failures.push(format!("{name}: {path} differs\n{diff}"));
                }
                Some(_) => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden mismatch(es); review, then UPDATE_GOLDEN=1 cargo test --test golden\n{}",
        failures.len(),
        failures.join("\n")
    );
}
