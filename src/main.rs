//! The `dossier` binary: parse the command line, then run a subcommand or open the app.

use clap::Parser;
use dossier::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    dossier::memory::limit_arenas();
    // `dossier check … | head` ends quietly when the reader goes away, as Unix tools do,
    // instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => match dossier::ui::run(args.folder, args.screenshot) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("dossier: {message}");
                ExitCode::from(2)
            }
        },
    }
}
