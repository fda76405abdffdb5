//! Drawn diagrams on disk, keyed by a hash of everything that shapes them:
//! the source, the mermaid version and our render settings. An unchanged
//! diagram is never drawn twice.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What a drawing produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum Entry {
    /// One drawing whose style covers every theme.
    Themed {
        svg: String,
    },
    /// A drawing per theme, when they could not be combined.
    Drawn {
        light: String,
        dark: String,
    },
    Rejected {
        error: String,
    },
}

pub(super) struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub(super) fn new(dir: PathBuf) -> Self {
        Cache { dir }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    pub(super) fn get(&self, key: &str) -> Option<Entry> {
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Stores an entry; a cache that cannot be written only costs time.
    pub(super) fn put(&self, key: &str, entry: &Entry) {
        let write = || -> std::io::Result<()> {
            // The cache's own folder, made here, ignores itself in git.
            let top = self.dir.parent().filter(|top| !top.exists());
            std::fs::create_dir_all(&self.dir)?;
            if let Some(top) = top {
                std::fs::write(top.join(".gitignore"), crate::assets::IGNORE_ALL)?;
            }
            // Write then rename, so a concurrent build never reads half a file.
            let tmp = self.dir.join(format!(".{key}.{}.tmp", std::process::id()));
            std::fs::write(&tmp, serde_json::to_vec(entry)?)?;
            std::fs::rename(tmp, self.path(key))
        };
        if let Err(err) = write() {
            tracing::warn!("could not cache a diagram in {}: {err}", self.dir.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("cache/diagrams"));
        assert_eq!(cache.get("k"), None);
        let drawn = Entry::Drawn { light: "<svg/>".into(), dark: "<svg/>".into() };
        cache.put("k", &drawn);
        assert_eq!(cache.get("k"), Some(drawn));
        let rejected = Entry::Rejected { error: "Parse error".into() };
        cache.put("r", &rejected);
        assert_eq!(cache.get("r"), Some(rejected));
        // The cache's folder, made by it, ignores itself in git.
        let ignore = std::fs::read(dir.path().join("cache/.gitignore")).unwrap();
        assert_eq!(ignore, crate::assets::IGNORE_ALL);
    }

    #[test]
    fn a_corrupt_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("k.json"), "{not json").unwrap();
        assert_eq!(Cache::new(dir.path().to_owned()).get("k"), None);
    }
}
