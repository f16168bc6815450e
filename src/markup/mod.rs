//! The page's HTML, written at build time from the same Rust code that runs
//! in the browser: platform-free, so `xtask` prerenders every page and the
//! module only hydrates what is already there.

pub mod panel;
