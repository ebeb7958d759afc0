//! The command line: the same core as the web app.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{check_plan, check_plan_in, CheckContext, Finding, Severity, Summary};
use crate::i18n::Lang;
use crate::plan::Plan;
use crate::preset::{preset, presets};
use crate::profile::{ContainerdVersion, Profile};
use crate::render::{
    one_liner, tar_gz, try_render_plan, zip, FileTree, RenderOptions, DEFAULT_APP_URL,
};
use crate::share;

#[derive(Parser)]
#[command(
    name = "mirrorsmith",
    version,
    about = "Registry mirror and proxy configuration for containerd, Docker and colima",
    long_about = "Renders every file a node needs (containerd config.toml and hosts.toml tree, systemd proxy drop-ins, /etc/environment, Docker daemon.json, colima.yaml, install.sh) from one profile, and checks it for the traps containerd does not report.\n\nSOURCE is a profile file (TOML), a preset name (see `mirrorsmith presets`), a share link, or - for a profile on standard input."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages (default: from LC_ALL or LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
}

/// `--lang`: unknown values are a usage error, not English in disguise.
#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// English
    En,
    /// Simplified Chinese
    Zh,
}

/// What every SOURCE argument accepts.
const SOURCE_HELP: &str =
    "A profile file (TOML), a preset name (see `mirrorsmith presets`), a share link, or - for standard input";

#[derive(Subcommand)]
enum Command {
    /// Write the files: to stdout, a root-style directory, an archive, or one file.
    Render {
        #[arg(help = SOURCE_HELP)]
        source: String,
        /// Write DIR/etc/containerd/config.toml, DIR/etc/containerd/certs.d/..., DIR/install.sh
        #[arg(long, value_name = "DIR", conflicts_with_all = ["archive", "file"])]
        out: Option<PathBuf>,
        /// Write a .tar.gz or .zip (chosen by the extension)
        #[arg(long, value_name = "FILE", conflicts_with = "file")]
        archive: Option<PathBuf>,
        /// Print only the file with this path (e.g. /etc/containerd/config.toml)
        #[arg(long, value_name = "PATH")]
        file: Option<String>,
        /// Print a one-line command that installs everything on a node
        #[arg(long, conflicts_with_all = ["out", "archive", "file"])]
        one_liner: bool,
        /// The web app's URL, for the share link in file headers
        #[arg(long, value_name = "URL", default_value = DEFAULT_APP_URL)]
        app_url: String,
        /// Patch this config.toml (the node's own) instead of replacing it
        #[arg(long, value_name = "CONFIG")]
        patch: Option<PathBuf>,
    },
    /// Read an existing config.toml (and hosts.toml files): print the profile
    /// it amounts to (stdout) and what was understood, migrated and found (stderr).
    Import {
        /// config.toml of any version (1, 2, 3)
        config: Option<PathBuf>,
        /// A hosts directory (e.g. /etc/containerd/certs.d): every <registry>/hosts.toml in it
        #[arg(long, value_name = "DIR")]
        hosts_dir: Option<PathBuf>,
        /// The containerd the files are for (1.6, 1.7, 2.0, 2.1, 2.2); guessed when absent
        #[arg(long, value_name = "VERSION")]
        containerd: Option<String>,
        /// Print the unified diff of the patched config.toml instead of the profile
        #[arg(long, conflicts_with = "json")]
        diff: bool,
        /// Everything as JSON on stdout
        #[arg(long)]
        json: bool,
    },
    /// Explain where a pull of IMAGE goes: the hosts.toml directory, each
    /// request in order for resolve and fetch, and proxy or direct.
    Explain {
        /// nginx, nginx:1.27, ghcr.io/org/app@sha256:..., localhost:5000/x
        image: String,
        #[arg(help = SOURCE_HELP)]
        source: String,
        #[arg(long)]
        json: bool,
    },
    /// Report problems; exit status 1 when there is an error, 2 when the
    /// profile cannot be read.
    Check {
        #[arg(help = SOURCE_HELP)]
        source: String,
        /// Machine-readable output
        #[arg(long)]
        json: bool,
    },
    /// Print the share link for a profile.
    Link {
        #[arg(help = SOURCE_HELP)]
        source: String,
        /// Keep URL passwords and header values (all but a few harmless headers) in the link
        #[arg(long)]
        include_secrets: bool,
        #[arg(long, value_name = "URL", default_value = DEFAULT_APP_URL)]
        app_url: String,
    },
    /// Print a profile (from a preset or a link) as a TOML profile file.
    Profile {
        #[arg(help = SOURCE_HELP)]
        source: String,
    },
    /// List the presets.
    Presets,
}

