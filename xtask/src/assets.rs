//! Gives the site's static files content-hashed names (so the server can let browsers keep
//! them for a year) and writes brotli and gzip copies beside every text and wasm file (so the
//! server sends them pre-compressed, at the best ratio, without compressing per request).

use sha2::{Digest, Sha256};
use std::collections::HashMap;
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

/// The split build's files besides the main ones (see `split`): the lazily loaded modules
/// (in the pkg folder under the names wasm-split gave them), the link module's text and the
/// manifest of which modules each split point loads.
pub struct Split<'a> {
    pub modules: &'a [PathBuf],
    pub link: String,
    pub manifest: &'a HashMap<String, Vec<String>>,
}

/// Renames the built files to `samling.<hash>.<ext>`, removes older builds' files, writes
/// `hash.txt` in the site folder (read by the server) and compresses what the pages load.
///
/// The split modules become `samling.<hash>.wasm` too. The link module imports the main
/// JavaScript module and the main wasm imports the link module, so the link module cannot be
/// named by its own content: it is `__wasm_split.<hash>.js` with the hash of the whole build
/// (every module, and the main files as built), which Leptos finds in `hash.txt`
/// (`split:`), as it does the manifest (`manifest:`, read by the server only).
pub fn fingerprint(site: &Path, pkg: &Path, split: &Split) -> Result<(), String> {
    let mut lines = String::new();
    let mut keep: Vec<PathBuf> = Vec::new();
    let mut link = split.link.clone();
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut build = Sha256::new();
    for module in split.modules {
        let bytes =
            fs::read(module).map_err(|e| format!("cannot read {}: {e}", module.display()))?;
        build.update(&bytes);
        let stem = module
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let new_stem = format!("samling.{}", hex(&Sha256::digest(&bytes)[..8]));
        let to = pkg.join(format!("{new_stem}.wasm"));
        fs::rename(module, &to).map_err(|e| format!("cannot rename {}: {e}", module.display()))?;
        link = link.replace(
            &format!("\"./{stem}.wasm\""),
            &format!("\"./{new_stem}.wasm\""),
        );
        renamed.insert(stem, new_stem);
        keep.push(to);
    }
    // The link module's name goes into the main files, where it replaces the placeholder of
    // the same length (the wasm's import names it too, so bytes may be swapped in place).
    let main_js = pkg.join("samling.js");
    let main_wasm = pkg.join("samling_bg.wasm");
    let js = fs::read_to_string(&main_js).map_err(|e| format!("cannot read samling.js: {e}"))?;
    let wasm = fs::read(&main_wasm).map_err(|e| format!("cannot read samling_bg.wasm: {e}"))?;
    build.update(js.as_bytes());
    build.update(&wasm);
    build.update(link.as_bytes());
    let link_hash = hex(&build.finalize()[..8]);
    let link_name = format!("__wasm_split.{link_hash}.js");
    debug_assert_eq!(link_name.len(), crate::split::LINK_PLACEHOLDER.len());
    let placeholder = crate::split::LINK_PLACEHOLDER;
    fs::write(&main_js, js.replace(placeholder, &link_name))
        .map_err(|e| format!("cannot write samling.js: {e}"))?;
    fs::write(
        &main_wasm,
        replace_bytes(&wasm, placeholder.as_bytes(), link_name.as_bytes()),
    )
    .map_err(|e| format!("cannot write samling_bg.wasm: {e}"))?;
    let mut main_js_hashed = String::new();
    for (key, built, ext) in HASHED {
        let from = pkg.join(built);
        let bytes = fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        // 16 hex digits of SHA-256: a name changes whenever a byte of the file does.
        let hash = hex(&Sha256::digest(&bytes)[..8]);
        let to = pkg.join(format!("samling.{hash}.{ext}"));
        fs::rename(&from, &to).map_err(|e| format!("cannot rename {}: {e}", from.display()))?;
        lines.push_str(&format!("{key}: {hash}\n"));
        if key == "js" {
            main_js_hashed = format!("./samling.{hash}.js");
        }
        keep.push(to);
    }
    let link = link.replace(
        &format!("\"{}\"", crate::split::MAIN_MODULE),
        &format!("\"{main_js_hashed}\""),
    );
    let link_path = pkg.join(&link_name);
    fs::write(&link_path, link).map_err(|e| format!("cannot write {link_name}: {e}"))?;
    keep.push(link_path);
    lines.push_str(&format!("split: {link_hash}\n"));
    let manifest: HashMap<&String, Vec<&String>> = split
        .manifest
        .iter()
        .map(|(point, stems)| {
            let stems = stems.iter().map(|s| renamed.get(s).unwrap_or(s)).collect();
            (point, stems)
        })
        .collect();
    let manifest = serde_json::to_string(&manifest).map_err(|e| e.to_string())?;
    let manifest_hash = hex(&Sha256::digest(manifest.as_bytes())[..8]);
    let manifest_path = pkg.join(format!("__wasm_split_manifest.{manifest_hash}.json"));
    fs::write(&manifest_path, manifest).map_err(|e| format!("cannot write the manifest: {e}"))?;
    lines.push_str(&format!("manifest: {manifest_hash}\n"));
    // Files of earlier builds would only pile up (and be served to nobody).
    for entry in fs::read_dir(pkg).map_err(|e| e.to_string())?.flatten() {
        let path = entry.path();
        let current = path == manifest_path
            || keep
                .iter()
                .any(|k| path == *k || path.to_string_lossy().starts_with(&*k.to_string_lossy()));
        if !current {
            fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    let mut total = [0usize; 3];
    for file in &keep {
        let sizes = compress(file)?;
        if file.extension().is_some_and(|e| e == "wasm") {
            for (t, s) in total.iter_mut().zip(sizes) {
                *t += s;
            }
        }
    }
    eprintln!(
        "xtask: all wasm together {} KB raw, {} KB gzip, {} KB brotli",
        total[0] / 1024,
        total[1] / 1024,
        total[2] / 1024
    );
    fs::write(site.join("hash.txt"), lines).map_err(|e| format!("cannot write hash.txt: {e}"))
}

/// `bytes` with every occurrence of `from` replaced by `to` (of the same length).
fn replace_bytes(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i + from.len() <= out.len() {
        if &out[i..i + from.len()] == from {
            out[i..i + from.len()].copy_from_slice(to);
            i += from.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip, best) beside `file`.
fn compress(file: &Path) -> Result<[usize; 3], String> {
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
    Ok([bytes.len(), gz.len(), br.len()])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
