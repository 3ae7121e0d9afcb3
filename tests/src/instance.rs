//! Real `samling serve` processes for system tests that need several instances or a process
//! killed with SIGKILL: the same binary, started on a free port with the given settings.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running server process with its worker.
pub struct Instance {
    child: Option<Child>,
    pub base: String,
}

impl Instance {
    /// Starts `samling serve` from `bin` (an integration test passes
    /// `env!("CARGO_BIN_EXE_samling-instance")`) with these settings (keys without the
    /// SAMLING_ prefix; the address is always a free port on 127.0.0.1) and waits until it
    /// listens.
    pub fn start(bin: &str, settings: &BTreeMap<String, String>) -> Instance {
        let mut command = Command::new(bin);
        command.arg("serve");
        for (key, value) in settings {
            command.env(format!("SAMLING_{}", key.to_uppercase()), value);
        }
        command
            .env("SAMLING_ADDR", "127.0.0.1:0")
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = command.spawn().expect("the samling binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = std::sync::mpsc::channel();
        // Reads the address, then keeps draining so that the process never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Samling is running at ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the instance says where it listens within 30 s");
        Instance {
            child: Some(child),
            base,
        }
    }

    /// SIGKILL, then reaps the process (so that nothing is left of it, not even a zombie).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}
