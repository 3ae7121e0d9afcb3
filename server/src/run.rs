//! The `samling` binary's body: configuration, then one subcommand.

use crate::cli::{Cli, Command, TokenCommand, UserCommand};
use crate::config::Config;
use crate::{commands, startup::Application, telemetry};
use clap::Parser;
use std::process::ExitCode;

/// Reads the configuration and the command line, then runs the subcommand: the whole of the
/// `samling` binary, kept in the library so that the system tests can build the same binary
/// in their own package.
pub fn main() -> ExitCode {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts")
        .block_on(run())
}

async fn run() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    let config = match Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("samling: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Serve {
            demo,
            force,
            no_worker,
        } => serve(config, demo, force, !no_worker).await,
        Command::Worker { once } => commands::worker(&config, once).await,
        Command::Migrate => commands::migrate(&config).await,
        Command::CopyData { from, to } => commands::copy_data(&from, &to).await,
        Command::Backup { path } => commands::backup(&config, &path).await,
        Command::Demo { force } => commands::demo(&config, force).await,
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    role,
                    school,
                },
        } => commands::user_add(&config, &email, &name, &role, school.as_deref()).await,
        Command::Token {
            command: TokenCommand::Create { email, label },
        } => commands::token_create(&config, &email, &label).await,
        Command::Token {
            command: TokenCommand::Revoke { id, email },
        } => commands::token_revoke(&config, id, email.as_deref()).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("samling: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config, demo: bool, force: bool, with_worker: bool) -> Result<(), String> {
    if demo {
        commands::demo(&config, force).await?;
    }
    let app = Application::build(config).await?;
    if with_worker {
        app.spawn_worker()?;
    }
    tracing::info!(addr = %app.local_addr(), "Samling is listening");
    println!("Samling is running at http://{}", app.local_addr());
    app.run_until_stopped()
        .await
        .map_err(|e| format!("server stopped: {e}"))
}
