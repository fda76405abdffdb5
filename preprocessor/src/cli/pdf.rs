use anyhow::Result;
use std::path::{Path, PathBuf};

pub fn run(_dir: &Path) -> Result<PathBuf> {
    anyhow::bail!("pdf is not built yet")
}
