//! A build asked to stop (Ctrl-C, SIGTERM from a cancelled CI job, SIGHUP
//! from a closed terminal, or a caller of the library). The asker only sets
//! a [`Cancel`] token the build was given; the writer sees it at the next
//! file and fails, and the failed build removes its staging folder as any
//! failed build does. No thread waits for signals, and a swap under way is
//! never cut in two.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A request to stop one build, shared by the build and whoever may ask:
/// 0 until a stop is asked for, then the number of the signal that asked.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicUsize>);

impl Cancel {
    pub fn new() -> Self {
        Cancel::default()
    }

    /// The flag a signal handler sets to the signal's number.
    pub fn flag(&self) -> Arc<AtomicUsize> {
        self.0.clone()
    }

    /// Ask the build to stop, as signal `signal` (not 0) would.
    pub fn stop(&self, signal: usize) {
        self.0.store(signal.max(1), Ordering::SeqCst);
    }

    /// The signal that asked the build to stop, if one did.
    pub fn requested(&self) -> Option<usize> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }
}

/// The error a write meets once a stop was asked for.
pub(super) fn error(path: &std::path::Path) -> crate::fs_utils::FsError {
    let stopped = std::io::Error::new(std::io::ErrorKind::Interrupted, "the build was asked to stop");
    crate::fs_utils::FsError::new("did not write", path, stopped)
}
