//! `rapport app`: the desktop window, when this build has one.

use rapport_core::rulebook::Rulebook;
use std::path::Path;
use std::process::ExitCode;

use super::AppArgs;

/// Opens the window over the shipped scenarios, the paths given, or one file
/// in author mode.
#[cfg(feature = "window")]
pub fn run(args: &AppArgs, book: Rulebook, data_dir: Option<&Path>) -> ExitCode {
    let library = if let Some(file) = &args.author {
        rapport_app::Library::load(book, std::slice::from_ref(file))
    } else if args.paths.is_empty() {
        let shipped = rapport_core::catalog::shipped(&book);
        rapport_app::Library::of(book, shipped)
    } else {
        rapport_app::Library::load(book, &args.paths)
    };
    // No data directory is no reason to refuse practice: the
    // window plays on and says that nothing is kept.
    let data = rapport_records::store::DataDir::resolve(data_dir)
        .map_err(|e| eprintln!("rapport: {e}; sessions will not be kept"))
        .ok();
    let mut library = library.with_data(data);
    if let Some(url) = &args.lrs {
        let Some(user) = &args.user else {
            eprintln!("rapport: --lrs needs --user (or RAPPORT_LRS_USER)");
            return ExitCode::from(2);
        };
        // As for `report --lrs`: a password on the command line is seen by
        // every user of the machine.
        let Some(password) = std::env::var("RAPPORT_LRS_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
        else {
            eprintln!("rapport: --lrs needs the password in RAPPORT_LRS_PASSWORD");
            return ExitCode::from(2);
        };
        library = library.with_team(rapport_app::TeamSource::new(
            url, user, &password, &args.base,
        ));
    }
    let open = match &args.open {
        None => None,
        Some(id) => match library.find(id) {
            Some(entry) => Some(rapport_app::Play::new(
                entry,
                args.seed.unwrap_or_else(rapport_core::session::fresh_seed),
            )),
            None => {
                eprintln!(
                    "rapport: no scenario `{id}` among those listed ({})",
                    library.ids().join(", ")
                );
                return ExitCode::from(2);
            }
        },
    };
    let open = match (&args.author, open) {
        (Some(file), _) => {
            // The file must load once to start; after that a
            // broken save keeps the last good version.
            if let Some(Err(e)) = library.entries.first().map(|e| &e.scenario) {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
            if library.entries.is_empty() {
                eprintln!("rapport: {} holds no scenario", file.display());
                return ExitCode::FAILURE;
            }
            Some(rapport_app::Play::new(
                0,
                args.seed.unwrap_or_else(rapport_core::session::fresh_seed),
            ))
        }
        (None, open) => open,
    };
    rapport_app::run(library, open, args.author.clone(), args.lang)
}

#[cfg(not(feature = "window"))]
pub fn run(_: &AppArgs, _: Rulebook, _: Option<&Path>) -> ExitCode {
    eprintln!(
        "rapport: this build has no window; build it with `cargo run --release --features window -- app` \
         (a longer build: Bevy), or play at the terminal: `rapport play late_manager`"
    );
    ExitCode::from(2)
}
