use anyhow::Result;
use std::path::Path;

pub fn run(_dir: &Path, _port: u16) -> Result<()> {
    anyhow::bail!("serve is not built yet")
}
