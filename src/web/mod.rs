//! The browser side: the only module that touches wasm-bindgen and web-sys.
//!
//! The pages are prerendered at build time (`crate::markup`): the module
//! hydrates them. `app::mount` (the dashboard) and `app::hydrate` (any
//! element holding prerendered figures) find every chart figure
//! (`figure::find`) and hand it to `app::start`, which puts a `<canvas>`
//! over its build-time image, sized to its box × `devicePixelRatio`
//! (`view`), paints it when it comes near the viewport, and listens for
//! resize, pixel-ratio and colour-scheme changes; `embed::mount_chart` does
//! the same for an embed page (or builds a script embed's chart whole, until
//! the script embed fetches the prerendered page). `touch` (pointer and
//! finger), `keys` (keyboard and the live region) and `table` (the data
//! tables' buttons) add what every reader needs, `figures` the sorting of
//! the table of every figure, `panic` what a panic leaves; `texts` reads
//! from the page the texts of a figure the module does not carry.
//! Each listener (`listener`) is a Rust closure owned by the returned
//! `App` and removed when it is dropped, so nothing leaks and no JavaScript
//! duplicates geometry: hover boxes come from [`crate::layout`] and are
//! tested by [`crate::hit`].

mod app;
mod copy;
mod dom;
mod embed;
mod figure;
mod figures;
mod keys;
mod listener;
mod panic;
mod popover;
mod resize;
mod table;
mod texts;
mod tooltip;
mod touch;
mod view;

/// The module's memory allocator: talc rather than the standard library's
/// dlmalloc, which is larger and slower on WebAssembly (talc's own
/// benchmarks; `bench/results.md` has what it saved here).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
