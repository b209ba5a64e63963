//! Plugin trust: a plugin is code gleaner runs with the user's rights, so
//! (as ssh does with keys) a plugin file is refused when another user could
//! have changed it: the file, or the folder it is in, writable by group or
//! other users, or owned by someone else than the user or root.
//!
//! [`check`] runs in [`crate::Plugin::load`] before the library is opened,
//! for every file (given as a path or found on the search path). The CLI's
//! `--allow-insecure-plugins` turns the check off for the process
//! ([`set_allow_insecure`]).
//!
//! Exceptions, as in ssh: a folder with the sticky bit (`/tmp`) may be
//! writable by all, since others cannot replace what is in it; a file or
//! folder may be writable by its group when that group is the user's own
//! private group (no other members: the Debian/Ubuntu default, umask 002).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

static ALLOW_INSECURE: AtomicBool = AtomicBool::new(false);

/// Loads plugins even from files or folders other users can write
/// (`--allow-insecure-plugins`), for the rest of the process.
pub fn set_allow_insecure(allow: bool) {
    ALLOW_INSECURE.store(allow, Ordering::Relaxed);
}

/// Whether insecure plugin files are allowed (see [`set_allow_insecure`]).
pub fn allow_insecure() -> bool {
    ALLOW_INSECURE.load(Ordering::Relaxed)
}

/// Checks that no other user could have changed the plugin file at `path`:
/// the file itself (symbolic links followed) and its folder (both the one
/// named and the real one). The message says what is wrong and how to fix
/// it. Always `Ok` when [`allow_insecure`].
pub fn check(path: &Path) -> Result<(), String> {
    if allow_insecure() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        let real = std::fs::canonicalize(path).map_err(|e| format!("cannot resolve the path: {e}"))?;
        let mut places = vec![(real.clone(), false)];
        if let Some(dir) = real.parent() {
            places.push((dir.to_path_buf(), true));
        }
        let named_dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if let Ok(named_dir) = std::fs::canonicalize(named_dir) {
            if !places.iter().any(|(p, _)| *p == named_dir) {
                places.push((named_dir, true));
            }
        }
        for (place, is_dir) in places {
            unix::check_one(&place, is_dir)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;

    const GROUP_WRITE: u32 = 0o020;
    const OTHER_WRITE: u32 = 0o002;
    const STICKY: u32 = 0o1000;

    /// Checks one file or folder.
    pub(super) fn check_one(place: &Path, is_dir: bool) -> Result<(), String> {
        let meta = std::fs::metadata(place).map_err(|e| format!("cannot read {}: {e}", place.display()))?;
        let what = if is_dir { "the folder" } else { "the plugin file" };
        let shown = place.display();
        let mode = meta.mode();
        // SAFETY: geteuid cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != 0 && meta.uid() != me {
            return Err(format!(
                "refusing to load it: {what} {shown} is owned by user {} (not by you or root), who could change it; \
                 pass --allow-insecure-plugins to load it anyway",
                meta.uid()
            ));
        }
        let others = mode & OTHER_WRITE != 0 && !(is_dir && mode & STICKY != 0);
        let group = mode & GROUP_WRITE != 0 && !(is_dir && mode & STICKY != 0) && !own_private_group(meta.gid());
        let by = match (group, others) {
            (false, false) => return Ok(()),
            (true, false) => "its group",
            (false, true) => "other users",
            (true, true) => "its group and other users",
        };
        Err(format!(
            "refusing to load it: {what} {shown} is writable by {by} (mode {:04o}), who could replace the plugin; \
             fix it with `chmod go-w {shown}`, or pass --allow-insecure-plugins to load it anyway",
            mode & 0o7777
        ))
    }

    /// Whether `gid` is the user's primary group with no other members.
    fn own_private_group(gid: u32) -> bool {
        // SAFETY: getegid cannot fail; getgrgid_r writes into the buffers given.
        unsafe {
            if gid != libc::getegid() {
                return false;
            }
            let mut group: libc::group = std::mem::zeroed();
            let mut result: *mut libc::group = std::ptr::null_mut();
            let mut buf = vec![0 as libc::c_char; 1 << 14];
            if libc::getgrgid_r(gid, &mut group, buf.as_mut_ptr(), buf.len(), &mut result) != 0 || result.is_null() {
                return false;
            }
            group.gr_mem.is_null() || (*group.gr_mem).is_null()
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn chmod(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn writable_files_and_folders_are_refused_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        chmod(dir.path(), 0o755);
        let file = dir.path().join("libgleaner_plugin_x.so");
        std::fs::write(&file, b"x").unwrap();
        chmod(&file, 0o755);
        assert_eq!(check(&file), Ok(()));

        chmod(&file, 0o666);
        let err = check(&file).unwrap_err();
        assert!(err.contains("the plugin file") && err.contains("other users (mode 0666)"), "{err}");
        assert!(err.contains(&format!("chmod go-w {}", std::fs::canonicalize(&file).unwrap().display())), "{err}");

        chmod(&file, 0o644);
        chmod(dir.path(), 0o777);
        let err = check(&file).unwrap_err();
        assert!(err.contains("the folder") && err.contains("(mode 0777)"), "{err}");

        chmod(dir.path(), 0o1777);
        assert_eq!(check(&file), Ok(()), "a sticky folder (like /tmp) is fine");
    }
}
