//! The whole tree as `.tar.gz` and `.zip`, built in memory (works in wasm).
//! Paths are root-style (`etc/containerd/...`) with `install.sh` on top;
//! timestamps are fixed so the same profile gives the same bytes.
//!
//! The web app does not carry the tar and zip writers (~42 KB gzip): it
//! sends an [`ArchiveJob`] to a second WebAssembly module, loaded on demand
//! as a web worker (src/bin/archive_worker.rs), and gets the bytes back.

use std::io::{Cursor, Write};

use flate2::write::GzEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};

use super::{FileTree, Install};
use crate::i18n::Text;
use crate::text;

/// 2026-01-01T00:00:00Z: a fixed mtime keeps archives reproducible.
pub const ARCHIVE_MTIME: u64 = 1_767_225_600;

/// One file as an archive holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveEntry {
    /// Root-style: `etc/containerd/config.toml`, `install.sh`.
    pub path: String,
    pub mode: u32,
    pub content: String,
}

/// The tree's files as archive entries, in order.
pub fn archive_entries(tree: &FileTree) -> Vec<ArchiveEntry> {
    tree.files
        .iter()
        .map(|f| ArchiveEntry {
            path: f.tree_path(),
            mode: f.mode,
            content: f.content.clone(),
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArchiveFormat {
    TarGz,
    Zip,
}

/// What the web app asks its archive worker for (as JSON); the worker
/// answers `[id, bytes]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveJob {
    pub id: u32,
    pub format: ArchiveFormat,
    pub entries: Vec<ArchiveEntry>,
}

impl ArchiveJob {
    pub fn build(&self) -> Vec<u8> {
        match self.format {
            ArchiveFormat::TarGz => tar_gz_entries(&self.entries),
            ArchiveFormat::Zip => zip_entries(&self.entries),
        }
    }
}

pub fn tar_gz(tree: &FileTree) -> Vec<u8> {
    tar_gz_entries(&archive_entries(tree))
}

pub fn zip(tree: &FileTree) -> Vec<u8> {
    zip_entries(&archive_entries(tree))
}

pub fn tar_gz_entries(entries: &[ArchiveEntry]) -> Vec<u8> {
    let gz = GzEncoder::new(Vec::new(), Compression::best());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    for f in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(f.content.len() as u64);
        header.set_mode(f.mode);
        header.set_mtime(ARCHIVE_MTIME);
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        // Writing into memory only fails on paths tar cannot hold (> 8 GiB
        // files or NUL bytes), which the plan never produces.
        let _ = tar.append_data(&mut header, &f.path, f.content.as_bytes());
    }
    tar.into_inner()
        .and_then(|gz| gz.finish())
        .unwrap_or_default()
}

pub fn zip_entries(entries: &[ArchiveEntry]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let time = zip::DateTime::from_date_and_time(2026, 1, 1, 0, 0, 0).unwrap_or_default();
    for f in entries {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(time)
            .unix_permissions(f.mode);
        if zip.start_file(f.path.as_str(), options).is_err() {
            continue;
        }
        let _ = zip.write_all(f.content.as_bytes());
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// A command to paste on a node: `echo … | base64 -d | tar -xz` into a
/// fresh directory, then its install.sh. Err explains why there is none:
/// nothing in the tree installs on a node (colima.yaml is the workstation's).
pub fn one_liner(tree: &FileTree) -> Result<String, Text> {
    one_liner_possible(tree)?;
    Ok(one_liner_with(&tar_gz(tree)))
}

/// Ok when the tree has an install.sh for [`one_liner`] to run; else why not.
pub fn one_liner_possible(tree: &FileTree) -> Result<(), Text> {
    if tree.get("install.sh").is_none() {
        return Err(match tree.files.iter().find(|f| f.install == Install::Manual) {
            Some(f) => {
                let path = &f.path;
                text!(
                    "Nothing here installs on a node, so there is no one-line install: merge {path} by hand on your workstation, then run colima stop && colima start.",
                    "这里没有要安装到节点上的文件，因此没有一行安装命令：请在本机手动合并 {path}，然后运行 colima stop && colima start。"
                )
            }
            None => text!(
                "Nothing to install: the profile has no target that runs on a node (containerd, Docker, login shells, k3s).",
                "没有可安装的内容：配置中没有在节点上运行的目标（containerd、Docker、登录 shell、k3s）。"
            ),
        });
    }
    Ok(())
}

/// The one-line command around a `.tar.gz` of the tree ([`tar_gz`]).
pub fn one_liner_with(tar_gz: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(tar_gz);
    format!(
        "d=$(mktemp -d) && echo '{b64}' | base64 -d | tar -xzf - -C \"$d\" && sudo sh \"$d/install.sh\""
    )
}
