//! The `speed` feature compiles in the engine's own src/host/domain.rs, which `include!`s its PSL
//! trie from `OUT_DIR` (the engine's build.rs writes it there): copied here from the engine's
//! build output that LINKGUARD_TABLES_DIR names (benches/run.mjs sets it). Without that variable
//! (the libraries-only size floor) there is nothing to copy.
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-env-changed=LINKGUARD_TABLES_DIR");
    let Ok(tables) = env::var("LINKGUARD_TABLES_DIR") else {
        return;
    };
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["psl_labels.txt", "psl_payloads.bin", "psl_child_counts.bin"] {
        let from = Path::new(&tables).join(name);
        println!("cargo:rerun-if-changed={}", from.display());
        fs::copy(&from, Path::new(&out).join(name)).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
}
