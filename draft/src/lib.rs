//! Drafts a data folder from a Chinese news article (Simplified or
//! Traditional): every figure of the text with its value in base units,
//! unit, qualifier, period, printed form, source sentence and a label; the
//! charts the figures call for; and a report (`DRAFT.md`) of every cleaning
//! of the text and everything the editor must decide.
//!
//! The folder builds as it is: it declares `languages = ["zh"]` (a draft
//! cannot translate), its values agree with their printed figures as the
//! validator reads them (both use `dataset::printed`), and what the draft
//! could not decide is in `review` fields, which no page shows, and in
//! `# TODO(editor):` comments.

pub mod clean;
pub mod figures;
pub mod units;
mod write;

use std::path::Path;

use dataset::printed::Bound;
use dataset::{Kind, Period, Quantity};

pub use clean::Cleaning;
pub use figures::{Figure, Skipped};
pub use write::files;

/// A chart the draft proposes.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartDraft {
    /// Its id (lowercase kebab-case).
    pub id: String,
    /// How it draws.
    pub kind: Kind,
    /// Its drafted title.
    pub title: String,
    /// Indices into [`Draft::figures`], in drawing order.
    pub items: Vec<usize>,
    /// What the editor must decide about it.
    pub review: String,
}

/// Everything the draft found in an article.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The headline, where the first line looks like one.
    pub title: Option<String>,
    /// The agency or paper of the dateline ("新华社"), where there is one.
    pub agency: Option<String>,
    /// Whether the article is in Traditional Chinese.
    pub traditional: bool,
    /// Every figure, in text order.
    pub figures: Vec<Figure>,
    /// Indicator ids, one per figure.
    pub ids: Vec<String>,
    /// The charts proposed.
    pub charts: Vec<ChartDraft>,
    /// Every change the cleaning made.
    pub cleanings: Vec<Cleaning>,
    /// Numbers that are not figures, and why.
    pub skipped: Vec<Skipped>,
    /// Passages whose characters were garbled ("?" between characters),
    /// by line.
    pub garbled: Vec<(usize, String)>,
}

/// Drafts the figures and charts of an article.
pub fn draft(article: &str) -> Draft {
    let mut cleanings = Vec::new();
    let mut skipped = Vec::new();
    let mut garbled = Vec::new();
    let mut all = Vec::new();
    let mut title = None;
    let mut agency = None;
    let mut traditional = false;
    // The lines read so far, to know a line the copy repeats.
    let mut seen: Vec<String> = Vec::new();
    for (k, raw) in article.lines().enumerate() {
        let number = k + 1;
        let cleaned = clean::clean_line(raw, number, &mut cleanings);
        if cleaned.is_empty() {
            continue;
        }
        // A whole line given again word for word (a page that repeats its
        // headline under every picture) is the page's, not the article's:
        // read once, it drafted every figure of the headline four times.
        if cleaned.chars().count() >= 8 && seen.contains(&cleaned) {
            cleanings.push(Cleaning {
                line: number,
                before: cleaned,
                after: String::new(),
                why: "a whole line repeated word for word",
            });
            continue;
        }
        seen.push(cleaned.clone());
        let simplified = zhconv::zhconv(&cleaned, zhconv::Variant::ZhHans);
        let is_traditional = simplified != cleaned;
        traditional |= is_traditional;
        if title.is_none() && all.is_empty() {
            let chars = simplified.chars().count();
            // The headline is the page's title, and its figures are figures
            // of the article too ("…企业投资首超千亿").
            if chars <= 40 && !simplified.contains(['。', '，', ',']) {
                title = Some(simplified.clone());
            }
        }
        if agency.is_none() {
            agency = dateline_agency(&simplified);
        }
        garbled.extend(
            garbled_passages(&simplified)
                .into_iter()
                .map(|g| (number, g)),
        );
        let simple = figures::sentences(&simplified);
        let own = figures::sentences(&cleaned);
        // The article's own sentences, where they align one to one.
        let aligned = is_traditional
            && own.len() == simple.len()
            && own
                .iter()
                .zip(&simple)
                .all(|(a, b)| a.chars().count() == b.chars().count());
        // The period of the sentence before, which a 其中 breaks down.
        let mut before = Period::Undated;
        for (i, s) in simple.into_iter().enumerate() {
            // "2019年，…超额完成。其中，东部地区投入…229亿元": a sentence
            // opening with 其中 breaks down the one before, and its
            // undated figures are of that one's year.
            let breakdown = s.trim_start().starts_with("其中");
            let sentence = figures::Sentence {
                line: number,
                original: if aligned { own.get(i).cloned() } else { None },
                text: s,
            };
            // Only the sentence right before counts, and "自2016年以来，投入
            // 10亿元" dates nothing, nor does its 其中.
            let mut found = figures::figures(&sentence, &mut skipped);
            for f in &mut found {
                if breakdown && f.period == Period::Undated && f.unit.quantity != Quantity::Year {
                    f.period = before;
                }
            }
            // What the next sentence may break down: this one's last
            // figure, or where it has none but a year ("2019年，…完成。"),
            // that year.
            before = found
                .iter()
                .rev()
                .find(|f| f.unit.quantity != Quantity::Year)
                .or_else(|| found.last())
                .map_or(Period::Undated, |f| f.period);
            all.extend(found);
        }
    }
    let mut kept = Vec::new();
    for mut f in all {
        if let Some(why) = unfit(&f) {
            skipped.push(Skipped {
                line: f.line,
                text: f.printed.clone(),
                why,
            });
            continue;
        }
        // The same figure twice may be a repeat, or two things that happen
        // to be equal.
        if let Some(first) = kept.iter().find(|g: &&Figure| likely_repeat(g, &f)) {
            f.review.push(format!(
                "可能与第{}行的“{}”重复；若为同一数字请删去其一",
                first.line, first.printed
            ));
        }
        kept.push(f);
    }
    let ids = ids(&kept);
    let mut charts = charts(&kept);
    for chart in charts.iter_mut().filter(|c| c.kind == Kind::Bars) {
        let Some(&first) = chart.items.first() else {
            continue;
        };
        let was = bars_title(&kept[first].label);
        name_the_bars(&mut kept, &chart.items);
        // The title was made from the first bar's label before the bars
        // were named: it names them as they are now ("资金与其他各项比较"
        // would stand over 经济合作类资金 and 无偿援助资金).
        if chart.title == was {
            chart.title = bars_title(&kept[first].label);
        }
    }
    Draft {
        title,
        agency,
        traditional,
        figures: kept,
        ids,
        charts,
        cleanings,
        skipped,
        garbled,
    }
}

