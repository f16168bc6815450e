//! Hover hit-testing over the boxes recorded by the layout, and keyboard
//! moves among the items.

mod common;

use common::{cases, fixture};

use article_charts::hit::{hit, step, Step, REACH};
use article_charts::layout::layout;
use article_charts::locale::Locale;
use proptest::prelude::*;

#[test]
fn the_centre_of_every_item_hits_that_item() {
    let widths = [200.0, 320.0, 375.0, 640.0, 1080.0];
    for case in cases(fixture(), layout, &Locale::ALL, &widths) {
        let (chart, scene, what) = (case.chart, &case.scene, &case.what);
        assert_eq!(
            scene.items.len(),
            chart.items.len(),
            "{}: every figure gets a box",
            chart.id
        );
        for (i, item) in scene.items.iter().enumerate() {
            let (x, y) = item.hit.centre();
            assert_eq!(hit(scene, x, y), Some(i), "{what} item {i}");
            assert_eq!(
                fixture()
                    .charts
                    .iter()
                    .find(|c| c.id == chart.id)
                    .map(|c| c.items[i]),
                Some(item.indicator)
            );
        }
    }
}

#[test]
fn boxes_of_a_chart_do_not_overlap_and_stay_inside() {
    for case in cases(fixture(), layout, &Locale::ALL, &[200.0, 375.0, 1080.0]) {
        let (scene, what) = (&case.scene, &case.what);
        for (i, a) in scene.items.iter().enumerate() {
            let r = a.hit;
            assert!(
                r.x >= 0.0
                    && r.y >= 0.0
                    && r.x + r.w <= scene.width + 0.01
                    && r.y + r.h <= scene.height + 0.01,
                "{what}: box {i} {r:?} outside {}×{}",
                scene.width,
                scene.height
            );
            for b in &scene.items[i + 1..] {
                let s = b.hit;
                let overlap =
                    r.x < s.x + s.w && s.x < r.x + r.w && r.y < s.y + s.h && s.y < r.y + r.h;
                assert!(!overlap, "{what}: boxes {r:?} and {s:?} overlap");
            }
        }
    }
}

#[test]
fn points_outside_the_chart_beyond_reach_hit_nothing() {
    let chart = &fixture().charts[0];
    let scene = layout(fixture(), chart, Locale::ZhHans, 375.0);
    let out = REACH + 1.0;
    for (x, y) in [
        (-out, 10.0),
        (10.0, -out),
        (scene.width + out, 10.0),
        (10.0, scene.height + out),
        (f64::NAN, 1.0),
        (1.0, f64::INFINITY),
    ] {
        assert_eq!(hit(&scene, x, y), None, "({x}, {y})");
    }
}

proptest! {
    /// Any point hits the item whose box contains it; a point in no box hits
    /// the nearest box at most `REACH` px away, and nothing when none is.
    #[test]
    fn hit_agrees_with_the_boxes(chart in 0..fixture().charts.len(), en in any::<bool>(), width in 120.0..1400.0f64, fx in -0.1..1.1f64, fy in -0.1..1.1f64) {
        let locale = if en { Locale::En } else { Locale::ZhHans };
        let scene = layout(fixture(), &fixture().charts[chart], locale, width);
        let (x, y) = (fx * scene.width, fy * scene.height);
        let containing: Vec<usize> = scene.items.iter().enumerate().filter(|(_, it)| it.hit.contains(x, y)).map(|(i, _)| i).collect();
        let nearest = scene.items.iter().map(|it| it.hit.distance(x, y)).fold(f64::INFINITY, f64::min);
        match hit(&scene, x, y) {
            Some(i) if containing.is_empty() => {
                let d = scene.items[i].hit.distance(x, y);
                prop_assert!(d <= REACH && d == nearest, "item {} is {} px away, the nearest {}", i, d, nearest);
            }
            Some(i) => prop_assert_eq!(containing, vec![i]),
            None => prop_assert!(containing.is_empty() && nearest > REACH, "a box {} px away", nearest),
        }
    }
}

/// Coordinates no pointer inside the chart gives: outside it on either side
/// beyond the reach of every box, the largest floats, infinities and NaN.
fn wild() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(f64::MIN),
        1e4..1e300f64,
        -1e300..-(REACH + 1e-6),
    ]
}

