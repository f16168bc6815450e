//! Which item the pointer is over, which item a key moves to, and where the
//! tooltip goes: pure geometry over the boxes a [`Scene`] recorded, so it is
//! tested natively and never repeated in JS.

use crate::decimal::within;
use crate::layout::{Rect, Scene, Shape};

/// How far outside its hover box the pointer still picks an item, in CSS
/// px. The layouts leave gaps of up to 8 px between neighbouring bars or
/// cards; a reach of more than half of that closes them, so a pointer
/// crossing from one item to the next goes straight from one tooltip to the
/// other instead of closing it for a frame and opening it again (a blink
/// the reader sees, and two repaints where one does). It also gives a small
/// mark a little room, as a finger needs.
pub const REACH: f64 = 5.0;

/// The item whose hover box contains the point (CSS px, chart origin), else
/// the nearest item whose box is at most [`REACH`] px away; `None` if there
/// is none. Boxes of one chart do not overlap; were they to, the first
/// wins, and of two boxes equally near, the first too.
pub fn hit(scene: &Scene, x: f64, y: f64) -> Option<usize> {
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    if let Some(inside) = scene.items.iter().position(|item| item.hit.contains(x, y)) {
        return Some(inside);
    }
    let mut nearest: Option<(usize, f64)> = None;
    for (i, item) in scene.items.iter().enumerate() {
        let d = item.hit.distance(x, y);
        if d <= REACH && nearest.is_none_or(|(_, best)| d < best) {
            nearest = Some((i, d));
        }
    }
    nearest.map(|(i, _)| i)
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

/// Where a tooltip of `size` (width, height) goes beside `anchor` (the box
/// of the item it tells about, or the pointer as a small square), all in
/// viewport px. It never covers the anchor (WCAG 1.4.13: content shown on
/// hover must not hide what it describes): it goes on the first side of the
/// anchor, `gap` px away, where it fits inside the `viewport` with an 8 px
/// margin, slid along that side as needed — below or above a box wider than
/// the tooltip (a bar's row), right or left of a narrow one. Where no side
/// has room it goes on the side with the most, and may then leave the
/// viewport rather than cover the item. Returns its left and top.
pub fn place_tooltip(anchor: Rect, size: (f64, f64), viewport: (f64, f64), gap: f64) -> (f64, f64) {
    place_beside(
        Anchor {
            item: anchor,
            along: None,
        },
        size,
        viewport,
        gap,
    )
}

/// What a tooltip stands beside (viewport px): the box it must not cover,
/// and the x it is centred on when it goes below or above that box.
///
/// An item's box can be a whole row of a chart (a timeline's or a bar's
/// row, 1,000 px wide on a desktop) while its mark sits at one end: a
/// tooltip under the row's left edge opened far from the mark the reader
/// points at, over other rows' labels. Centred on the item's marks instead,
/// it opens by the bar or dot, and still clears the whole row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    /// The box the tooltip never covers.
    pub item: Rect,
    /// The left and right x of the item's marks, which a tooltip below or
    /// above `item` keeps over; `None` lines its left edge up with the box's.
    pub along: Option<(f64, f64)>,
}

/// The box of an item's own marks (bars, dots, lines; not its texts), in
/// the scene's coordinates, or `None` for an item drawn with text alone.
pub fn marks_extent(scene: &Scene, item: usize) -> Option<Rect> {
    scene
        .marks
        .iter()
        .filter(|m| m.item == Some(item) && !matches!(m.shape, Shape::Text { .. }))
        .map(|m| m.shape.extent())
        .reduce(|a, b| {
            Rect::spanning(
                (a.x.min(b.x), a.y.min(b.y)),
                (a.right().max(b.right()), a.bottom().max(b.bottom())),
            )
        })
}

/// The anchor of `item` of `scene` drawn with its top-left corner at
/// `origin` (viewport px): the item's box, with the tooltip centred on its
/// marks (see [`Anchor`]).
pub fn anchor_of(scene: &Scene, item: usize, origin: (f64, f64)) -> Option<Anchor> {
    let hit = scene.items.get(item)?.hit;
    let along = marks_extent(scene, item).map(|m| (origin.0 + m.x, origin.0 + m.right()));
    Some(Anchor {
        item: Rect {
            x: origin.0 + hit.x,
            y: origin.1 + hit.y,
            ..hit
        },
        along,
    })
}

