//! The files of a mail folder that may hold mail, for `linkguard scan DIR`: a Maildir (and its
//! Maildir++ subfolders), an MH folder, or any folder of `.eml` and mbox files, read recursively
//! in a stable order (by name, so two runs report in the same order).
//!
//! Which files are mail is decided by the caller from their content (`mail::messages_from_reader`);
//! this module only leaves out what is known not to be a message:
//! - hidden entries (`.mh_sequences`, `.DS_Store`, `.git`), except a Maildir's `.Folder`
//!   subfolders, which are Maildirs themselves (Maildir++);
//! - in a Maildir's top level, its files (`dovecot-uidlist`, `maildirfolder`, `subscriptions`)
//!   and `tmp/`, where messages are still being delivered;
//! - directories reached through a symbolic link: they can lead back up and never end.

use std::fs;
use std::path::{Path, PathBuf};

/// One entry of the walk: a file to read, or a directory that could not be listed.
#[derive(Debug, PartialEq, Eq)]
pub enum FolderEntry {
    File(PathBuf),
    Unreadable { path: PathBuf, error: String },
}

/// The files under `dir`, depth first, each directory's entries sorted by name. Lazy: a folder
/// of a million messages is read one directory at a time.
pub fn files_in(dir: &Path) -> impl Iterator<Item = FolderEntry> {
    FolderWalk { pending: vec![Pending::Dir(dir.to_path_buf())] }
}

/// A Maildir has `cur/` and `new/` (maildir(5); `tmp/` may be missing from a copied one).
pub fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() && dir.join("new").is_dir()
}

enum Pending {
    Dir(PathBuf),
    File(PathBuf),
}

struct FolderWalk {
    /// What is left to visit, the next one last.
    pending: Vec<Pending>,
}

impl Iterator for FolderWalk {
    type Item = FolderEntry;

    fn next(&mut self) -> Option<FolderEntry> {
        loop {
            match self.pending.pop()? {
                Pending::File(path) => return Some(FolderEntry::File(path)),
                Pending::Dir(dir) => match children(&dir) {
                    Ok(mut children) => {
                        children.reverse();
                        self.pending.extend(children);
                    }
                    Err(e) => return Some(FolderEntry::Unreadable { path: dir, error: e.to_string() }),
                },
            }
        }
    }
}

/// What of `dir` to visit, in name order.
fn children(dir: &Path) -> std::io::Result<Vec<Pending>> {
    let maildir = is_maildir(dir);
    let mut entries: Vec<(std::ffi::OsString, PathBuf)> = fs::read_dir(dir)?
        .filter_map(|entry| entry.ok())
        .map(|entry| (entry.file_name(), entry.path()))
        .collect();
    entries.sort();
    let mut visit = Vec::new();
    for (name, path) in entries {
        let hidden = name.as_encoded_bytes().first() == Some(&b'.');
        // Not followed through a link: only what the entry itself is.
        let Ok(own) = fs::symlink_metadata(&path) else { continue };
        if own.is_dir() {
            let keep = if hidden { maildir && is_maildir(&path) } else { !(maildir && name == "tmp") };
            if keep {
                visit.push(Pending::Dir(path));
            }
        } else if !hidden && !maildir {
            // A link to a file is read; a link to a directory is not followed.
            if fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                visit.push(Pending::File(path));
            }
        }
    }
    Ok(visit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory under the system's temp dir, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir().join(format!("linkguard-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn file(&self, rel: &str) {
            let path = self.0.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, b"From: a@example.com\n\nhi\n").unwrap();
        }

        fn dir(&self, rel: &str) {
            fs::create_dir_all(self.0.join(rel)).unwrap();
        }

        /// The walk's files, relative to the scratch dir.
        fn walk(&self) -> Vec<String> {
            files_in(&self.0)
                .map(|entry| match entry {
                    FolderEntry::File(p) => p.strip_prefix(&self.0).unwrap().to_string_lossy().into_owned(),
                    FolderEntry::Unreadable { path, error } => panic!("{path:?}: {error}"),
                })
                .collect()
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_maildir_gives_its_messages_in_cur_and_new_and_its_subfolders_but_not_tmp_or_index_files() {
        let m = Scratch::new("maildir");
        m.file("cur/1700000002.M2P9.host,S=900:2,S");
        m.file("cur/1700000001.M1P9.host,S=800:2,RS");
        m.file("new/1700000003.M3P9.host");
        m.file("tmp/1700000004.M4P9.host");
        m.file("dovecot-uidlist");
        m.file("dovecot.index.cache");
        m.file("subscriptions");
        m.file(".Spam/cur/1700000005.M5P9.host:2,");
        m.dir(".Spam/new");
        m.file(".Spam/maildirfolder");
        m.file(".not-a-folder/cur/x"); // hidden, and no new/: not a Maildir++ folder
        assert_eq!(
            m.walk(),
            [
                ".Spam/cur/1700000005.M5P9.host:2,",
                "cur/1700000001.M1P9.host,S=800:2,RS",
                "cur/1700000002.M2P9.host,S=900:2,S",
                "new/1700000003.M3P9.host",
            ]
        );
    }

    #[test]
    fn an_ordinary_folder_is_read_recursively_in_name_order_without_hidden_files() {
        let d = Scratch::new("folder");
        d.file("b.eml");
        d.file("a.eml");
        d.file("Archive/2024.mbox");
        d.file("inbox/12"); // MH: messages are numbered files
        d.file("inbox/.mh_sequences");
        d.file(".DS_Store");
        d.file(".git/HEAD");
        // A `tmp` outside a Maildir is an ordinary folder.
        d.file("tmp/c.eml");
        assert_eq!(d.walk(), ["Archive/2024.mbox", "a.eml", "b.eml", "inbox/12", "tmp/c.eml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_is_read_and_a_link_to_a_directory_is_not_followed() {
        let d = Scratch::new("links");
        d.file("real/a.eml");
        std::os::unix::fs::symlink(d.0.join("real/a.eml"), d.0.join("link.eml")).unwrap();
        std::os::unix::fs::symlink(&d.0, d.0.join("real/loop")).unwrap();
        std::os::unix::fs::symlink(d.0.join("gone.eml"), d.0.join("dangling.eml")).unwrap();
        assert_eq!(d.walk(), ["link.eml", "real/a.eml"]);
    }

    #[test]
    fn a_folder_that_is_not_there_is_unreadable_with_the_reason() {
        let missing = std::env::temp_dir().join(format!("linkguard-missing-{}", std::process::id()));
        let entries: Vec<FolderEntry> = files_in(&missing).collect();
        match entries.as_slice() {
            [FolderEntry::Unreadable { path, error }] => {
                assert_eq!(path, &missing);
                assert!(!error.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_empty_folder_has_no_files() {
        let d = Scratch::new("empty");
        assert!(d.walk().is_empty());
    }
}