proptest! {
    /// A pointer far outside the chart, or at a coordinate that is not a
    /// number, hits nothing, whatever the other coordinate.
    #[test]
    fn wild_coordinates_hit_nothing(chart in 0..fixture().charts.len(), width in 120.0..1400.0f64, wild in wild(), other in -1e6..1e6f64, x_is_wild in any::<bool>()) {
        let scene = layout(fixture(), &fixture().charts[chart], Locale::En, width);
        let (x, y) = if x_is_wild { (wild, other) } else { (other, wild) };
        // 1e4 px lies beyond every chart's width and height.
        prop_assert!(scene.width < 1e4 && scene.height < 1e4);
        prop_assert_eq!(hit(&scene, x, y), None, "({}, {})", x, y);
    }

    /// Pressing "next" from nothing visits every item once, in order, and
    /// stays on the last; "previous" from there visits them all back to the
    /// first; Home and End reach the ends from anywhere, even from an index
    /// past the end (the chart may have been redrawn with fewer items).
    #[test]
    fn the_keyboard_visits_every_item(count in 0usize..300, from in prop::option::of(0usize..400)) {
        let mut visited = Vec::new();
        let mut at = None;
        for _ in 0..count + 2 {
            at = step(count, at, Step::Next);
            visited.extend(at);
        }
        let expected: Vec<usize> = (0..count).chain(count.checked_sub(1).into_iter().cycle().take(2)).collect();
        prop_assert_eq!(&visited, &expected);
        let mut back = Vec::new();
        for _ in 0..count {
            at = step(count, at, Step::Previous);
            back.extend(at);
        }
        let expected: Vec<usize> = (0..count.saturating_sub(1)).rev().chain(count.checked_sub(1).map(|_| 0)).collect();
        prop_assert_eq!(back, expected);
        prop_assert_eq!(step(count, from, Step::First), count.checked_sub(1).map(|_| 0));
        prop_assert_eq!(step(count, from, Step::Last), count.checked_sub(1));
        for s in [Step::Next, Step::Previous] {
            if let Some(i) = step(count, from, s) {
                prop_assert!(i < count);
            }
        }
    }
}

#[test]
fn the_keyboard_reaches_every_item_of_every_chart() {
    for chart in fixture().charts.iter() {
        let scene = layout(fixture(), chart, Locale::ZhHans, 375.0);
        let n = scene.items.len();
        let mut at = None;
        let mut seen = vec![false; n];
        for _ in 0..n {
            at = step(n, at, Step::Next);
            if let Some(i) = at {
                seen[i] = true;
            }
        }
        assert!(seen.iter().all(|&s| s), "{}: {seen:?}", chart.id);
    }
}

/// A pointer in the middle of an item's box, on its mark, finds the tooltip
/// by it, as the browser tests in three engines check: below or above the
/// box, and along it within reach of the pointer (a tooltip centred on a
/// long bar's middle opened 56–112 px away from a pointer on the bar).
#[test]
fn the_tooltip_opens_beside_a_pointer_in_the_middle_of_its_item() {
    use article_charts::hit::{anchor_of, place_beside};
    let size = (300.0, 140.0);
    for chart in fixture().charts.iter() {
        for locale in Locale::ALL {
            for (width, viewport) in [(1280.0, (1296.0, 900.0)), (375.0, (391.0, 800.0))] {
                let scene = layout(fixture(), chart, locale, width);
                let origin = (8.0, 120.0);
                for (i, item) in scene.items.iter().enumerate() {
                    // A box narrower than the tooltip has it at its side;
                    // a pointer off the item's mark has it by the mark.
                    let Some(anchor) = anchor_of(&scene, i, origin).filter(|a| {
                        let middle = a.item.x + a.item.w / 2.0;
                        item.hit.w > size.0
                            && a.along.is_some_and(|(l, r)| (l..=r).contains(&middle))
                    }) else {
                        continue;
                    };
                    // Below or above the item's box, as ever (not checked
                    // here); along it, by the pointer.
                    let (left, _) = place_beside(anchor, size, viewport, 8.0);
                    let px = origin.0 + item.hit.x + item.hit.w / 2.0;
                    let dx = (left - px).max(px - (left + size.0)).max(0.0);
                    assert!(
                        dx < 40.0,
                        "{} ({locale:?}, {width}px) item {i}: the tooltip is {dx} px beside the pointer",
                        chart.id,
                    );
                }
            }
        }
    }
}