/// As [`place_tooltip`], beside an [`Anchor`]: below or above a box wider
/// than the tooltip, it stays over the item's marks (`anchor.along`) where
/// given, as near the box's middle as that allows (slid to stay inside the
/// viewport).
pub fn place_beside(
    anchor: Anchor,
    size: (f64, f64),
    viewport: (f64, f64),
    gap: f64,
) -> (f64, f64) {
    const MARGIN: f64 = 8.0;
    let along = anchor.along.filter(|(l, r)| l.is_finite() && r.is_finite());
    let anchor = anchor.item;
    let (w, h) = size;
    let (vw, vh) = viewport;
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    let a = Rect {
        x: finite(anchor.x),
        y: finite(anchor.y),
        w: finite(anchor.w).max(0.0),
        h: finite(anchor.h).max(0.0),
    };
    // Slides a box along one side to stay inside [MARGIN, room - MARGIN],
    // keeping its top-left corner visible when it is larger than the room.
    let slide = |v: f64, len: f64, room: f64| v.min(room - MARGIN - len).max(MARGIN);
    // Centred as near the middle of the item's box as keeps a quarter of
    // the tooltip over the item's marks: by a card or a bar under a pointer
    // in the middle of its row, and by a mark far off that middle (a
    // timeline's bar at the right of a row spanning the chart) rather than
    // at the row's far side.
    let left_edge = along.map_or(a.x, |(l, r)| {
        let centre = within(a.x + a.w / 2.0, l - w / 4.0, (r + w / 4.0).max(l - w / 4.0));
        centre - w / 2.0
    });
    let below = (slide(left_edge, w, vw), a.y + a.h + gap);
    let above = (slide(left_edge, w, vw), a.y - gap - h);
    let right = (a.x + a.w + gap, slide(a.y, h, vh));
    let left = (a.x - gap - w, slide(a.y, h, vh));
    let sides = if a.w > w {
        [below, above, right, left]
    } else {
        [right, left, below, above]
    };
    // How much of a box at (x, y) lies inside the viewport's margins.
    let inside = |(x, y): (f64, f64)| {
        let across = (x + w).min(vw - MARGIN) - x.max(MARGIN);
        let down = (y + h).min(vh - MARGIN) - y.max(MARGIN);
        across.max(0.0) * down.max(0.0)
    };
    let whole = w * h;
    if let Some(&fit) = sides.iter().find(|&&p| inside(p) >= whole - 0.5) {
        return fit;
    }
    let mut best = sides[0];
    for &p in &sides[1..] {
        if inside(p) > inside(best) {
            best = p;
        }
    }
    best
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

    fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    fn overlaps(a: Rect, left: f64, top: f64, size: (f64, f64)) -> bool {
        left < a.x + a.w && a.x < left + size.0 && top < a.y + a.h && a.y < top + size.1
    }

    #[test]
    fn a_tooltip_goes_beside_a_narrow_item_when_there_is_room() {
        let dot = rect(100.0, 100.0, 12.0, 12.0);
        assert_eq!(
            place_tooltip(dot, (200.0, 80.0), (1280.0, 900.0), 14.0),
            (126.0, 100.0)
        );
        // At the right edge it goes to the left of the item instead.
        let dot = rect(1200.0, 850.0, 12.0, 12.0);
        let (left, top) = place_tooltip(dot, (200.0, 80.0), (1280.0, 900.0), 14.0);
        assert_eq!((left, top), (986.0, 812.0));
    }

    #[test]
    fn a_tooltip_goes_under_or_over_a_wide_box_and_never_covers_it() {
        // A bar's row across a 320 px phone: the tooltip sits under it.
        let row = rect(16.0, 200.0, 288.0, 40.0);
        let (left, top) = place_tooltip(row, (240.0, 120.0), (320.0, 640.0), 8.0);
        assert_eq!(top, 248.0);
        assert!(left >= 8.0 && left + 240.0 <= 312.0, "{left}");
        // Rows at every height of the screen, and cards as wide as the screen.
        for y in [0.0, 100.0, 300.0, 500.0, 600.0] {
            for (w, h) in [(288.0, 40.0), (304.0, 110.0), (150.0, 60.0)] {
                let item = Rect { x: 8.0, y, w, h };
                let (left, top) = place_tooltip(item, (240.0, 120.0), (320.0, 640.0), 8.0);
                assert!(
                    !overlaps(item, left, top, (240.0, 120.0)),
                    "{item:?}: ({left}, {top})"
                );
                assert!(
                    left >= 8.0 && left + 240.0 <= 312.0,
                    "{item:?}: left {left}"
                );
            }
        }
    }

    #[test]
    fn with_no_room_anywhere_the_tooltip_leaves_the_screen_rather_than_cover_the_item() {
        // An item that fills a short iframe: no side has room.
        let item = rect(8.0, 40.0, 300.0, 200.0);
        let (left, top) = place_tooltip(item, (240.0, 120.0), (320.0, 280.0), 8.0);
        assert!(
            !overlaps(item, left, top, (240.0, 120.0)),
            "({left}, {top})"
        );
        let (left, _) = place_tooltip(
            rect(f64::NAN, 50.0, 0.0, 0.0),
            (100.0, 50.0),
            (320.0, 480.0),
            14.0,
        );
        assert!(left.is_finite());
    }

    fn scene_of(boxes: &[Rect]) -> Scene {
        let mut scene = Scene::new(600.0);
        for (n, b) in boxes.iter().enumerate() {
            scene.items.push(crate::scene::Item {
                indicator: n as u16,
                hit: *b,
            });
        }
        scene
    }

    #[test]
    fn a_pointer_between_two_bars_picks_the_nearer_and_beyond_reach_none() {
        // Two bars' rows 8 px apart, as the bar layout leaves them.
        let scene = scene_of(&[rect(0.0, 0.0, 500.0, 42.0), rect(0.0, 50.0, 500.0, 42.0)]);
        assert_eq!(hit(&scene, 250.0, 20.0), Some(0));
        assert_eq!(hit(&scene, 250.0, 70.0), Some(1));
        // Every point of the gap belongs to one of them, the nearer.
        assert_eq!(hit(&scene, 250.0, 43.0), Some(0));
        assert_eq!(hit(&scene, 250.0, 45.9), Some(0));
        assert_eq!(hit(&scene, 250.0, 46.1), Some(1));
        assert_eq!(hit(&scene, 250.0, 49.0), Some(1));
        // Equally near: the first.
        assert_eq!(hit(&scene, 250.0, 46.0), Some(0));
        // Beyond the reach of every box: nothing.
        assert_eq!(hit(&scene, 250.0, 92.0 + REACH + 0.5), None);
        assert_eq!(hit(&scene, 500.0 + REACH + 0.5, 20.0), None);
        // Diagonally off a corner, by the straight distance.
        assert_eq!(hit(&scene, 504.0, 96.0), None, "5.66 px away");
        assert_eq!(hit(&scene, 503.0, 95.0), Some(1), "4.24 px away");
        assert_eq!(hit(&scene, f64::NAN, 20.0), None);
    }

    #[test]
    fn no_pointer_falls_between_neighbouring_items_of_any_chart() {
        use crate::data::DATASET;
        use crate::layout::layout;
        use crate::locale::Locale;
        // Between two neighbouring bars, cards or timeline rows (items in
        // reading order that share a row or a column), every point of the
        // straight gap between them picks one of the two: the tooltip goes
        // from one to the other. The years chart is left out: its dots
        // stand apart on a time axis, where the space between two reported
        // years holds no figure.
        for chart in DATASET
            .charts
            .iter()
            .filter(|c| c.kind != article_dataset::Kind::Years)
        {
            for locale in Locale::ALL {
                for width in [300.0, 343.0, 508.0, 1056.0] {
                    let scene = layout(&DATASET, chart, locale, width);
                    for (n, pair) in scene.items.windows(2).enumerate() {
                        let (a, b) = (pair[0].hit, pair[1].hit);
                        let across = (a.y - b.y).abs() < 1e-9 && (a.h - b.h).abs() < 1e-9;
                        let down = (a.x - b.x).abs() < 1e-9 && (a.w - b.w).abs() < 1e-9;
                        let gap: Vec<(f64, f64)> = if across && b.x > a.right() {
                            let y = a.y + a.h / 2.0;
                            (0..=8)
                                .map(|k| (a.right() + (b.x - a.right()) * f64::from(k) / 8.0, y))
                                .collect()
                        } else if down && b.y > a.bottom() {
                            let x = a.x + a.w / 2.0;
                            (0..=8)
                                .map(|k| (x, a.bottom() + (b.y - a.bottom()) * f64::from(k) / 8.0))
                                .collect()
                        } else {
                            continue;
                        };
                        for (x, y) in gap {
                            let got = hit(&scene, x, y);
                            assert!(
                                got == Some(n) || got == Some(n + 1),
                                "{} ({locale:?}, {width} px): ({x}, {y}), between items {n} and {}, picks {got:?}",
                                chart.id,
                                n + 1
                            );
                        }
                    }
                }
            }
        }
    }
}
