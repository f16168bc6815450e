//! The page's HTML, written at build time from the same Rust code that runs
//! in the browser: platform-free, so `xtask` prerenders every page and the
//! module only hydrates what is already there.
//!
//! Every text reaches the markup through [`escape`], the one escape
//! function of the project's HTML (the embed codes use it too). The plot of
//! a chart is handed in by the caller as an inline SVG (`xtask` draws it
//! with `draw.rs` into plotters' SVG backend), so this module needs no
//! drawing backend of its own.

pub mod figure;
pub mod page;
pub mod panel;
pub mod tables;

pub use crate::embed_code::escape_attr as escape;

/// An element with `class` and escaped `text`: `<p class="x">text</p>`.
pub(crate) fn text_el(tag: &str, class: &str, text: &str) -> String {
    if class.is_empty() {
        format!("<{tag}>{}</{tag}>", escape(text))
    } else {
        format!("<{tag} class=\"{class}\">{}</{tag}>", escape(text))
    }
}
