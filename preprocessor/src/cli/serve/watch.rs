//! Rebuilding when the chapters, the theme or book.toml change.

use super::{Rebuilt, build};
use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use notify_debouncer_mini::notify::{
    self, Event, EventHandler, RecommendedWatcher, RecursiveMode, Watcher, WatcherKind,
};
use notify_debouncer_mini::{Config, DebounceEventResult, DebouncedEventKind, Debouncer, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long the sources must be quiet before a build: a burst of saves
/// becomes one build.
const SETTLE: Duration = Duration::from_millis(250);

/// Watches the book's sources and rebuilds after each burst of changes, in a
/// thread of its own; the rebuilds stop when the returned value is dropped.
pub(super) fn rebuild_on_change(book: &MDBook, rebuilt: Rebuilt) -> Result<Debouncer<ChangeWatcher>> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer_opt::<_, ChangeWatcher>(Config::default().with_timeout(SETTLE), tx)
        .context("could not watch the book's files")?;
    let src = book.source_dir();
    let watcher = debouncer.watcher();
    watcher
        .watch(&src, RecursiveMode::Recursive)
        .with_context(|| format!("could not watch {}", src.display()))?;
    for path in watched_beside_the_chapters(book) {
        if path.exists() && !path.starts_with(&src) {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("could not watch {}", path.display()))?;
        }
    }
    // Files we write ourselves must not trigger another build.
    let ignored = [
        src.join(crate::assets::VENDOR_DIR),
        book.root.join(crate::assets::BASE_DIR),
        book.root.join(&book.config.build.build_dir),
    ];
    let root = book.root.clone();
    std::thread::spawn(move || {
        while let Ok(batch) = rx.recv() {
            // What queued up during the last build makes one build; all of
            // it is taken first, so none is left over for another.
            let batches: Vec<_> = std::iter::once(batch).chain(rx.try_iter()).collect();
            if !batches.into_iter().any(|batch| is_change_to_build(batch, &ignored)) {
                continue;
            }
            eprintln!("Files changed; rebuilding…");
            match build(&root) {
                Ok(_) => {
                    // Fails only when no page is open.
                    let _ = rebuilt.send(());
                }
                Err(err) => eprintln!("error: {err:#}"),
            }
        }
    });
    Ok(debouncer)
}

/// What the book is built from besides its chapters, as `mdbook serve`
/// watches it: book.toml, the theme folder (`output.html.theme`), the
/// folders in `build.extra-watch-dirs`, and the HTML renderer's
/// `additional-css` and `additional-js` files.
fn watched_beside_the_chapters(book: &MDBook) -> Vec<PathBuf> {
    let mut paths = vec![book.root.join("book.toml"), book.theme_dir()];
    paths.extend(book.config.build.extra_watch_dirs.iter().map(|dir| book.root.join(dir)));
    if let Some(html) = book.config.html_config() {
        paths.extend(html.additional_css.iter().chain(&html.additional_js).map(|file| book.root.join(file)));
    }
    paths
}

/// Whether a batch holds a change worth a build: a file that is not ours and
/// has been quiet for [`SETTLE`] (one still being written waits for its end).
fn is_change_to_build(batch: DebounceEventResult, ignored: &[PathBuf]) -> bool {
    match batch {
        Ok(events) => {
            events.iter().any(|e| e.kind == DebouncedEventKind::Any && is_relevant(&e.path, ignored))
        }
        Err(err) => {
            eprintln!("warning: while watching the book's files: {err}");
            false
        }
    }
}

fn is_relevant(path: &Path, ignored: &[PathBuf]) -> bool {
    !ignored.iter().any(|i| path.starts_with(i)) && !is_editor_temp(path)
}

fn is_editor_temp(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with(".#") || name.ends_with('~') || name.ends_with(".swp")
}

/// The platform's watcher without access events. The Linux one reports every
/// file a build opens, and a build must not look like a change to the next.
pub(super) struct ChangeWatcher(RecommendedWatcher);

fn is_change(event: &notify::Result<Event>) -> bool {
    !matches!(event, Ok(event) if event.kind.is_access())
}

impl Watcher for ChangeWatcher {
    fn new<F: EventHandler>(mut handler: F, config: notify::Config) -> notify::Result<Self> {
        let only_changes = move |event: notify::Result<Event>| {
            if is_change(&event) {
                handler.handle_event(event);
            }
        };
        RecommendedWatcher::new(only_changes, config).map(Self)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, EventKind, ModifyKind};
    use notify_debouncer_mini::DebouncedEvent;

    #[test]
    fn our_own_output_does_not_trigger_rebuilds() {
        let ignored = [PathBuf::from("/b/src/studyguide"), PathBuf::from("/b/book")];
        assert!(is_relevant(Path::new("/b/src/intro.md"), &ignored));
        assert!(!is_relevant(Path::new("/b/src/studyguide/mermaid.min.js"), &ignored));
        assert!(!is_relevant(Path::new("/b/book/index.html"), &ignored));
        assert!(!is_relevant(Path::new("/b/src/.#intro.md"), &ignored));
        assert!(!is_relevant(Path::new("/b/src/intro.md~"), &ignored));
    }

    #[test]
    fn a_file_still_being_written_waits() {
        let ignored = [PathBuf::from("/b/book")];
        let batch = |path: &str, kind| Ok(vec![DebouncedEvent::new(path.into(), kind)]);
        assert!(is_change_to_build(batch("/b/src/intro.md", DebouncedEventKind::Any), &ignored));
        assert!(!is_change_to_build(batch("/b/src/intro.md", DebouncedEventKind::AnyContinuous), &ignored));
        assert!(!is_change_to_build(batch("/b/book/intro.html", DebouncedEventKind::Any), &ignored));
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        let event = |kind| Ok(Event::new(kind).add_path("/b/src/intro.md".into()));
        assert!(is_change(&event(EventKind::Modify(ModifyKind::Any))));
        assert!(is_change(&event(EventKind::Create(notify::event::CreateKind::File))));
        assert!(!is_change(&event(EventKind::Access(AccessKind::Any))));
        assert!(is_change(&Err(notify::Error::generic("watch failed"))));
    }
}
