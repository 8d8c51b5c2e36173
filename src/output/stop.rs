//! A build asked to stop (Ctrl-C, SIGTERM from a cancelled CI job, SIGHUP
//! from a closed terminal). The command line's signal handler only sets a
//! flag; the writer sees it at the next file and fails, and the failed
//! build removes its staging folder as any failed build does. No thread
//! waits for signals, and a swap under way is never cut in two.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

/// 0 until a stop is asked for; then the number of the signal that asked.
static REQUESTED: LazyLock<Arc<AtomicUsize>> = LazyLock::new(|| Arc::new(AtomicUsize::new(0)));

/// The flag a signal handler sets to the signal's number.
pub fn flag() -> Arc<AtomicUsize> {
    REQUESTED.clone()
}

/// The signal that asked the build to stop, if one did.
pub fn requested() -> Option<usize> {
    match REQUESTED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// The error a write meets once a stop was asked for.
pub(super) fn error(path: &std::path::Path) -> crate::fs_utils::FsError {
    let stopped = std::io::Error::new(std::io::ErrorKind::Interrupted, "the build was asked to stop");
    crate::fs_utils::FsError::new("did not write", path, stopped)
}
