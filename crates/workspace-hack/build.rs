//! Present so that the host-side dependencies in the manifest take part in
//! feature resolution.
fn main() {}
