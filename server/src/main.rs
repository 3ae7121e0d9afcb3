//! The `samling` binary (its body is `samling::run::main`).

fn main() -> std::process::ExitCode {
    samling::run::main()
}
