//! Gives the shared library its soname, `libcoserr.so.<ABI version>`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "android" || os.ends_with("bsd") {
        // Keep in step with `COSERR_ABI_VERSION`: `make c-test` checks that the
        // C tests link libcoserr.so.2 and that coserr_abi_version() is 2.
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcoserr.so.2");
        // The shipped (no `std`) build: every symbol must be defined, so
        // that a panic left reachable fails the link (src/no_panic.rs).
        if std::env::var_os("CARGO_FEATURE_STD").is_none() {
            println!("cargo:rustc-cdylib-link-arg=-Wl,-z,defs");
        }
    }
}
