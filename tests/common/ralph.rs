//! A Ralph LRS for the tests that sync with and review from a real one:
//! started on a free loopback port with its file-system backend, its users
//! and statements in a directory of its own, stopped when dropped.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const USER: &str = "rapport-ci";
pub const PASSWORD: &str = "not-a-secret";

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
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut r = Ralph {
            dir,
            port,
            child: None,
        };
        r.start();
        r
    }

    pub fn start(&mut self) {
        use std::os::unix::process::CommandExt;
        let data = self.dir.path().join("statements");
        std::fs::create_dir_all(&data).unwrap();
        let log = std::fs::File::create(self.dir.path().join("ralph.log")).unwrap();
        let child = Command::new(ralph_binary())
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
            .current_dir(self.dir.path())
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            // Its own process group: uvicorn runs a reloader and a worker,
            // and stopping must stop both.
            .process_group(0)
            .spawn()
            .expect("ralph runserver starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(90);
        while Instant::now() < deadline {
            if self.get("statements?limit=1").is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        let log = std::fs::read_to_string(self.dir.path().join("ralph.log")).unwrap_or_default();
        panic!(
            "Ralph did not answer on port {} within 90 s:\n{log}",
            self.port
        );
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            // The port is free again once nothing answers.
            let deadline = Instant::now() + Duration::from_secs(30);
            while self.get("statements?limit=1").is_ok() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }

    /// `rapport sync` of `data` to this LRS, with `password`.
    pub fn sync(&self, data: &Path, password: &str) -> std::process::Output {
        super::rapport(
            data,
            &[
                "sync",
                "--lrs",
                &self.endpoint(),
                "--user",
                USER,
                "--password",
                password,
            ],
        )
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    pub fn get(&self, what: &str) -> Result<Value, String> {
        use base64::Engine;
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
        let mut resp = ureq::get(format!("{}{what}", self.endpoint()))
            .header("Authorization", format!("Basic {token}"))
            .header("X-Experience-API-Version", "1.0.3")
            .call()
            .map_err(|e| e.to_string())?;
        let body = resp
            .body_mut()
            .read_to_string()
            .map_err(|e| e.to_string())?;
        serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))
    }

    /// Every statement the LRS holds.
    pub fn statements(&self) -> Vec<Value> {
        let mut all = Vec::new();
        let mut page = self.get("statements?limit=500").unwrap();
        loop {
            all.extend(page["statements"].as_array().unwrap().iter().cloned());
            let more = page["more"].as_str().unwrap_or("").to_string();
            if more.is_empty() {
                return all;
            }
            let path = more.split("/xAPI/").nth(1).unwrap().to_string();
            page = self.get(&path).unwrap();
        }
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        self.stop();
    }
}
