//! No code: this crate only asks for dependency features (see its manifest),
//! so that the terminal build and the whole workspace's build agree on them.