/// Why a figure cannot stand in the data model, if it cannot.
fn unfit(f: &Figure) -> Option<&'static str> {
    let v = f.value?;
    if f.unit.quantity.is_whole() && v.fract() != 0.0 {
        return Some("not a whole number, but counted in a unit of whole numbers");
    }
    if f.unit.quantity == Quantity::Percent && v > 100.0 {
        return Some(
            "a percent over 100 (a growth rate): the data model's percents are shares, 0 to 100",
        );
    }
    if f.unit.quantity == Quantity::Year && !(1900.0..=2100.0).contains(&v) {
        return Some("not a plausible calendar year");
    }
    if v > 1e15 {
        return Some("too large for the data model");
    }
    None
}

/// The agency or paper of a dateline: "新华社兰州10月17日电" is 新华社.
fn dateline_agency(line: &str) -> Option<String> {
    let at = line.find("日电")?;
    let head = &line[..at];
    let start = head
        .rfind(['。', '，', ',', '(', '（', ' '])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let head = &head[start..];
    let end = head.find(['社', '报', '台', '网']).map(|i| i + 3)?;
    Some(head[..end].to_owned()).filter(|s| s.chars().count() >= 2)
}

/// Passages where a "?" stands between characters: bytes the copy could
/// not decode, whose figures may have lost digits.
fn garbled_passages(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '?' && i > 0 && clean::is_han(chars[i - 1]) {
            let from = i.saturating_sub(4);
            let to = (i + 6).min(chars.len());
            out.push(chars[from..to].iter().collect());
        }
    }
    out
}

/// Indicator ids: the unit's id and a counter, in text order.
fn ids(figures: &[Figure]) -> Vec<String> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    figures
        .iter()
        .map(|f| {
            let n = counts.entry(f.unit.id.as_str()).or_insert(0);
            *n += 1;
            format!("{}_{}", f.unit.id, n)
        })
        .collect()
}

