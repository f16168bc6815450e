//! Which item the pointer is over: pure geometry over the boxes a
//! [`Scene`] recorded, so it is tested natively and never repeated in JS.

use crate::layout::Scene;

/// The item whose hover box contains the point (CSS px, chart origin), if
/// any. Boxes of one chart do not overlap; were they to, the first wins.
pub fn hit(scene: &Scene, x: f64, y: f64) -> Option<usize> {
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    scene.items.iter().position(|item| item.hit.contains(x, y))
}