/// Loads a profile from a file, a preset, a share link or stdin.
pub fn load_profile(source: &str) -> Result<Profile, String> {
    if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("reading standard input: {e}"))?;
        return Profile::from_toml(&text).map_err(|e| format!("standard input: {e}"));
    }
    let path = Path::new(source);
    if path.is_file() {
        let text = fs::read_to_string(path).map_err(|e| format!("{source}: {e}"))?;
        return Profile::from_toml(&text).map_err(|e| format!("{source}: {e}"));
    }
    if let Some(p) = preset(source) {
        return Ok(p.profile.clone());
    }
    if source.contains('#')
        || source.starts_with("p=")
        || source.starts_with("1.")
        || source.contains("://")
    {
        return share::decode(source).map_err(|e| e.describe().en.into_owned());
    }
    Err(format!(
        "{source}: no such file or preset (presets: {})",
        presets()
            .iter()
            .map(|p| p.preset.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn lang_from_env(flag: &Option<LangArg>) -> Lang {
    match flag {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => Lang::from_tag(
            &std::env::var("LC_ALL")
                .or_else(|_| std::env::var("LANG"))
                .unwrap_or_default(),
        ),
    }
}

fn print_findings(findings: &[Finding], lang: Lang, out: &mut dyn Write) {
    for f in findings {
        let _ = writeln!(
            out,
            "{}[{}] {}: {}\n  fix: {}",
            f.severity.label(),
            f.code,
            f.field,
            f.message.get(lang),
            f.fix.get(lang)
        );
    }
    let s = Summary::of(findings);
    let _ = writeln!(
        out,
        "{} error(s), {} warning(s), {} note(s)",
        s.errors, s.warnings, s.infos
    );
}

fn write_tree(tree: &FileTree, dir: &Path) -> Result<(), String> {
    for f in &tree.files {
        let path = dir.join(f.tree_path());
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&path, &f.content).map_err(|e| format!("{}: {e}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&path, fs::Permissions::from_mode(f.mode));
        }
    }
    Ok(())
}

/// Every `<dir>/hosts.toml` under a hosts directory; directories without one
/// are reported too (they still win containerd's lookup).
fn read_hosts_dir(dir: &Path) -> Result<Vec<crate::import::HostsInput>, String> {
    let mut out = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        let name = d
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let file = d.join("hosts.toml");
        let text = if file.is_file() {
            Some(fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?)
        } else {
            None
        };
        out.push(crate::import::HostsInput { dir: name, text });
    }
    Ok(out)
}

fn print_import_report(i: &crate::import::Imported, lang: Lang, out: &mut dyn Write) {
    let zh = lang == Lang::Zh;
    let section = |out: &mut dyn Write, title: &str, items: &[crate::i18n::Text]| {
        if !items.is_empty() {
            let _ = writeln!(out, "{title}");
            for t in items {
                let _ = writeln!(out, "  - {}", t.get(lang));
            }
        }
    };
    section(
        out,
        if zh { "已理解：" } else { "Understood:" },
        &i.understood,
    );
    section(out, if zh { "迁移步骤：" } else { "Migration:" }, &i.steps);
    section(
        out,
        if zh {
            "未纳入配置模型："
        } else {
            "Not part of the profile:"
        },
        &i.not_understood,
    );
    for f in &i.findings {
        let _ = writeln!(
            out,
            "{}[{}] {}: {}
  fix: {}",
            f.severity.label(),
            f.code,
            f.location,
            f.message.get(lang),
            f.fix.get(lang)
        );
    }
}

fn run_command(cli: Cli) -> Result<i32, String> {
    let lang = lang_from_env(&cli.lang);
    let stdout = &mut std::io::stdout();
    let stderr = &mut std::io::stderr();
    match cli.command {
        Command::Render {
            source,
            out,
            archive,
            file,
            one_liner: want_one_liner,
            app_url,
            patch,
        } => {
            let profile = load_profile(&source)?;
            let plan = Plan::new(&profile);
            let base_config = match &patch {
                Some(p) => {
                    if profile.containerd.is_none() {
                        return Err(format!(
                            "--patch {}: the profile does not target containerd, so there is no config.toml to patch",
                            p.display()
                        ));
                    }
                    Some(fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?)
                }
                None => None,
            };
            let patched = base_config.is_some();
            // A file that cannot be patched is an error, never replaced.
            let tree = try_render_plan(
                &plan,
                &RenderOptions {
                    app_url,
                    base_config,
                },
            )
            .map_err(|why| {
                let path = patch.as_deref().unwrap_or(Path::new("")).display();
                format!("--patch {path}: {}", why.get(lang))
            })?;
            let findings = check_plan_in(
                &plan,
                CheckContext {
                    config_patched: patched,
                },
            );
            let s = Summary::of(&findings);
            if let Some(dir) = out {
                write_tree(&tree, &dir)?;
                let _ = writeln!(
                    stderr,
                    "wrote {} file(s) under {}",
                    tree.files.len(),
                    dir.display()
                );
            } else if let Some(path) = archive {
                let name = path.to_string_lossy().to_ascii_lowercase();
                let bytes = if name.ends_with(".zip") {
                    zip(&tree)
                } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
                    tar_gz(&tree)
                } else {
                    return Err(format!(
                        "{}: use a .tar.gz, .tgz or .zip name",
                        path.display()
                    ));
                };
                fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
                let _ = writeln!(
                    stderr,
                    "wrote {} ({} files)",
                    path.display(),
                    tree.files.len()
                );
            } else if let Some(p) = file {
                let f = tree.get(&p).ok_or_else(|| {
                    format!(
                        "{p}: not generated for this profile (files: {})",
                        tree.paths().join(", ")
                    )
                })?;
                let _ = stdout.write_all(f.content.as_bytes());
            } else if want_one_liner {
                let line = one_liner(&tree).map_err(|why| why.get(lang).to_string())?;
                let _ = writeln!(stdout, "{line}");
            } else {
                for f in &tree.files {
                    let _ = writeln!(stdout, "==> {} <==\n{}", f.path, f.content);
                }
            }
            if s.errors + s.warnings > 0 {
                let _ = writeln!(
                    stderr,
                    "{} error(s), {} warning(s): run `mirrorsmith check {source}` for details",
                    s.errors, s.warnings
                );
            }
            Ok(0)
        }
        Command::Check { source, json } => {
            let profile = load_profile(&source)?;
            let findings = check_plan(&Plan::new(&profile));
            if json {
                let _ = writeln!(
                    stdout,
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "summary": Summary::of(&findings),
                        "findings": findings.iter().map(|f| serde_json::json!({
                            "code": f.code,
                            "severity": f.severity,
                            "field": f.field.to_string(),
                            "message": f.message,
                            "fix": f.fix,
                        })).collect::<Vec<_>>(),
                    }))
                    .unwrap_or_default()
                );
            } else {
                print_findings(&findings, lang, stdout);
            }
            Ok(i32::from(
                findings.iter().any(|f| f.severity == Severity::Error),
            ))
        }
        Command::Link {
            source,
            include_secrets,
            app_url,
        } => {
            let profile = load_profile(&source)?;
            let n = share::secret_count(&profile);
            if n > 0 && !include_secrets {
                let _ = writeln!(
                    stderr,
                    "{n} secret(s) left out (use --include-secrets to keep them)"
                );
            }
            let _ = writeln!(
                stdout,
                "{}",
                share::link(&app_url, &profile, include_secrets)
            );
            Ok(0)
        }
        Command::Profile { source } => {
            let profile = load_profile(&source)?;
            let _ = stdout.write_all(profile.to_toml().as_bytes());
            Ok(0)
        }
        Command::Import {
            config,
            hosts_dir,
            containerd,
            diff,
            json,
        } => {
            let version =
                match containerd {
                    Some(v) => Some(ContainerdVersion::from_label(&v).ok_or_else(|| {
                        format!("--containerd {v}: use 1.6, 1.7, 2.0, 2.1 or 2.2")
                    })?),
                    None => None,
                };
            let text = match &config {
                Some(p) => {
                    Some(fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?)
                }
                None => None,
            };
            let hosts = match &hosts_dir {
                Some(d) => read_hosts_dir(d)?,
                None => Vec::new(),
            };
            if text.is_none() && hosts.is_empty() {
                return Err("give a config.toml, --hosts-dir DIR, or both".into());
            }
            let imported = crate::import::import(text.as_deref(), &hosts, version);
            // What was imported is meant to be patched back, not replaced.
            let checks = crate::import::checks_for_patch(&Plan::new(&imported.profile));
            let errors = imported
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error)
                || checks.iter().any(|f| f.severity == Severity::Error);
            if json {
                let _ = writeln!(
                    stdout,
                    "{}",
                    serde_json::to_string_pretty(&imported).unwrap_or_default()
                );
            } else {
                print_import_report(&imported, lang, stderr);
                let _ = writeln!(
                    stderr,
                    "{}",
                    if lang == Lang::Zh {
                        "导入后配置的检查结果："
                    } else {
                        "Checks on the imported profile:"
                    }
                );
                print_findings(&checks, lang, stderr);
                if diff {
                    let base = text.ok_or("--diff needs a config.toml")?;
                    let patched = crate::import::patch(&base, &imported.profile)
                        .map_err(|e| e.get(lang).to_string())?;
                    let _ = stdout.write_all(patched.diff.as_bytes());
                } else {
                    let _ = stdout.write_all(imported.profile.to_toml().as_bytes());
                }
            }
            Ok(i32::from(errors))
        }
        Command::Explain {
            image,
            source,
            json,
        } => {
            let profile = load_profile(&source)?;
            let plan = Plan::new(&profile);
            let route =
                crate::route::explain(&plan, &image).map_err(|e| e.get(lang).to_string())?;
            if json {
                let _ = writeln!(
                    stdout,
                    "{}",
                    serde_json::to_string_pretty(&route).unwrap_or_default()
                );
            } else {
                let _ = stdout.write_all(route.to_text(lang).as_bytes());
            }
            Ok(0)
        }
        Command::Presets => {
            for p in presets() {
                let (name, desc) = match lang {
                    Lang::En => (&p.preset.name, &p.preset.description),
                    Lang::Zh => (&p.preset.name_zh, &p.preset.description_zh),
                };
                let _ = writeln!(stdout, "{:<24} {name}\n{:<24} {desc}", p.preset.id, "");
            }
            Ok(0)
        }
    }
}

/// Runs the CLI; returns the exit status.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match run_command(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mirrorsmith: {e}");
            2
        }
    }
}