/// How alike two labels are: the share of character pairs they have in
/// common (Dice's coefficient on bigrams).
pub fn similarity(a: &str, b: &str) -> f64 {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, mut pb) = (pairs(a), pairs(b));
    if pa.is_empty() || pb.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let total = pa.len() + pb.len();
    let mut common = 0;
    for p in &pa {
        if let Some(i) = pb.iter().position(|q| q == p) {
            pb.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

/// Whether a figure can be drawn as a bar or card: a known value of a
/// quantity that compares (not a year, rank or length of time).
fn comparable(f: &Figure) -> bool {
    f.value.is_some()
        && !matches!(
            f.unit.quantity,
            Quantity::Year | Quantity::Ordinal | Quantity::Duration
        )
}

/// Drafts a chart of `kind` of the figures `items`, with an id numbered
/// after the charts drafted so far ("years-1", "bars-2"), and marks those
/// figures charted so that no later chart takes them again.
fn push_numbered(
    out: &mut Vec<ChartDraft>,
    charted: &mut [bool],
    kind: Kind,
    title: String,
    items: Vec<usize>,
    review: &str,
) {
    for &j in &items {
        charted[j] = true;
    }
    out.push(ChartDraft {
        id: format!("{}-{}", kind.name(), out.len() + 1),
        kind,
        title,
        items,
        review: review.into(),
    });
}

/// Proposes charts: one measure over several years as `years`; a list of
/// like figures of one unit in one sentence as `bars`; dated events as a
/// `timeline`; the first headline figures as `cards`. No chart mixes units.
fn charts(figures: &[Figure]) -> Vec<ChartDraft> {
    let mut out = Vec::new();
    let mut charted = vec![false; figures.len()];
    // Years: the same measure (unit and a like label) at different years.
    for i in 0..figures.len() {
        let f = &figures[i];
        if charted[i] || !comparable(f) || !matches!(f.period, Period::Year(_)) {
            continue;
        }
        let mut group: Vec<usize> = (0..figures.len())
            .filter(|&j| {
                let g = &figures[j];
                !charted[j]
                    && comparable(g)
                    && matches!(g.period, Period::Year(_))
                    && g.unit.id == f.unit.id
                    && (j == i || g.source == f.source || similarity(&g.label, &f.label) >= 0.5)
            })
            .collect();
        group.sort_by_key(|&j| figures[j].period);
        group.dedup_by_key(|j| figures[*j].period);
        if group.len() >= 2 {
            let title = format!("{}的变化", figures[i].label);
            let review = "同一指标的历年数字：请核对口径一致，并改写标题为一句结论";
            push_numbered(&mut out, &mut charted, Kind::Years, title, group, review);
        }
    }
    // Bars: like figures of one unit listed in one sentence. A part and its
    // whole ("73.1万人…，其中47.8万人") are not a list, so never bars.
    let mut i = 0;
    while i < figures.len() {
        let span = (i..figures.len())
            .take_while(|&j| figures[j].source == figures[i].source)
            .count()
            .max(1);
        let mut units: Vec<&str> = Vec::new();
        for f in &figures[i..i + span] {
            if !units.contains(&f.unit.id.as_str()) {
                units.push(&f.unit.id);
            }
        }
        for unit in units {
            let group: Vec<usize> = (i..i + span)
                .filter(|&j| !charted[j] && comparable(&figures[j]) && figures[j].unit.id == unit)
                .collect();
            let Some(&first) = group.first() else {
                continue;
            };
            let source = &figures[first].source;
            // A list ("623名干部、5635名人才") or like labels: one question.
            let listed = group.windows(2).all(|w| {
                let (a, b) = (&figures[w[0]], &figures[w[1]]);
                let gap = match (source.find(&a.printed), source.rfind(&b.printed)) {
                    (Some(x), Some(y)) if x <= y => &source[x..y],
                    _ => "",
                };
                !part_or_change(a, b)
                    && (gap.contains(['、', '；', ';']) || similarity(&a.label, &b.label) >= 0.5)
            });
            let alike = listed
                && (group.len() >= 3 || (group.len() == 2 && figures[first].bound == Bound::Exact));
            if alike {
                let title = bars_title(&figures[first].label);
                let review =
                    "同一句中同一单位的数字：请确认它们回答同一个问题、可以并列比较，并改写标题";
                push_numbered(&mut out, &mut charted, Kind::Bars, title, group, review);
            }
        }
        i += span;
    }
    // Timeline: the dated events.
    let mut events: Vec<usize> = (0..figures.len())
        .filter(|&j| figures[j].unit.quantity == Quantity::Year)
        .collect();
    events.sort_by_key(|&j| figures[j].period);
    events.dedup_by_key(|j| figures[*j].period);
    if events.len() >= 3 {
        out.push(ChartDraft {
            id: "timeline".into(),
            kind: Kind::Timeline,
            title: "报道中的年份".into(),
            items: events,
            review: "报道中有年份的事件：请删去只标明日期的年份，并改写标题".into(),
        });
    }
    // Cards: the first few headline figures not charted yet, of the first
    // unit that has two or more of them (a chart never mixes units).
    // A figure equal to one before it (same value, same unit) is likely the
    // same figure told again: three cards of one "近6000人" say nothing.
    // Where one of the two is rounded ("5亿多元" in the headline, "5.36亿元"
    // in the text), the card is the exact one, wherever it stands.
    let repeat = |j: usize| {
        (0..j).any(|k| likely_repeat(&figures[k], &figures[j]) && !rounds(&figures[k], &figures[j]))
            || (0..figures.len()).any(|k| k != j && rounds(&figures[j], &figures[k]))
    };
    // Nor is a part of the card before it, or what that figure became.
    let follows = |j: usize| (0..j).any(|k| part_or_change(&figures[k], &figures[j]));
    let free = |j: &usize| !charted[*j] && comparable(&figures[*j]) && !repeat(*j) && !follows(*j);
    let unit = (0..figures.len())
        .filter(free)
        .map(|j| figures[j].unit.id.as_str())
        .find(|u| {
            (0..figures.len())
                .filter(free)
                .filter(|&j| figures[j].unit.id == *u)
                .count()
                >= 2
        });
    // The headline's figures are the lead's: the first line that holds
    // figures, and the next one too where the first is a headline (short).
    // Where the lead holds two or more of the unit, a figure from further
    // down ("广东…引导1078家企业投资436.5亿元", a part of the national
    // total) is no card.
    let mut lines: Vec<usize> = figures.iter().map(|f| f.line).collect();
    lines.dedup();
    let headline = lines.first().is_some_and(|&first| {
        figures
            .iter()
            .filter(|f| f.line == first)
            .all(|f| f.source.chars().count() <= 40)
    });
    let lead: Vec<usize> = lines
        .into_iter()
        .take(if headline { 2 } else { 1 })
        .collect();
    let of_unit: Vec<usize> = match unit {
        Some(u) => (0..figures.len())
            .filter(free)
            .filter(|&j| figures[j].unit.id == u)
            .collect(),
        None => Vec::new(),
    };
    let in_lead: Vec<usize> = of_unit
        .iter()
        .copied()
        .filter(|&j| lead.contains(&figures[j].line))
        .collect();
    let cards: Vec<usize> = if in_lead.len() >= 2 { in_lead } else { of_unit }
        .into_iter()
        .take(4)
        .collect();
    if cards.len() >= 2 {
        out.push(ChartDraft {
            id: "headline".into(),
            kind: Kind::Cards,
            title: "报道中的主要数字".into(),
            items: cards,
            review: "报道开头的几个数字：请挑选最能说明报道的数字，并改写标题".into(),
        });
    }
    out
}

/// The placeholder title of a bar chart whose first bar is labelled
/// `first`, for the editor to rewrite.
fn bars_title(first: &str) -> String {
    format!("{first}与其他各项比较")
}

/// Bars each from its own part of a sentence ("上海市对口援藏项目1582个、援藏
/// 资金45.18亿元……；山东省对口援藏项目1355个、援藏资金38.18亿元……" gives
/// every sum the label 援藏资金) take the name their part starts with: the
/// words before its first figure, less what all of them share (上海市,
/// 山东省…). Only where each part is a record of several figures, and
/// the names are all there and all different.
fn name_the_bars(figures: &mut [Figure], items: &[usize]) {
    // The part of the sentence (between semicolons) that holds each
    // figure, and the words it opens with, up to its first figure (a year
    // that dates the sentence is not one of them).
    let lead = |i: usize| -> Option<String> {
        let f = &figures[i];
        // Where the figure stands: "12名" twice in a sentence is two
        // figures, each in its own part.
        let nth = figures[..i]
            .iter()
            .filter(|g| g.source == f.source && g.printed == f.printed)
            .count();
        let (at, _) = f.source.match_indices(&f.printed).nth(nth)?;
        let start = f.source[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| c == '；' || c == ';')
            .map_or(0, |(k, c)| k + c.len_utf8());
        let end = f.source[at..]
            .find(['；', ';'])
            .map_or(f.source.len(), |k| at + k);
        let part = &f.source[start..end];
        let starts: Vec<usize> = figures
            .iter()
            .filter(|g| g.source == f.source && g.unit.quantity != Quantity::Year)
            .filter_map(|g| part.find(&g.printed))
            .collect();
        // A part that is a record of several figures (项目、资金、干部) of
        // the one its opening words name; a part with one figure opens
        // with that figure's own words.
        if starts.len() < 2 {
            return None;
        }
        let first = *starts.iter().min()?;
        let head = &part[..first];
        let head = head
            .rsplit([',', '，', ':', '：', '。'])
            .next()
            .unwrap_or(head);
        // An aside in brackets ("宝钢集团（现为宝武集团）") is no part of it.
        let mut out = String::new();
        let mut depth = 0;
        for c in head.chars() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => depth -= 1,
                c if depth == 0 && clean::is_han(c) => out.push(c),
                _ => {}
            }
        }
        Some(out)
    };
    let Some(leads) = items
        .iter()
        .map(|&i| lead(i))
        .collect::<Option<Vec<String>>>()
    else {
        return;
    };
    // What every lead ends with ("对口援藏项目") says what is counted, not whose.
    let shared = leads
        .iter()
        .map(|l| l.chars().rev().collect::<Vec<char>>())
        .reduce(|a, b| {
            a.iter()
                .zip(&b)
                .take_while(|(x, y)| x == y)
                .map(|(x, _)| *x)
                .collect()
        })
        .map_or(0, |s| s.len());
    // Parallel records open alike ("上海市对口援藏项目", "山东省对口援藏项目");
    // parts that open unalike are not a list of whose figures they are.
    if shared < 2 {
        return;
    }
    let heads: Vec<String> = leads
        .iter()
        .map(|l| {
            let n = l.chars().count();
            l.chars().take(n - shared.min(n)).collect()
        })
        .collect();
    let named = heads
        .iter()
        .enumerate()
        .all(|(k, h)| (1..=8).contains(&h.chars().count()) && !heads[..k].contains(h));
    if !named {
        return;
    }
    for (&i, head) in items.iter().zip(&heads) {
        let label = &mut figures[i].label;
        if !label.starts_with(head.as_str()) {
            *label = format!("{head}{label}");
        }
    }
}

