//! Gives the site's static files content-hashed names (so the server can let browsers keep
//! them for a year) and writes brotli and gzip copies beside every text and wasm file (so the
//! server sends them pre-compressed, at the best ratio, without compressing per request).

use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files Leptos names from `hash.txt`: (key in hash.txt, file written by the build,
/// extension of the hashed name). Leptos asks for `samling.<hash>.wasm`, not `_bg`.
const HASHED: [(&str, &str, &str); 3] = [
    ("js", "samling.js", "js"),
    ("wasm", "samling_bg.wasm", "wasm"),
    ("css", "samling.css", "css"),
];

/// Renames the built files to `samling.<hash>.<ext>`, removes older builds' files, writes
/// `hash.txt` in the site folder (read by the server) and compresses what the pages load.
pub fn fingerprint(site: &Path, pkg: &Path) -> Result<(), String> {
    let mut lines = String::new();
    let mut keep: Vec<PathBuf> = Vec::new();
    for (key, built, ext) in HASHED {
        let from = pkg.join(built);
        let bytes = fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        // 16 hex digits of SHA-256: a name changes whenever a byte of the file does.
        let hash = hex(&Sha256::digest(&bytes)[..8]);
        let to = pkg.join(format!("samling.{hash}.{ext}"));
        fs::rename(&from, &to).map_err(|e| format!("cannot rename {}: {e}", from.display()))?;
        lines.push_str(&format!("{key}: {hash}\n"));
        keep.push(to);
    }
    // Files of earlier builds would only pile up (and be served to nobody).
    for entry in fs::read_dir(pkg).map_err(|e| e.to_string())?.flatten() {
        let path = entry.path();
        let current = keep
            .iter()
            .any(|k| path == *k || path.to_string_lossy().starts_with(&*k.to_string_lossy()));
        if !current {
            fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    for file in &keep {
        compress(file)?;
    }
    fs::write(site.join("hash.txt"), lines).map_err(|e| format!("cannot write hash.txt: {e}"))
}

/// Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip, best) beside `file`.
fn compress(file: &Path) -> Result<(), String> {
    let bytes = fs::read(file).map_err(|e| e.to_string())?;
    let mut br = Vec::new();
    {
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 24,
            ..Default::default()
        };
        brotli::enc::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)
            .map_err(|e| format!("brotli failed on {}: {e}", file.display()))?;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).map_err(|e| e.to_string())?;
    let gz = gz.finish().map_err(|e| e.to_string())?;
    let with = |ext: &str| PathBuf::from(format!("{}.{ext}", file.display()));
    fs::write(with("br"), &br).map_err(|e| e.to_string())?;
    fs::write(with("gz"), &gz).map_err(|e| e.to_string())?;
    eprintln!(
        "xtask: {} {} KB raw, {} KB gzip, {} KB brotli",
        file.file_name().unwrap_or_default().to_string_lossy(),
        bytes.len() / 1024,
        gz.len() / 1024,
        br.len() / 1024
    );
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
