//! Builds Samling's site and server without cargo-leptos: the browser half of `app` to wasm,
//! wasm-bindgen, wasm-opt, then the CSS and public files into the site folder (the pkg files
//! with content-hashed names and brotli/gzip copies, see `assets`), then the server.
//! (cargo-leptos does the same but takes ~14 minutes to install on a fresh machine.)
//!
//!   cargo run -p xtask -- site [--release]    build target/site only
//!   cargo run -p xtask -- build [--release]   build target/site and the samling binary

mod assets;
mod split;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

const OUTPUT_NAME: &str = "samling";

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let release = args.iter().any(|a| a == "--release");
    let result = match args.first().map(String::as_str) {
        Some("site") => build_site(release),
        Some("build") => build_site(release).and_then(|_| build_server(release)),
        _ => Err("usage: cargo run -p xtask -- site|build [--release]".to_string()),
    };
    if let Err(e) = result {
        eprintln!("xtask: {e}");
        exit(1);
    }
}

/// The checkout this run belongs to. Read at run time (cargo run sets CARGO_MANIFEST_DIR):
/// a build directory shared by several clones may hold an xtask built from another one.
fn workspace_root() -> PathBuf {
    env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .and_then(|dir| dir.parent().map(Path::to_path_buf))
        .or_else(|| env::current_dir().ok())
        .expect("run xtask with cargo run -p xtask from the workspace")
}

fn target_dir(root: &Path) -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("xtask: running {cmd:?}");
    let status = cmd.status().map_err(|e| {
        format!(
            "cannot start {:?}: {e} (is it installed? run scripts/setup.sh)",
            cmd.get_program()
        )
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{:?} failed with {status}", cmd.get_program()))
    }
}

fn build_site(release: bool) -> Result<(), String> {
    let root = workspace_root();
    let target = target_dir(&root);
    let site = root.join("target/site");
    let pkg = site.join("pkg");
    let profile = if release { "wasm-release" } else { "dev" };
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // `cargo rustc` so that the linker flag reaches only this crate's link: set in RUSTFLAGS
    // it would rebuild every dependency (and replace the flags of .cargo/config.toml).
    run(Command::new(&cargo).current_dir(&root).args([
        "rustc",
        "-p",
        "app",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--no-default-features",
        "--features",
        "hydrate",
        "--profile",
        profile,
        "--",
        // wasm-split reads the relocations to know which function uses which.
        "-Clink-args=--emit-relocs",
    ]))?;
    let profile_dir = if release { "wasm-release" } else { "debug" };
    let out_dir = target.join("wasm32-unknown-unknown").join(profile_dir);
    let split = split::split(&out_dir.join("app.wasm"), &out_dir.join("split"))?;
    fs::create_dir_all(&pkg).map_err(|e| format!("cannot create {}: {e}", pkg.display()))?;
    run(Command::new("wasm-bindgen")
        .arg("--target")
        .arg("web")
        .arg("--no-typescript")
        // The split modules import the main module's functions by their linker names.
        .arg("--keep-lld-exports")
        .arg("--no-demangle")
        .arg("--out-dir")
        .arg(&pkg)
        .arg("--out-name")
        .arg(OUTPUT_NAME)
        .arg(&split.main))?;
    let bg = pkg.join(format!("{OUTPUT_NAME}_bg.wasm"));
    let mut modules = Vec::new();
    for module in &split.modules {
        let name = module.file_name().ok_or("a split module without a name")?;
        let to = pkg.join(name);
        fs::copy(module, &to).map_err(|e| format!("cannot copy {}: {e}", module.display()))?;
        modules.push(to);
    }
    if release {
        for file in std::iter::once(&bg).chain(&modules) {
            wasm_opt(file)?;
        }
    }
    fs::copy(
        root.join("style/main.css"),
        pkg.join(format!("{OUTPUT_NAME}.css")),
    )
    .map_err(|e| format!("cannot copy style/main.css: {e}"))?;
    let size = fs::metadata(&bg).map(|m| m.len()).unwrap_or(0);
    let link = fs::read_to_string(&split.link)
        .map_err(|e| format!("cannot read {}: {e}", split.link.display()))?;
    assets::fingerprint(
        &site,
        &pkg,
        &assets::Split {
            modules: &modules,
            link,
            manifest: &split.manifest,
        },
    )?;
    copy_dir(&root.join("public"), &site)?;
    eprintln!(
        "xtask: site ready in {} ({} KB wasm)",
        site.display(),
        size / 1024
    );
    Ok(())
}

/// Shrinks a wasm module for size (the release build).
fn wasm_opt(file: &Path) -> Result<(), String> {
    // The features Rust's wasm32 target emits by default must be allowed explicitly.
    run(Command::new("wasm-opt")
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
        ])
        .args([
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(file)
        .arg("-o")
        .arg(file))
}

fn build_server(release: bool) -> Result<(), String> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(workspace_root())
        .args(["build", "-p", "samling", "--bin", "samling"]);
    if release {
        cmd.arg("--release");
    }
    run(&mut cmd)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(from) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            fs::create_dir_all(&dest).map_err(|e| e.to_string())?;
            copy_dir(&path, &dest)?;
        } else {
            fs::copy(&path, &dest).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}