/// Whether `b` may be `a` told again: the same value in the same unit (a
/// year is a date, which many figures share, not a figure told twice), or
/// the same figure rounded in one place and exact in the other (a headline's
/// "5亿多元", the text's "5.36亿元").
fn likely_repeat(a: &Figure, b: &Figure) -> bool {
    a.unit.id == b.unit.id
        && a.unit.quantity != Quantity::Year
        && (a.value == b.value || rounds(a, b) || rounds(b, a))
}

/// Whether `rounded`, printed with a bound ("5亿多", "近8亿"), may be the
/// exact figure `exact` told roughly: 5亿多 holds every figure from 5亿 up
/// to 6亿 (its last printed place), 近8亿 and 不到8亿 those within a tenth
/// under it, 约10亿 those within a tenth either side.
fn rounds(rounded: &Figure, exact: &Figure) -> bool {
    let (Some(r), Some(e)) = (rounded.value, exact.value) else {
        return false;
    };
    if exact.bound != Bound::Exact || r.is_nan() || r <= 0.0 || !e.is_finite() || e == r {
        return false;
    }
    let near = (e - r).abs() <= r / 10.0;
    match rounded.bound {
        Bound::AtLeast => r < e && e < r + last_place(r),
        Bound::Approx => near,
        Bound::AtMost => near && e < r,
        Bound::Exact => false,
    }
}

