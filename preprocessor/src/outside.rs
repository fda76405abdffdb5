//! Paths that lead out of the book: settings and symbolic links must not
//! make a build write, or `serve` show, what is outside the book's root.

use std::path::{Component, Path, PathBuf};

/// `path` as the file system will take it: the part that exists with its
/// symbolic links followed, the rest with `.` and `..` applied.
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(name) => out.push(name),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return path,
        }
    }
}

/// Whether `path` is in the folder `root` once resolved.
pub(crate) fn is_inside(root: &Path, path: &Path) -> bool {
    resolve(path).starts_with(resolve(root))
}

/// A symbolic link under a book's source folder to something outside the
/// book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkOut {
    /// The link, relative to the source folder.
    pub path: PathBuf,
    /// What it names.
    pub target: PathBuf,
}

/// The symbolic links under `src` that lead out of the book at `root` and
/// that mdBook copies into the site: all but chapters (`.md`), which it
/// renders only when SUMMARY.md lists them. Folders behind links are not
/// walked.
pub(crate) fn links_out(root: &Path, src: &Path) -> Vec<LinkOut> {
    let root = resolve(root);
    let mut found = Vec::new();
    let mut folders = vec![src.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                folders.push(path);
            } else if kind.is_symlink() && path.extension().is_none_or(|e| e != "md") {
                let target = resolve(&path);
                if !target.starts_with(&root) {
                    let path = path.strip_prefix(src).unwrap_or(&path).to_owned();
                    found.push(LinkOut { path, target });
                }
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn paths_resolve_through_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        std::fs::create_dir_all(root.join("src")).unwrap();
        assert!(is_inside(&root, &root.join("src/../cache/x")));
        assert!(!is_inside(&root, &root.join("../../x")));
        assert!(!is_inside(&root, &root.join("cache/../../x")));
        assert!(!is_inside(&root, Path::new("/tmp/elsewhere")));
        symlink(dir.path(), root.join("theme")).unwrap();
        assert!(!is_inside(&root, &root.join("theme")));
        assert!(!is_inside(&root, &root.join("theme/head.hbs")));
    }

    #[test]
    fn links_out_of_the_book_are_found_and_links_within_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        let src = root.join("src");
        std::fs::create_dir_all(src.join("img")).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        std::fs::write(src.join("img/a.png"), "a").unwrap();
        symlink(dir.path().join("secret.txt"), src.join("img/secret.txt")).unwrap();
        symlink(dir.path(), src.join("up")).unwrap();
        symlink(src.join("img/a.png"), src.join("b.png")).unwrap();
        symlink(dir.path().join("secret.txt"), src.join("chapter.md")).unwrap();
        let found: Vec<PathBuf> = links_out(&root, &src).into_iter().map(|l| l.path).collect();
        assert_eq!(found, [PathBuf::from("img/secret.txt"), PathBuf::from("up")]);
    }
}
