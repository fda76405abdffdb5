//! `init`: a new book with an example of every block, installed.

use super::install::install;
use crate::assets::INSTALL;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use toml_edit::Value;

/// `init`: a new book in `dir` (which must not hold one), as `mdbook init`
/// makes it, with one example of each of our blocks, installed. All of it
/// or nothing: the book is made and installed in a folder beside `dir`,
/// then moved in. Returns what [`install`] had to say.
pub(super) fn init(dir: &Path, title: &str) -> Result<Vec<String>> {
    if dir.join("book.toml").exists() {
        bail!(
            "{} already holds a book; to add studyguide to it run `{INSTALL} {}`",
            dir.display(),
            dir.display()
        );
    }
    let dir = std::path::absolute(dir).with_context(|| format!("no folder {}", dir.display()))?;
    let files = example_book(title);
    for (path, _) in &files {
        let path = dir.join(path);
        if path.exists() {
            bail!("{} already exists; init writes a new book into an empty folder", path.display());
        }
    }
    let parent =
        dir.parent().with_context(|| format!("init needs a folder for the book, not {}", dir.display()))?;
    std::fs::create_dir_all(parent).with_context(|| format!("could not create {}", parent.display()))?;
    let staging = crate::stopping::TempDir::new(".studyguide-init-", Some(parent))
        .with_context(|| format!("could not make a folder in {}", parent.display()))?;
    for (path, text) in files {
        let path = staging.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap_or(staging.path()))
            .with_context(|| format!("could not create {}", staging.path().display()))?;
        std::fs::write(&path, text).with_context(|| format!("could not write {}", path.display()))?;
    }
    let installed = install(staging.path()).context("the new book could not be made")?;
    if !dir.exists() {
        std::fs::rename(staging.path(), &dir)
            .with_context(|| format!("could not create {}", dir.display()))?;
        // Its folder has a new name: nothing is left to remove.
        let _ = staging.keep();
        return Ok(installed.notes);
    }
    let mut notes = installed.notes;
    move_into(staging.path(), &dir, &mut notes)?;
    Ok(notes)
}

/// Moves every file under `from` to the same place under `to`: none if one
/// is in the way (a template of the book's own stays, and is named in
/// `notes`), and back if a move fails.
fn move_into(from: &Path, to: &Path, notes: &mut Vec<String>) -> Result<()> {
    let mut files = Vec::new();
    let mut folders = vec![from.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in
            std::fs::read_dir(&folder).with_context(|| format!("could not read {}", folder.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path.strip_prefix(from).expect("under the folder read").to_owned());
            }
        }
    }
    files.sort();
    let theme = Path::new("theme");
    let mut moving = Vec::new();
    for file in files {
        let target = to.join(&file);
        if !target.exists() {
            moving.push(file);
        } else if file.starts_with(theme) {
            notes.push(format!("{} is the folder's own, so it stays", target.display()));
        } else {
            bail!("{} already exists; init writes a new book into an empty folder", target.display());
        }
    }
    let mut moved: Vec<PathBuf> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    for file in &moving {
        let target = to.join(file);
        let result = (|| -> std::io::Result<()> {
            let mut missing = Vec::new();
            let mut folder = target.parent();
            while let Some(f) = folder.filter(|f| !f.exists()) {
                missing.push(f.to_owned());
                folder = f.parent();
            }
            std::fs::create_dir_all(target.parent().unwrap_or(to))?;
            made.extend(missing.into_iter().rev());
            std::fs::rename(from.join(file), &target)
        })();
        if let Err(err) = result {
            for back in moved.iter().rev() {
                let _ = std::fs::rename(to.join(back), from.join(back));
            }
            for folder in made.iter().rev() {
                let _ = std::fs::remove_dir(folder);
            }
            return Err(err).with_context(|| format!("could not move the new book into {}", to.display()));
        }
        moved.push(file.clone());
    }
    Ok(())
}

/// A name for a new book's learners' progress that no other book has: two
/// books made with the same title still keep apart in one browser.
fn new_book_id(title: &str) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let seed = format!("{title}\0{}\0{}", now.as_nanos(), std::process::id());
    crate::book_identity::from_title(&seed)
}

/// The files of a new book, by path.
fn example_book(title: &str) -> Vec<(&'static str, String)> {
    // A TOML string, escaped as TOML escapes (a line break as `\n`).
    let title = Value::from(title).to_string();
    vec![
        (
            "book.toml",
            include_str!("init/book.toml")
                .replace("\"{title}\"", &title)
                .replace("{book-id}", &new_book_id(&title)),
        ),
        (".gitignore", "book\n.studyguide-cache\n".to_owned()),
        ("src/SUMMARY.md", include_str!("init/SUMMARY.md").to_owned()),
        ("src/chapter_1.md", include_str!("init/chapter_1.md").to_owned()),
        ("src/quiz.md", include_str!("init/quiz.md").to_owned()),
        ("src/exam.md", include_str!("init/exam.md").to_owned()),
        ("src/progress.md", include_str!("init/progress.md").to_owned()),
        ("src/review.md", include_str!("init/review.md").to_owned()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::check_book_toml;
    use mdbook_preprocessor::config::Config;

    #[test]
    fn init_writes_a_book_and_refuses_to_overwrite_one() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), "A \"quoted\" book").unwrap();
        let toml = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
        let config: Config = toml.parse().unwrap();
        assert_eq!(config.book.title.as_deref(), Some("A \"quoted\" book"));
        assert!(check_book_toml(dir.path(), &config).is_none());
        assert!(dir.path().join("studyguide/loader.js").is_file());
        let err = init(dir.path(), "again").unwrap_err().to_string();
        assert!(err.contains("already holds a book") && err.contains(INSTALL), "{err}");
    }

    #[test]
    fn init_takes_any_title() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        init(&book, "a\nb \"c\" \\ \u{7}").unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&book), mode(&book.join("src")), "the book's folder is made as its own folders are");
        let config: Config = std::fs::read_to_string(book.join("book.toml")).unwrap().parse().unwrap();
        assert_eq!(config.book.title.as_deref(), Some("a\nb \"c\" \\ \u{7}"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no folder is left beside it");
    }

    #[test]
    fn init_writes_all_of_the_book_or_nothing() {
        let outer = tempfile::tempdir().unwrap();
        let dir = outer.path().join("book");
        // Only installing writes this: found in the way after the book is made.
        std::fs::create_dir_all(dir.join("studyguide")).unwrap();
        std::fs::write(dir.join("studyguide/loader.js"), "mine").unwrap();
        let err = init(&dir, "Book").unwrap_err().to_string();
        assert!(err.contains("studyguide/loader.js already exists"), "{err}");
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["studyguide"], "nothing of the book is written");
        assert_eq!(std::fs::read_dir(dir.join("studyguide")).unwrap().count(), 1);
        let beside: Vec<_> =
            std::fs::read_dir(outer.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(beside, ["book"], "the folder it was made in is gone");
    }
}
