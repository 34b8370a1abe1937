//! Embeds the shipped scenarios in the binary, so `rapport play late_manager`
//! works from any directory and after `cargo install`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read at run time, not with `env!`: the compiled build script is reused
    // from a shared target directory by clones at other paths, and a path
    // baked in at its compile time would name a clone that is gone.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("../../scenarios");
    println!("cargo:rerun-if-changed=../../scenarios");
    // A directory that cannot be read must stop the build: a binary with no
    // scenarios in it builds and runs, and only says "no such scenario".
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron") && n != "rulebook.ron" && n != "lessons.ron")
        .collect();
    assert!(
        names.iter().any(|n| !n.ends_with(".tests.ron")),
        "no scenario in {}",
        dir.display()
    );
    names.sort();
    // Golden runs beside the scenarios (`NAME.tests.ron`) are embedded apart.
    let (tests, names): (Vec<String>, Vec<String>) =
        names.into_iter().partition(|n| n.ends_with(".tests.ron"));
    let mut out = String::new();
    embed(&mut out, "SHIPPED", &names);
    embed(&mut out, "SHIPPED_TESTS", &tests);
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("shipped.rs");
    std::fs::write(dest, out).unwrap();
}

fn embed(out: &mut String, name: &str, names: &[String]) {
    writeln!(out, "pub static {name}: &[(&str, &str)] = &[").unwrap();
    for n in names {
        println!("cargo:rerun-if-changed=../../scenarios/{n}");
        writeln!(
            out,
            "    (\"scenarios/{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../../scenarios/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
}
