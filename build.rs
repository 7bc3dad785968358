//! Link the `parley` binary as a fixed-address (non-PIE) executable on Linux.
//!
//! A position-independent executable is relocated by the dynamic loader at every start:
//! ~38,000 relocations over ~2,400 pages of tables (mostly from the HTML/CSS/JS minifiers),
//! each page copied on write. That was 7 of the 9 ms `parley --version` took and ~2,400 of
//! its ~2,600 page faults (`perf stat -r 20`); linked at a fixed address it takes 1.9 ms and
//! 193 page faults. Go links Hugo the same way by default. The cost is that the binary's
//! own code is not placed at a random address (libraries, heap and stack still are).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
