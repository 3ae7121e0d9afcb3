//! Splits the browser wasm at the pages' lazy routes (Leptos `#[lazy_route]`, which marks
//! split points with `wasm_split_helpers`): the main module keeps the router, the reactive
//! system and what every page shares; each page's own code goes into a module of its own,
//! and code that several pages (but not the main module) use into shared chunks. A small
//! JavaScript file (the "link" module) loads a page's modules when the router first needs
//! them. The linker must have kept relocations (`-Clink-args=--emit-relocs`, see main.rs).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The link module's name until the site is fingerprinted: the main wasm imports the loaders
/// from it by this name, so the hashed name that replaces the underscores has the same length
/// (see `assets::fingerprint`).
pub const LINK_PLACEHOLDER: &str = "__wasm_split.________________.js";
/// The main JavaScript module the link module imports `initSync` from, until fingerprinted.
pub const MAIN_MODULE: &str = "./samling.js";

pub struct Split {
    /// The main module, to go through wasm-bindgen as the unsplit wasm did.
    pub main: PathBuf,
    /// The lazily loaded modules (not processed by wasm-bindgen).
    pub modules: Vec<PathBuf>,
    /// The link module (JavaScript).
    pub link: PathBuf,
    /// For each split point, the stems of the modules it loads (Leptos preloads them for
    /// the page being rendered).
    pub manifest: HashMap<String, Vec<String>>,
}

pub fn split(wasm: &Path, dir: &Path) -> Result<Split, String> {
    let input = fs::read(wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let main = dir.join("main.wasm");
    let link_name = format!("./{LINK_PLACEHOLDER}");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = dir;
    opts.main_out_path = &main;
    opts.link_name = &link_name;
    opts.main_module = MAIN_MODULE;
    let out = wasm_split_cli_support::transform(opts)
        .map_err(|e| format!("wasm-split failed on {}: {e:?}", wasm.display()))?;
    Ok(Split {
        main,
        modules: out.split_modules,
        link: dir.join(LINK_PLACEHOLDER),
        manifest: out.prefetch_map,
    })
}
