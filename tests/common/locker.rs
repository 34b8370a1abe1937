//! Learning Locker's xAPI statements service as a second LRS for the tests
//! that sync with and review from a real one: `tests/locker/server.js` runs
//! it under Node with its in-memory store and one Basic user, on a free
//! loopback port, stopped when dropped. Its statements live as long as the
//! process: a stop and start is an empty LRS.

use super::lrs::{PASSWORD, TestLrs, USER, free_port, serve, stop};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

/// Where `.ci/setup` installed the service (its `node_modules`), or
/// `$RAPPORT_LOCKER`.
fn modules() -> PathBuf {
    let dir = std::env::var_os("RAPPORT_LOCKER")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").expect("HOME is set");
            Path::new(&home).join(".cache/rapport/locker")
        });
    let service = dir.join("node_modules/@learninglocker/xapi-statements/dist/service");
    assert!(
        service.exists(),
        "Learning Locker's statements service (the second LRS these tests sync with) is not \
         under {}: run `bash .ci/setup`, or point RAPPORT_LOCKER at a directory where \
         `npm ci` ran on .ci/locker/package.json",
        dir.display()
    );
    dir
}

/// Learning Locker's statements service on a free loopback port, in memory;
/// stopped when dropped.
pub struct Locker {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
}

impl Locker {
    pub fn new() -> Locker {
        let mut l = Locker {
            dir: tempfile::tempdir().unwrap(),
            port: free_port(),
            child: None,
        };
        l.start();
        l
    }
}

impl TestLrs for Locker {
    fn name(&self) -> &'static str {
        "Learning Locker"
    }

    fn port(&self) -> u16 {
        self.port
    }

    fn start(&mut self) {
        let mut command = Command::new("node");
        command
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/locker/server.js"))
            .env("LOCKER_MODULES", modules())
            .env("LOCKER_DIR", self.dir.path())
            .env("LOCKER_PORT", self.port.to_string())
            .env("LOCKER_USER", USER)
            .env("LOCKER_PASSWORD", PASSWORD)
            // Its AWS SDK (for a storage this test does not use) announces
            // its end of support on every start.
            .env("AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE", "1")
            .current_dir(self.dir.path());
        let child = serve(self, command, &self.dir.path().join("locker.log"));
        self.child = Some(child);
    }

    fn stop(&mut self) {
        let child = self.child.take();
        stop(self, child);
    }
}

impl Drop for Locker {
    fn drop(&mut self) {
        TestLrs::stop(self);
    }
}
