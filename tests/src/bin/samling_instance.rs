//! The samling binary, built inside the test package so that system tests can start real
//! server processes (and kill them): `env!("CARGO_BIN_EXE_samling-instance")`.

fn main() -> std::process::ExitCode {
    samling::run::main()
}
