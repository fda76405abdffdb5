//! Stopping cleanly. A build stopped by SIGINT (Ctrl+C) or SIGTERM would
//! die at once and leave the Chromiums drawing its diagrams running and its
//! temporary folders behind: destructors do not run when a signal ends a
//! process. So what must not outlive the process is listed here while it
//! lives ([`child`], [`temporary`]), and [`on_signals`] ends it all before
//! the process exits.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What to end or remove if the process is stopped, by entry number.
struct Registry {
    next: u64,
    /// Process groups: each Chromium leads its own, with every process it
    /// starts (renderers, zygote, GPU).
    groups: Vec<(u64, u32)>,
    /// Temporary files and folders.
    paths: Vec<(u64, PathBuf)>,
    /// Set once a signal came: what registers afterwards is ended at once.
    stopping: bool,
}

static REGISTRY: Mutex<Registry> =
    Mutex::new(Registry { next: 0, groups: Vec::new(), paths: Vec::new(), stopping: false });

fn registry() -> std::sync::MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Takes its entry off the list when dropped (the thing ended normally).
#[derive(Debug)]
pub(crate) struct Listed(u64);

impl Drop for Listed {
    fn drop(&mut self) {
        let mut registry = registry();
        registry.groups.retain(|(n, _)| *n != self.0);
        registry.paths.retain(|(n, _)| *n != self.0);
    }
}

/// Lists a child process that leads its own process group (started with
/// `process_group(0)`), to be killed with its group if the process is
/// stopped.
pub(crate) fn child(pid: u32) -> Listed {
    let mut registry = registry();
    if registry.stopping {
        kill_group(pid);
    }
    registry.next += 1;
    let n = registry.next;
    registry.groups.push((n, pid));
    Listed(n)
}

/// Lists a temporary file or folder, to be removed if the process is
/// stopped.
pub(crate) fn temporary(path: &Path) -> Listed {
    let mut registry = registry();
    registry.next += 1;
    let n = registry.next;
    registry.paths.push((n, path.to_owned()));
    Listed(n)
}

/// A temporary folder (a [`tempfile::TempDir`]) that is removed when
/// dropped, and when the process is stopped.
#[derive(Debug)]
pub(crate) struct TempDir {
    // Listed until the folder is gone.
    _listed: Listed,
    dir: tempfile::TempDir,
}

impl TempDir {
    /// A new folder named `prefix…` in `parent`, or in the system's
    /// temporary folder. One made in `parent` is made to be moved into
    /// place: readable as any folder made there (the umask decides).
    pub(crate) fn new(prefix: &str, parent: Option<&Path>) -> std::io::Result<TempDir> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(prefix);
        let dir = match parent {
            Some(parent) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(std::fs::Permissions::from_mode(0o777));
                }
                builder.tempdir_in(parent)?
            }
            None => builder.tempdir()?,
        };
        Ok(TempDir { _listed: temporary(dir.path()), dir })
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Keeps the folder (it was moved, say) and takes it off the list.
    pub(crate) fn keep(self) -> PathBuf {
        let TempDir { _listed, dir } = self;
        dir.keep()
    }
}

/// Until the process ends, SIGINT, SIGTERM and SIGHUP end every listed
/// process group, remove every listed path, and exit with 128 + the
/// signal's number, as a shell reports a process a signal ended.
#[cfg(unix)]
pub(crate) fn on_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop();
            std::process::exit(128 + signal);
        }
    })?;
    Ok(())
}

/// Elsewhere (Windows) Ctrl+C ends the process and the console's
/// processes with it: nothing is watched.
#[cfg(not(unix))]
pub(crate) fn on_signals() -> std::io::Result<()> {
    Ok(())
}

/// Ends every listed process group and removes every listed path.
#[cfg_attr(not(unix), allow(dead_code))]
fn stop() {
    let mut registry = registry();
    registry.stopping = true;
    for &(_, pid) in &registry.groups {
        kill_group(pid);
    }
    for (_, path) in &registry.paths {
        let _ = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
    }
}

/// Kills the process group `child` leads and reaps `child`.
pub(crate) fn end_group(child: &mut std::process::Child) {
    kill_group(child.id());
    let _ = child.wait();
}

/// Kills a process group and reaps its leader, so nothing of it is left.
#[cfg(unix)]
fn kill_group(pid: u32) {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return };
    // SAFETY: kill and waitpid take plain integers and touch no memory of
    // ours; the group is one we started.
    unsafe {
        libc::kill(-pid, libc::SIGKILL);
        libc::waitpid(pid, std::ptr::null_mut(), 0);
    }
}

/// Windows has no process groups of this kind: the process and every
/// process it started are ended as a tree.
#[cfg(not(unix))]
fn kill_group(pid: u32) {
    let _ = std::process::Command::new("taskkill")
        .args(["/T", "/F", "/PID", &pid.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_paths_leave_the_list_when_dropped() {
        let dir = TempDir::new("studyguide-stopping-", None).unwrap();
        let path = dir.path().to_owned();
        assert!(registry().paths.iter().any(|(_, p)| *p == path));
        drop(dir);
        assert!(!path.exists());
        assert!(!registry().paths.iter().any(|(_, p)| *p == path));
    }
}
