//! Hover hit-testing over the boxes recorded by the layout.

use danba_charts::data::DATASET;
use danba_charts::hit::hit;
use danba_charts::layout::layout;
use danba_charts::text::Locale;
use proptest::prelude::*;

#[test]
fn the_centre_of_every_item_hits_that_item() {
    for chart in DATASET.charts.iter() {
        for locale in Locale::ALL {
            for width in [200.0, 320.0, 375.0, 640.0, 1080.0] {
                let scene = layout(&DATASET, chart, locale, width);
                assert_eq!(
                    scene.items.len(),
                    chart.items.len(),
                    "{}: every figure gets a box",
                    chart.id
                );
                for (i, item) in scene.items.iter().enumerate() {
                    let (x, y) = item.hit.centre();
                    assert_eq!(
                        hit(&scene, x, y),
                        Some(i),
                        "{} ({locale:?}, {width}px) item {i}",
                        chart.id
                    );
                    assert_eq!(
                        DATASET
                            .charts
                            .iter()
                            .find(|c| c.id == chart.id)
                            .map(|c| c.items[i]),
                        Some(item.indicator)
                    );
                }
            }
        }
    }
}

#[test]
fn boxes_of_a_chart_do_not_overlap_and_stay_inside() {
    for chart in DATASET.charts.iter() {
        for locale in Locale::ALL {
            for width in [200.0, 375.0, 1080.0] {
                let scene = layout(&DATASET, chart, locale, width);
                for (i, a) in scene.items.iter().enumerate() {
                    let r = a.hit;
                    assert!(
                        r.x >= 0.0
                            && r.y >= 0.0
                            && r.x + r.w <= scene.width + 0.01
                            && r.y + r.h <= scene.height + 0.01,
                        "{} box {i} {r:?} outside {}×{}",
                        chart.id,
                        scene.width,
                        scene.height
                    );
                    for b in &scene.items[i + 1..] {
                        let s = b.hit;
                        let overlap = r.x < s.x + s.w
                            && s.x < r.x + r.w
                            && r.y < s.y + s.h
                            && s.y < r.y + r.h;
                        assert!(!overlap, "{}: boxes {r:?} and {s:?} overlap", chart.id);
                    }
                }
            }
        }
    }
}

#[test]
fn points_outside_the_chart_hit_nothing() {
    let chart = &DATASET.charts[0];
    let scene = layout(&DATASET, chart, Locale::ZhHans, 375.0);
    for (x, y) in [
        (-1.0, 10.0),
        (10.0, -1.0),
        (scene.width + 1.0, 10.0),
        (10.0, scene.height + 1.0),
        (f64::NAN, 1.0),
        (1.0, f64::INFINITY),
    ] {
        assert_eq!(hit(&scene, x, y), None, "({x}, {y})");
    }
}

proptest! {
    /// Any point hits the item whose box contains it, and a point in no box
    /// hits nothing.
    #[test]
    fn hit_agrees_with_the_boxes(chart in 0..DATASET.charts.len(), en in any::<bool>(), width in 120.0..1400.0f64, fx in -0.1..1.1f64, fy in -0.1..1.1f64) {
        let locale = if en { Locale::En } else { Locale::ZhHans };
        let scene = layout(&DATASET, &DATASET.charts[chart], locale, width);
        let (x, y) = (fx * scene.width, fy * scene.height);
        let containing: Vec<usize> = scene.items.iter().enumerate().filter(|(_, it)| it.hit.contains(x, y)).map(|(i, _)| i).collect();
        match hit(&scene, x, y) {
            Some(i) => prop_assert_eq!(containing, vec![i]),
            None => prop_assert!(containing.is_empty()),
        }
    }
}
