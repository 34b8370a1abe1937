//! Embeds the shipped scenarios in the binary, so `rapport play late_manager`
//! works from any directory and after `cargo install`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    println!("cargo:rerun-if-changed=scenarios");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron") && n != "rulebook.ron" && n != "lessons.ron")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("pub static SHIPPED: &[(&str, &str)] = &[\n");
    for n in &names {
        println!("cargo:rerun-if-changed=scenarios/{n}");
        writeln!(
            out,
            "    (\"scenarios/{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/scenarios/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("shipped.rs");
    std::fs::write(dest, out).unwrap();
}
