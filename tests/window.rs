//! The window for real: under Xvfb with Mesa's software Vulkan, the tour
//! visits every screen in English and Russian and saves a screenshot of each;
//! each must show a laid-out screen, not a blank or a single colour.
#![cfg(feature = "dev")]

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

struct Shot {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

fn load(path: &Path) -> Shot {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("the screenshot exists"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let rgba = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|p| [p[0], p[1], p[2], if channels == 4 { p[3] } else { 255 }])
        .collect();
    Shot {
        width: info.width as usize,
        height: info.height as usize,
        rgba,
    }
}

impl Shot {
    fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = 4 * (y * self.width + x);
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]]
    }
    /// Distinct colours, coarsened so that anti-aliasing does not count.
    fn colours(&self) -> usize {
        let mut set = HashSet::new();
        for y in (0..self.height).step_by(2) {
            for x in (0..self.width).step_by(2) {
                let [r, g, b] = self.pixel(x, y);
                set.insert((r / 16, g / 16, b / 16));
            }
        }
        set.len()
    }
    /// Share of bright pixels (text is light on the dark background) in a region.
    fn bright(&self, x0: usize, y0: usize, w: usize, h: usize) -> f64 {
        let mut n = 0;
        for y in y0..(y0 + h).min(self.height) {
            for x in x0..(x0 + w).min(self.width) {
                let [r, g, b] = self.pixel(x, y);
                if u32::from(r) + u32::from(g) + u32::from(b) > 450 {
                    n += 1;
                }
            }
        }
        f64::from(n) / (w * h) as f64
    }
}

#[test]
fn every_screen_renders_in_a_real_window_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = Command::new("xvfb-run")
        .args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            env!("CARGO_BIN_EXE_rapport"),
            "app",
        ])
        .env("RAPPORT_TOUR", dir.path())
        .env("RAPPORT_DATA_DIR", data.path())
        .output()
        .expect("xvfb-run must be installed (.ci/setup installs it)");
    assert!(
        out.status.success(),
        "the tour failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The tour keeps its sessions in a directory of its own, never in the
    // one a trainee's records are in.
    assert_eq!(
        std::fs::read_dir(data.path()).unwrap().count(),
        0,
        "the tour wrote into the data directory"
    );
    for lang in ["en", "ru"] {
        for screen in [
            "title",
            "list",
            "briefing",
            "meeting",
            "meeting2",
            "debrief",
            "review",
            "skills",
            "review-debrief",
            "say",
            "say-suggested",
        ] {
            let path = dir.path().join(format!("{screen}-{lang}.png"));
            let shot = load(&path);
            assert_eq!((shot.width, shot.height), (1280, 800), "{}", path.display());
            assert!(
                shot.colours() >= 8,
                "{}: only {} colours",
                path.display(),
                shot.colours()
            );
            // Every screen has its heading at the top left.
            assert!(
                shot.bright(20, 20, 600, 60) > 0.01,
                "{}: no heading text",
                path.display()
            );
        }
        // The review has the sessions the tour played: the chart's panel and
        // a coloured line on it.
        let review = load(&dir.path().join(format!("review-{lang}.png")));
        assert!(
            review.colours() >= 12,
            "review-{lang}: {} colours",
            review.colours()
        );
        // The meeting draws the client's face in the left column: skin
        // between the eyes (every skin tone is at least this light; hair is
        // less blue).
        let meeting = load(&dir.path().join(format!("meeting-{lang}.png")));
        let [r, g, b] = meeting.pixel(150, 220);
        assert!(
            r > 180 && g > 130 && b > 95,
            "meeting-{lang}: no face at the left ({r},{g},{b})"
        );
    }
}

#[test]
fn a_display_without_a_graphics_driver_gets_a_message_not_a_panic() {
    let out = Command::new("xvfb-run")
        .args(["-a", env!("CARGO_BIN_EXE_rapport"), "app"])
        // The Vulkan loader finds no driver at all.
        .env("VK_ICD_FILENAMES", "/nonexistent/icd.json")
        .env("VK_DRIVER_FILES", "/nonexistent/icd.json")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("xvfb-run must be installed (.ci/setup installs it)");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("no graphics driver"), "{err}");
    assert!(!err.contains("stack backtrace"), "{err}");
}
