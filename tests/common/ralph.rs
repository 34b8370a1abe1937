//! A Ralph LRS for the tests that sync with and review from a real one:
//! started on a free loopback port with its file-system backend, its users
//! and statements in a directory of its own, stopped when dropped.

use super::lrs::{PASSWORD, TestLrs, USER, free_port, serve, stop};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

fn ralph_binary() -> PathBuf {
    let path = std::env::var_os("RAPPORT_RALPH")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").expect("HOME is set");
            Path::new(&home).join(".cache/rapport/ralph/bin/ralph")
        });
    assert!(
        path.exists(),
        "Ralph (the LRS these tests sync with) is not at {}: run `bash .ci/setup`, \
         or point RAPPORT_RALPH at a `ralph` installed with `pip install 'ralph-malph[cli,lrs]'`",
        path.display()
    );
    path
}

/// A Ralph LRS on a free loopback port, its users and statements in a
/// directory of its own; stopped when dropped.
pub struct Ralph {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
}

impl Ralph {
    pub fn new() -> Ralph {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(ralph_binary())
            .args([
                "auth",
                "-u",
                USER,
                "-p",
                PASSWORD,
                "-s",
                "all",
                "-M",
                "mailto:ci@example.com",
                "-w",
            ])
            .env("RALPH_APP_DIR", dir.path().join("app"))
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .output()
            .expect("ralph runs");
        assert!(
            out.status.success(),
            "ralph auth: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut r = Ralph {
            dir,
            port: free_port(),
            child: None,
        };
        r.start();
        r
    }

    /// Ralph's file backend keeps its statements as JSON lines in one file.
    pub fn file(&self) -> PathBuf {
        self.dir.path().join("statements/fs_lrs.jsonl")
    }
}

impl TestLrs for Ralph {
    fn name(&self) -> &'static str {
        "Ralph"
    }

    fn port(&self) -> u16 {
        self.port
    }

    fn start(&mut self) {
        let data = self.dir.path().join("statements");
        std::fs::create_dir_all(&data).unwrap();
        let mut command = Command::new(ralph_binary());
        command
            .args(["runserver", "-b", "fs", "--host", "127.0.0.1", "--port"])
            .arg(self.port.to_string())
            .arg("--fs-default-directory-path")
            .arg(&data)
            .env("RALPH_APP_DIR", self.dir.path().join("app"))
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            // tests/ralph/sitecustomize.py makes Ralph's file backend append
            // (see there why).
            .env(
                "PYTHONPATH",
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ralph"),
            )
            .current_dir(self.dir.path());
        // uvicorn runs a reloader and a worker: `serve` gives them a process
        // group of their own, and stopping stops both.
        let child = serve(self, command, &self.dir.path().join("ralph.log"));
        self.child = Some(child);
    }

    fn stop(&mut self) {
        let child = self.child.take();
        stop(self, child);
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        TestLrs::stop(self);
    }
}
