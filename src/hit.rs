//! Which item the pointer is over, which item a key moves to, and where the
//! tooltip goes: pure geometry over the boxes a [`Scene`] recorded, so it is
//! tested natively and never repeated in JS.

use crate::layout::{Rect, Scene};

/// The item whose hover box contains the point (CSS px, chart origin), if
/// any. Boxes of one chart do not overlap; were they to, the first wins.
pub fn hit(scene: &Scene, x: f64, y: f64) -> Option<usize> {
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    scene.items.iter().position(|item| item.hit.contains(x, y))
}

/// A keyboard move among the items of a chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The next item in reading order (→ or ↓).
    Next,
    /// The previous item in reading order (← or ↑).
    Previous,
    /// The first item (Home).
    First,
    /// The last item (End).
    Last,
}

impl Step {
    /// The move a key stands for, by its `KeyboardEvent.key` name.
    pub fn from_key(key: &str) -> Option<Step> {
        match key {
            "ArrowRight" | "ArrowDown" | "Right" | "Down" => Some(Step::Next),
            "ArrowLeft" | "ArrowUp" | "Left" | "Up" => Some(Step::Previous),
            "Home" => Some(Step::First),
            "End" => Some(Step::Last),
            _ => None,
        }
    }
}

/// The item a keyboard move leads to among `count` items, from `current`
/// (none highlighted yet). Moves stop at the ends rather than wrap around, so
/// a reader hears the last figure again instead of jumping back to the first
/// without notice; from nothing, "next" starts at the first item and
/// "previous" at the last.
pub fn step(count: usize, current: Option<usize>, step: Step) -> Option<usize> {
    let last = count.checked_sub(1)?;
    let current = current.map(|c| c.min(last));
    Some(match (step, current) {
        (Step::First, _) | (Step::Next, None) => 0,
        (Step::Last, _) | (Step::Previous, None) => last,
        (Step::Next, Some(c)) => (c + 1).min(last),
        (Step::Previous, Some(c)) => c.saturating_sub(1),
    })
}

/// Where a tooltip of `size` (width, height) goes beside `anchor` (the
/// pointer as a zero-sized rectangle, or a focused item's box), all in
/// viewport px: below and to the right of the anchor by `gap` when it fits,
/// else above or to the left, and in every case inside the `viewport` with
/// an 8 px margin (pinned to the top-left margin when it is larger than the
/// viewport). Returns the tooltip's left and top.
pub fn place_tooltip(anchor: Rect, size: (f64, f64), viewport: (f64, f64), gap: f64) -> (f64, f64) {
    const MARGIN: f64 = 8.0;
    let (w, h) = size;
    let (vw, vh) = viewport;
    // A box wider than the tooltip (a bar's row) gets it under its left part;
    // a point or a narrow box gets it beside itself.
    let wide = anchor.w > w;
    let mut left = if wide {
        anchor.x + gap
    } else {
        anchor.x + anchor.w + gap
    };
    if left + w > vw - MARGIN {
        left = if wide {
            vw - MARGIN - w
        } else {
            anchor.x - gap - w
        };
    }
    let mut top = anchor.y + anchor.h + gap;
    if top + h > vh - MARGIN {
        top = anchor.y - gap - h;
    }
    // When neither side has room the tooltip covers part of the anchor but
    // stays whole and readable on the screen.
    let clamp = |v: f64, room: f64| {
        if v.is_finite() {
            v.min(room - MARGIN).max(MARGIN)
        } else {
            MARGIN
        }
    };
    (clamp(left, vw - w), clamp(top, vh - h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_walk_every_item_in_order_and_stop_at_the_ends() {
        let mut at = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            at = step(5, at, Step::Next);
            seen.extend(at);
        }
        assert_eq!(seen, [0, 1, 2, 3, 4]);
        assert_eq!(step(5, at, Step::Next), Some(4), "no wrap past the end");
        assert_eq!(
            step(5, Some(0), Step::Previous),
            Some(0),
            "no wrap before the start"
        );
        assert_eq!(step(5, Some(3), Step::Previous), Some(2));
        assert_eq!(step(5, None, Step::Previous), Some(4));
        assert_eq!(step(5, Some(2), Step::First), Some(0));
        assert_eq!(step(5, Some(2), Step::Last), Some(4));
        assert_eq!(
            step(5, Some(9), Step::Next),
            Some(4),
            "a stale index is clamped"
        );
        assert_eq!(
            step(0, None, Step::Next),
            None,
            "an empty chart has nothing to focus"
        );
    }

    #[test]
    fn keys_map_to_moves() {
        assert_eq!(Step::from_key("ArrowRight"), Some(Step::Next));
        assert_eq!(Step::from_key("ArrowDown"), Some(Step::Next));
        assert_eq!(Step::from_key("ArrowLeft"), Some(Step::Previous));
        assert_eq!(Step::from_key("ArrowUp"), Some(Step::Previous));
        assert_eq!(Step::from_key("Home"), Some(Step::First));
        assert_eq!(Step::from_key("End"), Some(Step::Last));
        assert_eq!(Step::from_key("Tab"), None);
        assert_eq!(Step::from_key("Escape"), None);
    }

    fn point(x: f64, y: f64) -> Rect {
        Rect {
            x,
            y,
            w: 0.0,
            h: 0.0,
        }
    }

    #[test]
    fn a_tooltip_goes_below_right_of_the_pointer_when_there_is_room() {
        assert_eq!(
            place_tooltip(point(100.0, 100.0), (200.0, 80.0), (1280.0, 900.0), 14.0),
            (114.0, 114.0)
        );
    }

    #[test]
    fn a_tooltip_flips_at_the_right_and_bottom_edges() {
        let (left, top) = place_tooltip(point(1200.0, 850.0), (200.0, 80.0), (1280.0, 900.0), 14.0);
        assert_eq!((left, top), (986.0, 756.0));
    }

    #[test]
    fn a_tooltip_goes_under_a_wide_box_and_never_leaves_a_narrow_screen() {
        // A bar's row across a 320 px phone: the tooltip sits under it.
        let row = Rect {
            x: 16.0,
            y: 200.0,
            w: 288.0,
            h: 40.0,
        };
        let (left, top) = place_tooltip(row, (280.0, 150.0), (320.0, 640.0), 8.0);
        assert_eq!(top, 248.0);
        assert!(left >= 8.0 && left + 280.0 <= 312.0, "{left}");
        // Items at the very left and right edges of a 320 px screen.
        for x in [0.0, 10.0, 160.0, 300.0, 320.0] {
            for y in [0.0, 300.0, 640.0] {
                let (left, top) = place_tooltip(point(x, y), (300.0, 200.0), (320.0, 640.0), 14.0);
                assert!(left >= 8.0 && left + 300.0 <= 312.0, "x {x}: left {left}");
                assert!(top >= 8.0 && top + 200.0 <= 632.0, "y {y}: top {top}");
            }
        }
    }

    #[test]
    fn a_tooltip_larger_than_the_screen_keeps_its_top_left_corner_visible() {
        assert_eq!(
            place_tooltip(point(50.0, 50.0), (400.0, 900.0), (320.0, 480.0), 14.0),
            (8.0, 8.0)
        );
        assert_eq!(
            place_tooltip(point(f64::NAN, 50.0), (100.0, 50.0), (320.0, 480.0), 14.0).0,
            8.0
        );
    }
}
