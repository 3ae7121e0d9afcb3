//! The `samling` command line: serve, worker, migrate, copy-data, backup, demo, user add, token create
//! and revoke.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "samling",
    version,
    about = "Samling: group courses for young people — web app, API and worker"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web UI, REST API and webhooks (default 127.0.0.1:3000; SAMLING_ADDR).
    Serve {
        /// Load the demo data first (idempotent).
        #[arg(long)]
        demo: bool,
        /// Load the demo even though a real SMS provider or SMTP server is configured.
        #[arg(long, requires = "demo")]
        force: bool,
        /// Do not run the reminder worker in this process (run `samling worker` instead).
        #[arg(long)]
        no_worker: bool,
    },
    /// Run the reminder worker alone: plan, send due messages, housekeeping.
    Worker {
        /// Do everything that is due now, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Copy everything from a SQLite deployment into an empty PostgreSQL database (ids,
    /// times, the outbox and its attempts, the access log), then print the row counts
    /// checked in both. Stop the server first.
    CopyData {
        /// The SQLite database, e.g. sqlite://data/samling.db (at this version's schema).
        #[arg(long)]
        from: String,
        /// The PostgreSQL database, e.g. postgres://samling@db/samling (migrated here; must be empty).
        #[arg(long)]
        to: String,
    },
    /// Write a consistent copy of the live SQLite database to PATH while the server runs,
    /// check it (integrity and row counts) and print what it wrote. On PostgreSQL it says how
    /// to use pg_dump instead.
    Backup {
        /// The new file, e.g. backups/samling-2026-12-05.db (it must not exist).
        path: std::path::PathBuf,
    },
    /// Load demo data: two programmes, a running course with 12 participants, two staff users.
    /// Refused while a real SMS provider or SMTP server is configured, unless forced.
    Demo {
        /// Load it anyway: the demo's phone numbers and addresses may belong to real people.
        #[arg(long)]
        force: bool,
    },
    /// Manage staff users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create or update a staff user; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, leader or counsellor
        #[arg(long)]
        role: String,
        /// The school a counsellor belongs to.
        #[arg(long)]
        school: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Print a new API token for the user with this e-mail.
    Create {
        #[arg(long)]
        email: String,
        /// What the token is for; staff see it in their list of tokens.
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Revoke a token by its id (as the token list in the browser shows it), or every token
    /// of the user with this e-mail; it stops working at once.
    Revoke {
        #[arg(long, conflicts_with = "email", required_unless_present = "email")]
        id: Option<i64>,
        #[arg(long)]
        email: Option<String>,
    },
}