/// The place of a value's last digit other than zero, at least 1: 10 for
/// 7亿 (700,000,000) is 100,000,000; for 3406.77万 (34,067,700), 100.
fn last_place(value: f64) -> f64 {
    let mut place = 1.0;
    while place < 1e15 && (value / (place * 10.0)).fract() == 0.0 {
        place *= 10.0;
    }
    place
}

/// Whether `b`, later in the same sentence as `a` and of its unit, is a
/// part of `a` ("73.1万人…，其中47.8万人"), what `a` became
/// ("从46.86%下降到26.64%") or a rate that `a` is the total of ("投入
/// 5400万元（每县300万元）"): none is a figure beside it, however alike
/// their labels, so never a bar or a card next to it.
fn part_or_change(a: &Figure, b: &Figure) -> bool {
    if a.source != b.source || a.unit.id != b.unit.id {
        return false;
    }
    let source = &a.source;
    match (source.find(&a.printed), source.rfind(&b.printed)) {
        (Some(x), Some(y)) if x + a.printed.len() <= y => {
            let between = &source[x + a.printed.len()..y];
            between.contains("其中")
                || figures::is_change(between)
                || (per_unit(&source[..y]) && !per_unit(&source[..x]))
        }
        _ => false,
    }
}

/// Whether the words right before a figure (`before` ends where it
/// starts) make it a rate per place, household or person: "每县300万元",
/// "每村投入200万元", "人均收入8000元", "县均援助资金从1000多万元…".
fn per_unit(before: &str) -> bool {
    let near: String = before
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let clause = near
        .rsplit(['，', ',', '。', '；', '（', '('])
        .next()
        .unwrap_or("");
    clause.contains('每')
        || ["人均", "户均", "县均", "村均"]
            .iter()
            .any(|w| clause.contains(w))
}

