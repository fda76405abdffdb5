//! The command line: `init`, `install`, `build`, `serve`, `check` and `pdf`
//! for people, and the preprocessor protocol (`supports`, JSON on stdin)
//! for mdBook.

mod check;
mod init;
mod install;
mod not_found;
mod pdf;
mod search_index;
mod serve;

use crate::config::{OnFailure, TABLE};
use crate::preprocessor::{StudyGuide, Withheld};
use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand};
use mdbook_driver::MDBook;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "mdbook-studyguide",
    version,
    about = "Builds the study guide: self-grading quizzes, limit tables and diagrams for mdBook",
    long_about = "Builds the study guide: self-grading quizzes, limit tables and diagrams for mdBook.\n\n\
        Run without a command, it is an mdBook preprocessor: mdBook sends the book as JSON on \
        standard input and reads it back on standard output."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Make a new book in DIR with an example of every block, ready to build.
    Init {
        /// The folder for the new book (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The book's title.
        #[arg(long, default_value = "My Study Guide")]
        title: String,
    },
    /// Add the preprocessor to an existing book: edits its book.toml (keeping
    /// comments and other settings) and writes what its pages load. Running
    /// it again changes nothing.
    Install(BookDir),
    /// Build the site into the book's build directory (book/ by default).
    Build {
        #[command(flatten)]
        book: BookDir,
        /// Write the site here instead of the build directory in book.toml.
        #[arg(short, long)]
        dest_dir: Option<PathBuf>,
    },
    /// Build, serve on http://127.0.0.1:PORT and rebuild when a file changes.
    Serve {
        #[command(flatten)]
        book: BookDir,
        /// The port to listen on.
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on. Requests must name it (or 127.0.0.1 or
        /// localhost) as their host.
        #[arg(short = 'n', long, default_value = serve::LOOPBACK)]
        hostname: String,
        /// Open the book in the system's web browser once it is served.
        #[arg(short, long)]
        open: bool,
    },
    /// Check every block in the book without building; exit 1 on any problem.
    Check(BookDir),
    /// Build the book and print it to a PDF with Chromium.
    Pdf {
        #[command(flatten)]
        book: BookDir,
        /// Print a mock exam after each practice exam's page: one sitting
        /// drawn by the book's blueprint, then its answer key (book.toml:
        /// `mock-exam = true` under [preprocessor.studyguide.pdf]).
        #[arg(long)]
        mock_exam: bool,
        /// The mock exam's seed: the same seed prints the same sitting
        /// (book.toml: `mock-exam-seed`). Implies --mock-exam.
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Write the PDF here (a file, or a folder to hold it) instead of
        /// into the build directory.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// For mdBook: exit 0 if the renderer is supported (all are).
    Supports { renderer: String },
}

#[derive(Debug, clap::Args)]
struct BookDir {
    /// The book's root directory, where book.toml is.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    if let Err(err) = crate::stopping::on_signals() {
        tracing::warn!("could not watch for signals ({err}): Ctrl+C may leave Chromium running");
    }
    let result = match cli.command {
        // mdBook runs a preprocessor with its JSON on stdin, never from a
        // terminal: there, the commands are what is wanted.
        None if std::io::stdin().is_terminal() => {
            let _ = Cli::command().print_help();
            Ok(ExitCode::SUCCESS)
        }
        None => crate::preprocessor::handle_json(std::io::stdin().lock(), std::io::stdout().lock())
            .map(|()| ExitCode::SUCCESS),
        Some(Command::Supports { .. }) => Ok(ExitCode::SUCCESS),
        Some(Command::Init { dir, title }) => init::init(&dir, &title).map(|notes| {
            for note in &notes {
                eprintln!("note: {}", crate::problem::visible(note));
            }
            eprintln!("A new book is in {}. Build and serve it with:", dir.display());
            eprintln!("    mdbook-studyguide serve {}", dir.display());
            eprintln!("(`mdbook serve` works too, but its search box finds the quizzes' answers.)");
            ExitCode::SUCCESS
        }),
        Some(Command::Install(book)) => install::install(&book.dir).map(|installed| {
            for note in &installed.notes {
                eprintln!("note: {}", crate::problem::visible(note));
            }
            for written in &installed.written {
                eprintln!("wrote {} (delete its first line to make it yours)", crate::problem::visible(written));
            }
            let what = if installed.changed { "book.toml now loads" } else { "book.toml already loads" };
            eprintln!(
                "{what} mdbook-studyguide {}; build with `mdbook-studyguide build` (or `mdbook build`, whose search box finds the quizzes' answers).",
                env!("CARGO_PKG_VERSION")
            );
            ExitCode::SUCCESS
        }),
        Some(Command::Build { book, dest_dir }) => build(&book.dir, dest_dir.as_deref()).map(|path| {
            eprintln!("The book is at {}", path.display());
            ExitCode::SUCCESS
        }),
        Some(Command::Check(book)) => check::run(&book.dir),
        Some(Command::Serve { book, port, hostname, open }) => {
            serve::run(&book.dir, &hostname, port, open).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Pdf { book, mock_exam, seed, output }) => {
            pdf::run(&book.dir, pdf::Mock { on: mock_exam || seed.is_some(), seed }, output.as_deref()).map(|path| {
                println!("{}", path.display());
                ExitCode::SUCCESS
            })
        }
    };
    result.unwrap_or_else(|err| {
        // Line by line: a listing of problems keeps its lines.
        let text = format!("{err:#}");
        let lines: Vec<_> = text.split('\n').map(crate::problem::visible).collect();
        eprintln!("error: {}", lines.join("\n"));
        ExitCode::FAILURE
    })
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("MDBOOK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,handlebars=warn,html5ever=error"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .without_time()
        .try_init();
}

/// Loads a book with our preprocessor running in-process (instead of the
/// `command` in book.toml), so no second binary is needed.
pub(crate) fn load(dir: &Path) -> Result<MDBook> {
    Builder::new(dir).load()
}

/// Builds a book in-process, as `mdbook-studyguide build` does: mdBook with
/// this crate's preprocessor in place of the `command` in its `book.toml`
/// (no second binary), then the site's search index without the quizzes'
/// answers. A program that embeds the crate adds kinds of block of its own
/// with [`Builder::kind`]: `Builder::new("my-book").kind(|| Stamp).build()?`
/// (`preprocessor/tests/extra_kind.rs` builds a book so).
#[derive(Debug, Clone)]
pub struct Builder {
    root: PathBuf,
    dest_dir: Option<PathBuf>,
    preprocessor: StudyGuide,
    /// Settings of book.toml replaced for this build: key, value.
    settings: Vec<(String, toml::Value)>,
}

impl Builder {
    /// The book whose `book.toml` is in `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Builder { root: root.into(), dest_dir: None, preprocessor: StudyGuide::new(), settings: Vec::new() }
    }

    /// Adds a kind of block (see [`StudyGuide::with_kind`]).
    pub fn kind<K: crate::lifecycle::Kind + 'static>(
        mut self,
        make: impl Fn() -> K + Send + Sync + 'static,
    ) -> Self {
        self.preprocessor = self.preprocessor.with_kind(make);
        self
    }

    /// Sets a key of `book.toml` (`preprocessor.studyguide.pdf.mock-exam`)
    /// for this build only.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<toml::Value>) -> Self {
        self.settings.push((key.into(), value.into()));
        self
    }

    /// Writes the site here instead of the build directory of `book.toml`.
    pub fn dest_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dest_dir = Some(dir.into());
        self
    }

    /// The book, loaded, with the preprocessor in place and the site
    /// rendered with a search index that leaves out what our blocks
    /// withhold: for a program that drives mdBook itself.
    pub fn load(&self) -> Result<MDBook> {
        let mut book = MDBook::load(&self.root)
            .with_context(|| format!("could not load the book at {}", self.root.display()))?;
        for (key, value) in &self.settings {
            book.config.set(key, value).with_context(|| format!("could not set {key}"))?;
        }
        let withheld = Withheld::default();
        book.with_preprocessor(self.preprocessor.keeping_search_pages(withheld.clone()));
        search_index::use_for(&mut book, withheld)?;
        Ok(book)
    }

    /// Builds the site, failing on any error in the book's blocks unless
    /// `book.toml` sets `on-failure`; returns the path of its front page.
    pub fn build(&self) -> Result<PathBuf> {
        let mut book = self.load()?;
        default_on_failure(&mut book, OnFailure::Bail)?;
        if let Some(dest) = &self.dest_dir {
            book.config.build.build_dir = std::env::current_dir()?.join(dest);
        }
        book.build()?;
        // In `book/html/` when the book has a second renderer.
        Ok(book.build_dir_for("html").join("index.html"))
    }
}

/// Sets `on-failure` unless book.toml does.
fn default_on_failure(book: &mut MDBook, policy: OnFailure) -> Result<()> {
    let key = format!("{TABLE}.on-failure");
    if book.config.get::<toml::Value>(&key)?.is_none() {
        let value = match policy {
            OnFailure::Bail => "bail",
            OnFailure::Continue => "continue",
        };
        book.config.set(&key, value)?;
    }
    Ok(())
}

/// Builds the site (into `dest_dir` if given); returns the path of its front page.
pub(crate) fn build(dir: &Path, dest_dir: Option<&Path>) -> Result<PathBuf> {
    let builder = Builder::new(dir);
    match dest_dir {
        Some(dest) => builder.dest_dir(dest).build(),
        None => builder.build(),
    }
}
