/*!
   The Plotters HTML5 Canvas backend.

   This backend allows Plotters operates the HTML5 Canvas when targeted to Webassembly.

   See the documentation for [CanvasBackend](struct.CanvasBackend.html) for more details.
*/
// Patched: upstream 0.3.1 calls `set_fill_style` and `set_stroke_style`, which
// web-sys now marks deprecated; their behaviour is unchanged.
#![allow(deprecated)]

mod canvas;

pub use canvas::CanvasBackend;