/// Drafts an article and writes its data folder (`article.toml`,
/// `indicators.toml`, `charts.toml`) and report (`DRAFT.md`) into `dir`.
pub fn draft_into(article: &str, dir: &Path) -> std::io::Result<Draft> {
    let d = draft(article);
    std::fs::create_dir_all(dir)?;
    for (name, text) in files(&d) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(d)
}

/// `cargo xtask draft ARTICLE.txt --out DIR`: reads the article (`-` for
/// standard input), drafts it into `dir`, and says what it wrote.
pub fn command(article: &Path, dir: &Path) -> Result<String, String> {
    let text = if article == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read the article from standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(article)
            .map_err(|e| format!("cannot read {}: {e}", article.display()))?
    };
    // A text with no figure (the wrong file, an empty paste) would make a
    // folder the build refuses ("there is no [[indicator]]"): say so here,
    // and write nothing over what `dir` may hold.
    let d = draft(&text);
    if d.figures.is_empty() {
        return Err(format!(
            "found no figure in {}: a number with a unit or measure word (12亿元, 54个村), a rank (第二轮) or a year that is an event; nothing was written",
            if article == Path::new("-") {
                "the standard input".to_owned()
            } else {
                article.display().to_string()
            }
        ));
    }
    // A data folder may hold an editor's work (or the site's own data/):
    // the draft never writes over it.
    let taken: Vec<String> = files(&d)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| dir.join(name).exists())
        .collect();
    if !taken.is_empty() {
        return Err(format!(
            "{} already holds {}: the draft never writes over a data folder, which may hold an editor's work. Draft into a new folder, or move those files away first; nothing was written",
            dir.display(),
            taken.join(", ")
        ));
    }
    let d = draft_into(&text, dir).map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    Ok(format!(
        "{} figures and {} charts drafted into {}; what to check is in {}",
        d.figures.len(),
        d.charts.len(),
        dir.display(),
        dir.join("DRAFT.md").display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_holds_a_data_folder_is_never_written_over() {
        let dir = std::env::temp_dir().join(format!("article-draft-taken-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("indicators.toml"), "# an editor's work\n").unwrap();
        let article = dir.with_extension("txt");
        std::fs::write(&article, "全县投入资金5亿元，建成学校12所。\n").unwrap();
        let said = command(&article, &dir);
        let kept = std::fs::read_to_string(dir.join("indicators.toml")).unwrap();
        let wrote_other = dir.join("article.toml").exists();
        let _ = std::fs::remove_file(&article);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            said.as_ref().is_err_and(|e| e.contains("indicators.toml")),
            "{said:?}"
        );
        assert_eq!(kept, "# an editor's work\n");
        assert!(!wrote_other);
    }

    #[test]
    fn a_text_without_figures_is_refused_and_nothing_is_written() {
        let dir = std::env::temp_dir().join(format!("article-draft-none-{}", std::process::id()));
        let article = dir.with_extension("txt");
        std::fs::write(&article, "没有数字的一段话。\n").unwrap();
        let said = command(&article, &dir);
        let _ = std::fs::remove_file(&article);
        assert!(
            said.as_ref().is_err_and(|e| e.contains("found no figure")),
            "{said:?}"
        );
        assert!(!dir.exists());
    }

    /// The printed figures of a draft's headline cards.
    fn card_figures(d: &Draft) -> Vec<&str> {
        d.charts
            .iter()
            .filter(|c| c.kind == Kind::Cards)
            .flat_map(|c| c.items.iter().map(|&i| d.figures[i].printed.as_str()))
            .collect()
    }

    #[test]
    fn headline_cards_are_the_lead_s_figures() {
        // The lead has two sums: a sum further down, of one province, is
        // no headline card beside them.
        let d = draft(
            "今年东部投入财政援助资金231.9亿元，动员社会力量捐助款物28.5亿元，互派干部3045人。\n产业合作方面，甲省引导企业投资436.5亿元，乙省建成园区215个。\n",
        );
        let cards = card_figures(&d);
        assert_eq!(cards, ["231.9亿元", "28.5亿元"]);
    }

    #[test]
    fn a_figure_rounded_in_the_headline_is_the_exact_one_told_again() {
        // The headline rounds what the text gives exactly: one card, the
        // exact one, and the editor is told of the repeat.
        let d = draft(
            "甲省九年累计援助乙区5亿多元\n会议获悉，九年来甲省累计援助5.36亿元，引进企业投资12亿元。\n",
        );
        let cards = card_figures(&d);
        assert_eq!(cards, ["5.36亿元", "12亿元"]);
        let exact = d.figures.iter().find(|f| f.printed == "5.36亿元");
        assert!(exact.is_some_and(|f| f.review.iter().any(|r| r.contains("5亿多元"))));
        // Nearly eight holds 7.9 but not 6.2, more than a tenth away.
        let d = draft("甲县近8亿元\n甲县到位资金7.9亿元，其中经济合作资金6.2亿元。\n");
        let flagged: Vec<&str> = d
            .figures
            .iter()
            .filter(|f| f.review.iter().any(|r| r.contains("重复")))
            .map(|f| f.printed.as_str())
            .collect();
        assert_eq!(flagged, ["7.9亿元"]);
    }

    #[test]
    fn a_year_in_words_typed_with_circles_is_a_year() {
        // "二○○八年" with circles for 〇 was read as 八年, eight years.
        let d = draft("二○○八年地震发生后，当地投入资金90亿元。");
        let printed: Vec<(&str, String)> = d
            .figures
            .iter()
            .map(|f| (f.printed.as_str(), dataset::period_text(f.period)))
            .collect();
        assert_eq!(printed, [("90亿元", "2008".to_owned())]);
    }

    #[test]
    fn charts_follow_the_figures() {
        let d = draft(
            "2019年，贫困发生率为16.8%。2020年，贫困发生率为3.1%。\
             累计选派623名挂职干部、5635名专技人才、980名医生。\
             投入资金5亿元，建成学校12所。",
        );
        let kinds: Vec<Kind> = d.charts.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![Kind::Years, Kind::Bars]);
        let bars = &d.charts[1];
        assert_eq!(bars.items.len(), 3);
        assert!(bars.items.iter().all(|&i| d.figures[i].unit.id == "person"));
        // A part is not a bar beside its whole.
        let d = draft("选派干部300名、人才500名，其中医生100名。");
        assert!(
            d.charts.iter().all(|c| c.kind != Kind::Bars),
            "{:?}",
            d.charts
        );
        // Nor when the two labels are alike.
        let d = draft("帮助农村劳动力8.2万名实现就业，其中脱贫劳动力3.6万名。");
        assert!(
            d.charts.iter().all(|c| c.kind != Kind::Bars),
            "{:?}",
            d.charts
        );
        // Nor is a measure before and after a change: one label, two
        // figures.
        let d = draft("全县贫困发生率从12.5%下降到3.1%。");
        assert_eq!(d.figures.len(), 2);
        assert_eq!(d.figures[0].label, d.figures[1].label);
        assert!(
            d.charts.iter().all(|c| c.kind != Kind::Bars),
            "{:?}",
            d.charts
        );
        // A sentence opening with 其中 is of the year of the one before.
        let d = draft("2021年，本省完成帮扶任务。其中，投入资金8亿元。");
        let money = d
            .figures
            .iter()
            .find(|f| f.printed == "8亿元")
            .expect("8亿元");
        assert_eq!(money.period, Period::Year(2021));
        // Only of the sentence right before: one dated by nothing leaves
        // its breakdown undated too.
        let d = draft("2015年，本省完成帮扶任务。自2016年以来，投入资金10亿元。其中，教育3亿元。");
        let part = d
            .figures
            .iter()
            .find(|f| f.printed == "3亿元")
            .expect("3亿元");
        assert_eq!(part.period, Period::Undated);
        // Nor a part of another card, or what another card became.
        // The figures of each card set, in order.
        let cards = |d: &Draft| -> Vec<Vec<Figure>> {
            d.charts
                .iter()
                .filter(|c| c.kind == Kind::Cards)
                .map(|c| c.items.iter().map(|&i| d.figures[i].clone()).collect())
                .collect()
        };
        let d = draft("全县贫困发生率从12.5%下降到3.1%，低于全省平均的4.2%。");
        for set in cards(&d) {
            let printed: Vec<&str> = set.iter().map(|f| f.printed.as_str()).collect();
            assert!(
                !(printed.contains(&"12.5%") && printed.contains(&"3.1%")),
                "{printed:?}"
            );
        }
        // A figure told again is not another card.
        let d = draft(
            "二十年来近6000名干部进藏工作，投入资金260亿元。其间先后选派近6000名干部，共投入资金260亿元，建成学校120所。",
        );
        for set in cards(&d) {
            for (n, f) in set.iter().enumerate() {
                assert!(
                    set[..n].iter().all(|g| g.value != f.value),
                    "{:?}",
                    set.iter().map(|f| &f.printed).collect::<Vec<_>>()
                );
            }
        }
        // A rate per county is not a card or a bar beside the total it
        // divides.
        let d = draft("全省对口帮扶18县，投入资金5400万元（每县300万元），另投入援建资金1亿元。");
        for set in cards(&d) {
            let printed: Vec<&str> = set.iter().map(|f| f.printed.as_str()).collect();
            assert!(!printed.contains(&"300万元"), "{printed:?}");
        }
        assert!(
            d.charts.iter().all(|c| c.kind != Kind::Bars),
            "{:?}",
            d.charts
        );
        // Nor is an average per county beside the total.
        let d = draft("今年投入援助资金19.33亿元，县均援助资金5800万元，另捐赠2亿元。");
        for set in cards(&d) {
            let printed: Vec<&str> = set.iter().map(|f| f.printed.as_str()).collect();
            assert!(!printed.contains(&"5800万元"), "{printed:?}");
        }
        // Bars that would read alike take the name their part of the
        // sentence opens with.
        let d = draft(
            "甲省对口项目15个、援助资金4.5亿元；乙省对口项目13个、援助资金3.8亿元；丙集团（现为丁集团）对口项目9个、援助资金0.9亿元。",
        );
        let labels: Vec<&str> = d
            .figures
            .iter()
            .filter(|f| f.unit.id == "yuan")
            .map(|f| f.label.as_str())
            .collect();
        assert_eq!(labels, ["甲省援助资金", "乙省援助资金", "丙集团援助资金"]);
        // The chart's title names its first bar as the bar is named.
        let money = d
            .charts
            .iter()
            .find(|c| c.items.iter().all(|&i| d.figures[i].unit.id == "yuan"))
            .map(|c| c.title.as_str());
        assert_eq!(money, Some("甲省援助资金与其他各项比较"));
        // A line the copy repeats word for word is read once.
        let d = draft("全县投入资金5亿元 建成学校12所\n本报讯 全县投入资金5亿元。\n全县投入资金5亿元 建成学校12所\n");
        assert_eq!(
            d.figures.iter().filter(|f| f.printed == "12所").count(),
            1,
            "{:?}",
            d.figures.iter().map(|f| &f.printed).collect::<Vec<_>>()
        );
        assert!(d
            .cleanings
            .iter()
            .any(|c| c.line == 3 && c.after.is_empty()));
        // A growth rate over 100% cannot be a percent of the model.
        let d = draft("产值增长150%，达到5亿元。");
        assert_eq!(d.figures.len(), 1);
        assert!(d.skipped.iter().any(|s| s.text.contains("150%")));
        // No chart mixes units.
        for c in &d.charts {
            assert!(c
                .items
                .windows(2)
                .all(|w| d.figures[w[0]].unit.id == d.figures[w[1]].unit.id));
        }
    }
}
