//! The browser side: the only module that touches wasm-bindgen and web-sys.
//!
//! `app::mount` builds the dashboard and `embed::mount_chart` one chart for
//! an embed (an iframe page or a script embed's shadow root). Both place
//! charts (`dom`) and hand them to `app::start`, which gives every chart a
//! `<canvas>` sized to its container × `devicePixelRatio` (`view`) and
//! listens for resize, pixel-ratio and colour-scheme changes; `touch`
//! (pointer and finger), `keys` (keyboard and the live region) and `table`
//! (summaries and data tables) add what every reader needs, `figures` the
//! table of every figure, `lang` the language switch, `png` the PNG download, `panic` what a panic leaves.
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
mod lang;
mod listener;
mod page;
mod panic;
mod png;
mod popover;
mod resize;
mod table;
mod tooltip;
mod touch;
mod view;
