//! What the tests against a real LRS share, whichever it is: Ralph
//! (`ralph.rs`) or Learning Locker's statements service (`locker.rs`), each
//! started per test on a free loopback port, with one user, and stopped
//! when dropped. A test body takes any [`TestLrs`], so that each case runs
//! against both and Rapport is tuned to neither's quirks.

use serde_json::Value;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const USER: &str = "rapport-ci";
pub const PASSWORD: &str = "not-a-secret";

/// An LRS under test, on `http://127.0.0.1:PORT/xAPI/`.
pub trait TestLrs {
    /// Which server, for messages.
    fn name(&self) -> &'static str;
    fn port(&self) -> u16;
    /// Starts it (again): it answers when this returns.
    fn start(&mut self);
    /// Stops it: nothing answers on its port when this returns.
    fn stop(&mut self);

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port())
    }

    /// `rapport sync` of `data` to this LRS, with `password`.
    fn sync(&self, data: &Path, password: &str) -> std::process::Output {
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

    fn get(&self, what: &str) -> Result<Value, String> {
        let mut resp = ureq::get(format!("{}{what}", self.endpoint()))
            .header("Authorization", basic())
            .header("X-Experience-API-Version", "1.0.3")
            .call()
            .map_err(|e| e.to_string())?;
        let body = resp
            .body_mut()
            .read_to_string()
            .map_err(|e| e.to_string())?;
        serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))
    }

    /// Every statement the LRS returns to a query of them all.
    fn statements(&self) -> Vec<Value> {
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

    /// `POST statements`, as another tool would; the status.
    fn post(&self, statements: &Value) -> u16 {
        let r = ureq::post(format!("{}statements", self.endpoint()))
            .header("Authorization", basic())
            .header("X-Experience-API-Version", "1.0.3")
            .content_type("application/json")
            .send(statements.to_string());
        match r {
            Ok(r) => r.status().as_u16(),
            Err(ureq::Error::StatusCode(s)) => s,
            Err(e) => panic!("{}: {e}", self.name()),
        }
    }
}

fn basic() -> String {
    use base64::Engine;
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
    format!("Basic {token}")
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Spawns a server with its output in `log`, in a process group of its
/// own (so that stopping it stops whatever it started), and waits until
/// `lrs` answers.
pub fn serve(lrs: &impl TestLrs, mut command: Command, log: &Path) -> Child {
    use std::os::unix::process::CommandExt;
    let out = std::fs::File::create(log).unwrap();
    let child = command
        .stdout(Stdio::from(out.try_clone().unwrap()))
        .stderr(Stdio::from(out))
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("{} does not start: {e}", lrs.name()));
    let deadline = Instant::now() + Duration::from_secs(90);
    while Instant::now() < deadline {
        if lrs.get("statements?limit=1").is_ok() {
            return child;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    stop(lrs, Some(child));
    let log = std::fs::read_to_string(log).unwrap_or_default();
    panic!(
        "{} did not answer on port {} within 90 s:\n{log}",
        lrs.name(),
        lrs.port()
    );
}

/// Stops a server [`serve`] started, and waits until its port is free.
pub fn stop(lrs: &impl TestLrs, child: Option<Child>) {
    if let Some(mut child) = child {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", child.id())])
            .status();
        let _ = child.wait();
        let deadline = Instant::now() + Duration::from_secs(30);
        while lrs.get("statements?limit=1").is_ok() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
