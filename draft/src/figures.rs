//! Finds the figures of a cleaned, Simplified Chinese text: which numbers
//! are figures, their unit, bound, period, printed form and label.
//!
//! The rules are about how Chinese prose writes figures, never about one
//! article: a date is a number followed by 月 or 日; a name holds digits next
//! to Latin letters or `+`; a slogan is a short quotation; a Chinese 一 is
//! an article ("a"), not a count, unless the sentence counts the same
//! thing with another number; a page's reader counter and a periodical's
//! issue are the copied page's, not the article's; a year that stands alone
//! in its clause, or that starts or bounds a period, is an event the
//! timeline can show, while a year inside a clause only dates the figures
//! of its sentence.

use dataset::printed::{self, Bound, Form, Number};
use dataset::{Period, Quantity};

use crate::clean::is_han;
use crate::units::{self, UnitSpec};

/// One figure found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Its value in base units; `None` where a digit was lost.
    pub value: Option<f64>,
    /// What it counts or measures.
    pub unit: UnitSpec,
    /// How the text bounds it.
    pub bound: Bound,
    /// The year or period the sentence gives for it.
    pub period: Period,
    /// The figure as printed, a substring of `source`.
    pub printed: String,
    /// The sentence it comes from (Simplified).
    pub source: String,
    /// The article's own sentence where the article is Traditional.
    pub source_hant: Option<String>,
    /// What it counts, drafted from the words around it.
    pub label: String,
    /// 1-based line of the input it is on.
    pub line: usize,
    /// What the editor must decide about it.
    pub review: Vec<String>,
}

/// A number the draft read but did not take as a figure, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// 1-based line of the input.
    pub line: usize,
    /// The number with the character after it.
    pub text: String,
    /// Why it is not a figure.
    pub why: &'static str,
}

/// A sentence of the text: Simplified, with the article's own form.
pub struct Sentence {
    /// 1-based line of the input.
    pub line: usize,
    /// Simplified Chinese.
    pub text: String,
    /// The article's own text where it differs (Traditional input).
    pub original: Option<String>,
}

/// Splits a line into sentences: at 。！？ and ! outside quotation marks, so
/// that a quoted speech and the words that attribute it stay one sentence.
pub fn sentences(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth: i32 = 0;
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth = (depth - 1).max(0),
            _ => {}
        }
        let end = matches!(c, '。' | '！' | '？' | '!');
        let closing_next = chars
            .get(i + 1)
            .is_some_and(|&n| matches!(n, '”' | '」' | '』'));
        if end && depth == 0 && !closing_next {
            let s = current.trim().to_owned();
            if !s.is_empty() {
                out.push(s);
            }
            current.clear();
        }
    }
    let s = current.trim().to_owned();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// A year or period named in a sentence.
#[derive(Clone, Debug, PartialEq)]
struct Dating {
    start: usize,
    end: usize,
    period: Period,
    /// It dates only the figure right after it ("2012年的16.8%").
    of_next: bool,
    /// It is an event the draft records as a figure.
    event: bool,
    /// It starts what the sentence reports ("自1995年…以来").
    since: bool,
    /// It is part of a date (2023年11月底): never an event of its own.
    date: bool,
    printed: String,
}

impl Dating {
    /// The period printed in `text` from `start` to `end`, with none of the
    /// flags set: it dates the whole sentence and is no event.
    fn new(text: &str, start: usize, end: usize, period: Period) -> Dating {
        Dating {
            start,
            end,
            period,
            of_next: false,
            event: false,
            since: false,
            date: false,
            printed: text[start..end].to_owned(),
        }
    }
}

fn is_year(v: f64) -> bool {
    (1900.0..=2100.0).contains(&v) && v.fract() == 0.0
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

fn is_clause_end(c: Option<char>) -> bool {
    c.is_none_or(|c| matches!(c, ',' | '，' | '。' | '；' | ';' | '：' | ':' | '！' | '!'))
}

fn is_clause_start(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        matches!(
            c,
            ',' | '，' | '。' | '；' | ';' | '：' | ':' | '“' | '（' | '(' | '《'
        )
    })
}

/// The years and periods of a sentence; marks the numbers they use.
fn datings(text: &str, nums: &[Number], used: &mut [bool]) -> Vec<Dating> {
    let mut out = Vec::new();
    // The five-year plans: “十三五” is 2016–2020. The sixth plan began in
    // 1981, and each one since has lasted five years.
    for (i, n) in nums.iter().enumerate() {
        if n.form == Form::Chinese
            && text[n.end..].starts_with('五')
            && text[n.start..].starts_with('十')
            && (11.0..=19.0).contains(&n.value)
        {
            let k = n.value as u16;
            let first = 1981 + 5 * (k - 6);
            let end = n.end + '五'.len_utf8();
            out.push(Dating::new(
                text,
                n.start,
                end,
                Period::Span(first, first + 4),
            ));
            used[i] = true;
        }
    }
    let mut i = 0;
    while i < nums.len() {
        let n = &nums[i];
        if used[i]
            || !is_year(n.value)
            || n.form == Form::Chinese
            || n.more
            || n.scaled
            || n.percent
        {
            i += 1;
            continue;
        }
        let digits = text[n.start..n.end]
            .chars()
            .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .count();
        if n.form == Form::Arabic && digits != 4 {
            i += 1;
            continue;
        }
        let after = &text[n.end..];
        let after_trim = after.trim_start_matches(' ');
        let with_year = after_trim.starts_with('年');
        // 2021-11-03 or 2021.11.03: a date, unless a span ends it (below).
        let iso_date = ["-", ".", "/"].iter().any(|p| {
            after.strip_prefix(p).is_some_and(|r| {
                let digits = r.chars().take_while(char::is_ascii_digit).count();
                (1..=2).contains(&digits)
            })
        });
        if iso_date {
            used[i] = true;
            i += 1;
            continue;
        }
        // A span: 2011-2015年, 2011—2015年, 2011年至2015年, 2011年到2015年.
        let joiners = [
            "-", "—", "–", "～", "~", "至", "到", "年至", "年到", "年—", "年-",
        ];
        if let Some(m) = nums.get(i + 1) {
            let between = &text[n.end..m.start];
            if is_year(m.value)
                && m.value > n.value
                && joiners.contains(&between)
                && text[m.end..].trim_start_matches(' ').starts_with('年')
            {
                let mut end = m.end
                    + (text[m.end..].len() - text[m.end..].trim_start_matches(' ').len())
                    + '年'.len_utf8();
                for suffix in ["底", "初", "末", "度", "间"] {
                    if text[end..].starts_with(suffix) {
                        end += suffix.len();
                    }
                }
                if text[end..].starts_with('月') {
                    i += 2;
                    continue;
                }
                let period = Period::Span(n.value as u16, m.value as u16);
                out.push(Dating {
                    event: true,
                    ..Dating::new(text, n.start, end, period)
                });
                used[i] = true;
                used[i + 1] = true;
                i += 2;
                continue;
            }
        }
        let mut end = n.end;
        if with_year {
            end = n.end + (after.len() - after_trim.len()) + '年'.len_utf8();
            // A date (2020年10月17日) dates the report, not a figure.
            // It still dates the figures of its sentence ("截至2023年11月底").
            if text[end..]
                .trim_start_matches(' ')
                .starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
                && nums
                    .get(i + 1)
                    .is_some_and(|m| text[m.end..].starts_with('月'))
            {
                // "2016年10月以来": a date that starts what the sentence
                // reports dates none of it (a sum since October 2016 is not
                // 2016's). Its month, and its day if it has one, come first.
                let mut date_end = end;
                for (k, word) in [(i + 1, '月'), (i + 2, '日')] {
                    if let Some(m) = nums.get(k).filter(|m| m.start == date_end) {
                        if text[m.end..].starts_with(word) {
                            date_end = m.end + word.len_utf8();
                        }
                    }
                }
                out.push(Dating {
                    date: true,
                    since: starts_period(&text[..n.start], &text[date_end..]),
                    ..Dating::new(text, n.start, end, Period::Year(n.value as u16))
                });
                used[i] = true;
                i += 1;
                continue;
            }
            for suffix in ["底", "初", "末", "度"] {
                if text[end..].starts_with(suffix) {
                    end += suffix.len();
                }
            }
        } else if n.form == Form::Arabic {
            // A bare year ("收官2020,") is one only where its clause ends;
            // "2015上海宣传周" is a name.
            if !is_clause_end(char_after(text, n.end)) {
                i += 1;
                continue;
            }
        } else if !with_year {
            i += 1;
            continue;
        }
        let before = &text[..n.start];
        let rest = &text[end..];
        // "比2010年增长83.5%": the base of a comparison dates nothing; nor
        // does that of a multiple, "是2019年的1.3倍".
        let base_of_multiple = before.ends_with('是')
            && rest.strip_prefix('的').is_some_and(|r| {
                r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                    .starts_with('倍')
            });
        if before.ends_with('比') || before.ends_with('较') || base_of_multiple {
            used[i] = true;
            i += 1;
            continue;
        }
        // A year inside a short quotation is part of a name.
        if short_quotes(text)
            .iter()
            .any(|&(a, b)| n.start > a && n.end <= b)
        {
            i += 1;
            continue;
        }
        let of_next = rest.starts_with('的');
        let since = starts_period(before, rest);
        let alone =
            is_clause_start(char_before(text, n.start)) && is_clause_end(char_after(text, end));
        out.push(Dating {
            of_next,
            event: !of_next && (since || alone || !with_year),
            since,
            ..Dating::new(text, n.start, end, Period::Year(n.value as u16))
        });
        used[i] = true;
        i += 1;
    }
    out
}

/// Whether a year (or a date) between `before` and `rest` starts what its
/// sentence reports: "从2012年以来", "自1995年对口支援以来", "2019年以来",
/// "2014年起", "2015年开始". 从 or 自 alone is "from" ("从2024年推进会上了
/// 解到"): the clause must then say since when. 起草 (drafted), 起诉 (sued)
/// and 起义 (an uprising) are words of their own.
fn starts_period(before: &str, rest: &str) -> bool {
    let clause: String = rest
        .chars()
        .take_while(|c| !matches!(c, ',' | '，' | '。' | '；'))
        .collect();
    // "自1996年两地结为对口帮扶城市后": since then, as 以来 says.
    let from = (before.ends_with('从') || before.ends_with('自'))
        && ["以来", "起", "开始", "至今", "后"]
            .iter()
            .any(|w| clause.contains(w));
    from || rest.starts_with("以来")
        || rest.starts_with("开始")
        || rest.starts_with('起') && !["起草", "起诉", "起义"].iter().any(|w| rest.starts_with(w))
}

/// Whether number `n` of `text` is a periodical's issue, as a page's
/// masthead or source line gives it after the year, with nothing after it
/// ("新西部 2016年5期").
fn periodical_issue(text: &str, n: &Number) -> bool {
    let (before, after) = (&text[..n.start], &text[n.end..]);
    after
        .strip_prefix('期')
        .is_some_and(|rest| rest.trim().is_empty())
        && before.strip_suffix('年').is_some_and(|year| {
            let digits = year.chars().rev().take_while(char::is_ascii_digit).count();
            digits == 4
        })
}

/// Words before a number that make it part of a date, a name or a phrase.
/// `counted_alongside`: the sentence counts the same thing with another
/// number ("北京帮扶四个县……安徽帮扶一个县"), so a 一 with it is a count.
fn skip_reason(
    text: &str,
    n: &Number,
    in_short_quote: bool,
    counted_alongside: bool,
) -> Option<&'static str> {
    let after = &text[n.end..];
    let before = &text[..n.start];
    // "保持两位数增长": a number of digits says how fast, not how many.
    if after.starts_with("位数") {
        return Some("a number of digits (两位数增长), not a count");
    }
    // "24小时排行榜": a page's list of its most read articles, copied with
    // the article.
    if after.starts_with("小时排行") || after.starts_with("小时热") {
        return Some("a page's list of its most read articles");
    }
    // "点击:273次", "阅读：1.2万": the page's counter of its readers, copied
    // with the article's byline, not a figure of the article. Only with the
    // colon of a page's header: prose says "浏览量达500万".
    let label = before.trim_end_matches([' ', '\u{3000}']);
    if let Some(label) = label.strip_suffix([':', '：']) {
        let counters = [
            "点击",
            "点击量",
            "点击数",
            "阅读",
            "阅读量",
            "阅读数",
            "浏览",
            "浏览量",
            "浏览次数",
            "访问量",
        ];
        if counters.iter().any(|c| label.trim_end().ends_with(c)) {
            return Some("a page's counter of its readers");
        }
    }
    if periodical_issue(text, n) {
        return Some("a periodical's issue (2016年5期)");
    }
    // "千家万户", "千山万水", "百村千企": a round number in words, a word, and
    // another round number make an idiom ("every household"), no figure.
    let round = |c: char| matches!(c, '百' | '千' | '万');
    if n.form == Form::Chinese && [100.0, 1000.0, 10000.0].contains(&n.value) {
        let mut next = after.chars().skip(1);
        let mut prev = before.chars().rev().skip(1);
        if next.next().is_some_and(round) || prev.next().is_some_and(round) {
            return Some("part of an idiom (千家万户)");
        }
    }
    // "第八、九批": two ordinals sharing one 第 and one measure word. Read
    // one by one, 九批 would count nine batches, which the text never says.
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十两".contains(c);
    let listed_after_first = before.strip_suffix('、').is_some_and(|b| {
        let digits = b.trim_end_matches(numeral);
        digits.len() < b.len() && digits.ends_with('第')
    });
    let lists_next = after
        .strip_prefix('、')
        .is_some_and(|a| a.starts_with(numeral));
    if (before.ends_with('第') && lists_next) || listed_after_first {
        return Some("a list of ordinals sharing one 第 (第八、九批)");
    }
    // "九年一贯制学校", "九年义务教育": a length of schooling that names a
    // kind of school, not a figure.
    if after.starts_with('年')
        && ["一贯制", "义务教育", "免费教育", "制"]
            .iter()
            .any(|w| after['年'.len_utf8()..].starts_with(w))
    {
        return Some("part of a name (九年一贯制, 九年义务教育)");
    }
    if after.starts_with(['月', '日', '时', '点', '号'])
        && !after.starts_with("月份")
        && !after.starts_with("个月")
    {
        return Some("a date or time");
    }
    // 2021-11-03, 10:57:00, 2021.11.03: a date or a time of day.
    let digit_after = |p: &str| {
        after
            .strip_prefix(p)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    let digit_before = |p: char| {
        before
            .strip_suffix(p)
            .is_some_and(|r| r.ends_with(|c: char| c.is_ascii_digit()))
    };
    // A percent is never one: "5.45%.2019年" is a figure whose full stop
    // lost its space.
    if !n.percent
        && ([":", "：", "-", "."].iter().any(|p| digit_after(p))
            || [':', '：', '-'].iter().any(|&p| digit_before(p)))
    {
        return Some("a date or a time of day");
    }
    if before.ends_with(['+', '＋']) || after.starts_with(['+', '＋']) {
        return Some("part of a formula such as “1+1”, a name");
    }
    if before.ends_with(['/', '／']) || (after.starts_with(['/', '／']) && !n.fraction) {
        return Some("part of a name such as G318/G317");
    }
    if in_short_quote {
        return Some("inside a short quotation: a slogan or name");
    }
    // 数十个, 几百人: a vague number, which no value states.
    if n.form != Form::Arabic && (before.ends_with('数') || before.ends_with('几')) {
        return Some("a vague number (数十, 几百)");
    }
    // "上世纪60年代": a decade, a time rather than a count of years.
    if after.starts_with("年代") {
        return Some("a decade (60年代), a time");
    }
    // "四省藏区", "四省涉藏州县": the name of a region that spans parts of
    // four provinces, not a count the sentence makes.
    if n.form != Form::Arabic && ["省藏区", "省涉藏"].iter().any(|w| after.starts_with(w)) {
        return Some("part of a region's name (四省藏区)");
    }
    // “80后”: a generation, born in that decade.
    if after.starts_with('后') && is_generation(n) {
        return Some("a generation (“80后”)");
    }
    // "一批生态移民示范村", "一大批骨干": 一批 is "a number of", even
    // beside batches counted in figures ("14批教师").
    if n.form != Form::Arabic
        && n.value == 1.0
        && !before.ends_with('第')
        && (after.starts_with('批') || after.starts_with("大批"))
    {
        return Some("一批 is “a number of”, not one batch");
    }
    if n.form != Form::Arabic {
        if n.value == 1.0 && !before.ends_with('第') && !n.fraction && !counted_alongside {
            return Some("一 is an article (“a”), not a count");
        }
        // "五大发展理念" is a name; a count the unit words know (八大领域,
        // 三大类) is not rhetorical.
        if after.starts_with('大') && units::unit_after(after).is_none() {
            return Some("a rhetorical count (“the four big …”)");
        }
        if before.ends_with('之') || after.starts_with('对') || before.ends_with('又') {
            return Some("part of an idiom");
        }
    }
    if after.starts_with(['甲', '乙', '丙'])
        || ["级甲", "级乙", "级医院", "级公立医院"]
            .iter()
            .any(|g| after.starts_with(g))
    {
        return Some("a grade, not a quantity");
    }
    None
}

/// Whether `n` names a generation when 后 follows: “80后”, “00后”, a
/// decade in two digits.
fn is_generation(n: &Number) -> bool {
    n.form == Form::Arabic
        && !n.percent
        && !n.fraction
        && !n.scaled
        && n.value < 100.0
        && n.value % 10.0 == 0.0
}

/// Whether number `k` of `text` is a Chinese 一 whose measure word and noun
/// ("个县") another number of the sentence counts too ("四个县"): then it is
/// a count among counts, not the article "a". The noun must be one the
/// units know: "一个重要突破" beside "3个项目" stays an article.
fn counted_alongside(text: &str, nums: &[Number], k: usize) -> bool {
    let n = &nums[k];
    if n.value != 1.0 || n.form == Form::Arabic || n.fraction {
        return false;
    }
    let unit_of = |m: &Number| {
        text.get(m.end..)
            .and_then(units::unit_after)
            .map(|(u, _)| u.id)
    };
    let Some(unit) = unit_of(n).filter(|id| !units::is_generic(id)) else {
        return false;
    };
    nums.iter()
        .enumerate()
        .any(|(j, m)| j != k && m.value != 1.0 && unit_of(m).as_deref() == Some(unit.as_str()))
}

/// Byte spans of short quotations (“…” of at most 12 characters), whose
/// numbers are names and slogans.
fn short_quotes(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '「' => open = Some(i),
            '”' | '」' => {
                if let Some(o) = open.take() {
                    if text[o..i].chars().count() <= 13 {
                        out.push((o, i));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Words that begin a clause or sit between a figure's noun and its number
/// without being what it counts.
const LEADING: [&str; 64] = [
    // 共建 before 共: "共建产业园区741个" is 产业园区, not 建产业园区.
    "共建", "其中", "此外", "同时", "目前", "如今", "截至", "截止", "先后", "累计", "共计", "总计",
    "一共", "共", "已经", "已", "还", "并", "再", "又", "全部", "均", "新增", "投入", "实施",
    "选派", "派出", "完成", "达到", "达", "超过", "超", "逾", "近", "约", "将近", "接近", "大约",
    "帮助", "带动", "安排", "也", "亦", "都", "新建", "率先", "分别", "陆续", "相继", "正在", "将",
    "进行", "开展", "启动", "包括", "派遣", "增派", "而", "实现", "预计", "解决", "让", "另外",
    "涉及",
];

/// Verbs after which a clause names what a figure counts.
const VERBS: [&str; 29] = [
    "安排", "投入", "实施", "完成", "组织", "帮助", "选派", "派出", "建成", "新建", "培训", "引导",
    "带动", "销售", "签订", "共建", "落实", "共有", "用于", "拨付", "打造", "捐赠", "采购", "引进",
    "建立", "资助", "扶持", "动员", "支持",
];

/// Words that end the noun phrase after a measure word, as the characters
/// of [`NOUN_STOPS`] do: what follows them is what the counted did
/// ("73.1万名农村劳动力通过劳务协作…", "1561个社会组织结对帮扶…", and
/// after an adverb, "450万株白茶苗陆续运抵…"), and a measure word followed
/// by a verb counts what came before it ("10个省区市投入…"). A verb of
/// change ("搬迁规模从65万人调整到…") or of being taken in ("6个贫困村纳入
/// 帮扶范围", "7类产品入选…") is never part of a noun.
const NOUN_STOP_WORDS: [&str; 60] = [
    "通过", "结对", "实现", "参与", "参加", "获得", "接受", "开展", "累计", "加大", "签署", "签订",
    "陆续", "分别", "率先", "先后", "相继", "共同", "按时", "逐步", "正在", "增加", "增长", "增至",
    "调整", "提高", "提升", "下降", "降低", "降至", "减少", "减至", "扩大", "上升", "纳入", "入选",
    "入围", "受益", "投入", "建立", "拿到", "领到", "得到", "奔赴", "前往", "结成", "进入", "抵达",
    "到达", "住进", "搬进", "入住", "顺利", "积极", "昨天", "今天", "日前", "近日", "聚焦", "进行",
];

/// Characters that end the noun phrase after a measure word: particles,
/// prepositions, and verbs no name holds ("人才赴四川挂职").
const NOUN_STOPS: &str = "的在和与及等全实达为被中已将是了到开均共于从向对把就都也还并所以上下之赴";

/// Verbs of change which, before 至 or 到, say that the figure after them
/// is the level a measure reached ("下降至1.54%", "增加到300人").
const TO_LEVEL: [&str; 17] = [
    "下降", "降", "上升", "提高", "提升", "增加", "增长", "增", "减少", "减", "扩大", "缩小",
    "调整", "回落", "跃升", "飙升", "攀升",
];

/// Words after which a year is what a figure is compared with, not when it
/// was: "较2016年增长" keeps its year, as the period cannot say it.
const COMPARED_WITH: [&str; 4] = ["较", "比", "相比", "同比"];

/// `text` without its numbers, each taken out with its unit word:
/// "2020年已投入" is "已投入" and "引导360家东部企业" is "引导东部企业",
/// where taking out only the digits left "年已投入" and "引导家东部企业". A
/// year after a word of comparison stays whole.
fn without_numbers(text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for n in printed::numbers(text) {
        if n.start < at {
            continue;
        }
        let unit = units::unit_after(&text[n.end..]).map(|(_, len)| len);
        let year = is_year(n.value) && text[n.end..].starts_with('年');
        // "三年来", "五年": a number of years in words is a length of time,
        // which goes with its 年 as one in digits does.
        let years_in_words =
            n.form == Form::Chinese && n.value < 100.0 && text[n.end..].starts_with('年');
        out.push_str(&text[at..n.start]);
        // "几十个": a number in words after 几 or 数 is no figure; nor is
        // one inside quotation marks, a name ("“三支”人员").
        let vague = (n.form == Form::Chinese && text[..n.start].ends_with(['几', '数']))
            || inside_quotation(&text[..n.start]);
        if (n.form != Form::Arabic && !n.percent && !year && !years_in_words && unit.is_none())
            || vague
        {
            // A number in words without a measure word is part of a name:
            // "“十二五”时期".
            out.push_str(&text[n.start..n.end]);
            at = n.end;
            continue;
        }
        // “80后”: a generation's name, kept whole.
        if text[n.end..].starts_with('后') && is_generation(&n) {
            out.push_str(&text[n.start..n.end]);
            at = n.end;
            continue;
        }
        // "2016年6月的": a month or a day goes with its number, as a year
        // goes with its 年; "月的" alone named nothing.
        if n.form == Form::Arabic && unit.is_none() {
            if let Some(c) = text[n.end..]
                .chars()
                .next()
                .filter(|c| matches!(c, '月' | '日' | '号'))
            {
                at = n.end + c.len_utf8();
                continue;
            }
        }
        // "第十批": an ordinal goes with its 第, which left behind began the
        // next words ("第援疆干部").
        if unit.is_some() && out.ends_with('第') {
            out.pop();
        }
        // "投入近1亿元建立…": the bound printed before a number goes with it,
        // as its unit after it does ("投入近建立" named nothing).
        if unit.is_some() {
            while let Some(w) = PRINTED_BEFORE.iter().find(|w| out.ends_with(**w)) {
                out.truncate(out.len() - w.len());
            }
        }
        let unit = unit.unwrap_or(0);
        let compared = COMPARED_WITH.iter().any(|w| text[..n.start].ends_with(w))
            // "是2019年的1.3倍": a multiple of that year's figure.
            || (text[..n.start].ends_with('是') && text[n.end..].starts_with("年的"));
        if year && compared {
            out.push_str(&text[n.start..n.end + '年'.len_utf8()]);
            at = n.end + '年'.len_utf8();
            continue;
        }
        // "此前20年": a number of years goes with its 年, whatever the unit
        // table calls it.
        at = if text[n.end..].starts_with('年') {
            n.end + '年'.len_utf8()
        } else {
            n.end + unit
        };
        // "2019年度": a fiscal year, whose 度 would start a label; "2016年底",
        // "2020年初": a time of the year, whose 底 or 初 would too ("贫困
        // 发生率从底").
        if year {
            if let Some(c) = text[at..]
                .chars()
                .next()
                .filter(|c| matches!(c, '度' | '底' | '初' | '末'))
            {
                at += c.len_utf8();
            }
        }
        // "16年来", "3年以来", "20多年前": the word that says from when
        // goes with the years; left behind, it started the next figure's
        // label ("来福建…", "前这里…").
        if text[..at].ends_with('年') {
            if let Some(since) = YEARS_SINCE.iter().find(|w| text[at..].starts_with(**w)) {
                at += since.len();
            }
        }
        // "400多公里外的": how far away goes with its distance; left behind,
        // 外 started the label ("外的甲县…").
        if text[n.end..at].ends_with(['里', '米']) {
            if let Some(away) = ["以外", "之外", "外"]
                .iter()
                .find(|w| text[at..].starts_with(**w))
            {
                at += away.len();
            }
        }
        // The 至 of a span of years ("1994年至2004年") goes with its years.
        if year {
            if let Some(joiner) = ["至", "到", "-", "—", "–"]
                .iter()
                .find(|j| text[at..].starts_with(**j))
            {
                let next = &text[at + joiner.len()..];
                if next.starts_with(|c: char| c.is_ascii_digit()) {
                    at += joiner.len();
                }
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Whether a text ending with `before` is inside a quotation: more
/// quotation marks opened than closed before that point.
fn inside_quotation(before: &str) -> bool {
    before.matches('“').count() > before.matches('”').count()
}

/// The words after a number of years that say from when it runs: "16年来",
/// "3年以来", "20多年前", "三年后".
const YEARS_SINCE: [&str; 9] = ["以来", "来", "以前", "前", "以后", "后", "以内", "内", "间"];

/// Characters that stand between words rather than inside one: a label
/// cut to its last characters starts after one of them, where it can.
const WORD_BOUNDARIES: &str = "的和与及对向在为把从、“”";

/// Where the last `max` characters of `chars` start, moved on to just
/// after a word boundary within the next few, so that a long label does not
/// start in the middle of a word ("口援助…" of 对口援助).
fn word_start(chars: &[char], max: usize) -> usize {
    let n = chars.len();
    // One or two characters over is kept whole: a cut there takes off the
    // first character of a name more often than a word ("京知名企业…" of
    // 北京知名企业, "岛近年来…" of 青岛).
    if n <= max + 2 {
        return 0;
    }
    let cut = n - max;
    let boundaries: Vec<usize> = (cut..=(cut + 5).min(n.saturating_sub(2)))
        .filter(|&i| {
            i > 0 && (WORD_BOUNDARIES.contains(chars[i - 1]) || ends_a_time_word(&chars[..i]))
        })
        // The 对 of 对口 (paired) is no preposition: "口支援…" was cut
        // from 对口支援.
        .filter(|&i| !(chars[i - 1] == '对' && chars[i] == '口'))
        .collect();
    // One that leaves no quotation half cut, if there is one.
    let balanced = |i: &usize| {
        let kept = &chars[*i..];
        kept.iter().filter(|&&c| c == '“').count() == kept.iter().filter(|&&c| c == '”').count()
    };
    boundaries
        .iter()
        .copied()
        .find(balanced)
        .or(boundaries.first().copied())
        .unwrap_or_else(|| term_across(chars, cut).map_or(cut, |(start, _)| start))
}

/// Whether `chars` end with a word of time that a label never starts
/// with: "自前年5月至今东部单位…" was cut to 今东部单位….
fn ends_a_time_word(chars: &[char]) -> bool {
    ["至今", "迄今", "以来", "如今", "目前"]
        .iter()
        .any(|w| chars.ends_with(&w.chars().collect::<Vec<_>>()))
}

/// Where the first `max` characters of `chars` end, moved back to just
/// before a word boundary within the last few (the mirror of
/// [`word_start`]).
fn word_end(chars: &[char], max: usize) -> usize {
    let n = chars.len();
    if n <= max {
        return n;
    }
    (max.saturating_sub(5).max(2)..=max)
        .rev()
        .find(|&i| WORD_BOUNDARIES.contains(chars[i]) && chars[i] != '”')
        .unwrap_or_else(|| term_across(chars, max).map_or(max, |(_, end)| end))
}

/// The names listed right before a count, when the list names exactly as
/// many as the count says ("上海、广东两省市", "…帮扶大理州洱源、剑川、鹤庆、
/// 云龙、弥渡5县", "伊犁、阿勒泰、塔城3个地区"): the list, from where its
/// first name starts. A list ending in 等 ("etc.") names only some, and a
/// list of another length is not the counted things.
fn listed_names(before: &str, count: f64) -> Option<String> {
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            matches!(
                c,
                ',' | '，' | '。' | '；' | ';' | '：' | ':' | '（' | '(' | ' '
            )
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let items: Vec<&str> = before[clause_start..].split('、').collect();
    if items.len() < 2 || (items.len() as f64 - count).abs() > f64::EPSILON {
        return None;
    }
    let named = |item: &str| {
        let n = item.chars().count();
        (1..=4).contains(&n) && item.chars().all(is_han) && !item.contains('等')
    };
    if !items[1..].iter().all(|i| named(i)) {
        return None;
    }
    // The first item carries the words that lead to the list: it starts
    // after the last of them ("帮扶", "了", "的", a leading word).
    let first = items[0].trim();
    let lead = [
        "到", "在", "赴", "帮扶", "支援", "援助", "协作", "了", "的", "为",
    ]
    .iter()
    .filter_map(|m| first.rfind(m).map(|i| i + m.len()))
    .filter(|&i| first.len() > i)
    .max()
    .unwrap_or(0);
    let mut first = &first[lead..];
    for w in LEADING {
        first = first.strip_prefix(w).unwrap_or(first);
    }
    // "深入兰州、白银、甘南…": a first item two or more characters longer
    // than every other carries a verb or a larger place before the name;
    // the name is as long as the others.
    let longest = items[1..]
        .iter()
        .map(|i| i.chars().count())
        .max()
        .unwrap_or(0);
    let n = first.chars().count();
    if n >= longest + 2 {
        let skip: usize = first.chars().take(n - longest).map(char::len_utf8).sum();
        first = &first[skip..];
    }
    if !(1..=6).contains(&first.chars().count()) || !first.chars().all(is_han) {
        return None;
    }
    Some(
        std::iter::once(first)
            .chain(items[1..].iter().copied())
            .collect::<Vec<_>>()
            .join("、"),
    )
}

/// The name of a sum right after its amount ("援助款", "慰问金", "启动资金",
/// "工作经费"): a few characters ending in 款, 金 or 经费.
fn money_noun(after: &str) -> Option<String> {
    // Up to twelve characters: "3026亿元中央财政灾后恢复重建基金". Its 中
    // begins a noun there, as after a measure word.
    let words: String = after
        .chars()
        .enumerate()
        .take_while(|&(i, c)| is_han(c) && (!NOUN_STOPS.contains(c) || (i == 0 && c == '中')))
        .map(|(_, c)| c)
        .take(12)
        .collect();
    let end = words
        .char_indices()
        .map(|(i, c)| (i + c.len_utf8(), c))
        .find(|&(i, c)| matches!(c, '款' | '金') || words[..i].ends_with("经费"))
        .map(|(i, _)| i)?;
    (words[..end].chars().count() >= 2).then(|| words[..end].to_owned())
}

/// Whether `words` end with a noun a figure measures: a sum (资金, 援助款,
/// 经费), or people, places or things counted.
fn ends_with_noun(words: &str) -> bool {
    words.chars().count() >= 2
        && [
            "资金", "款", "金", "经费", "投资", "项目", "企业", "人口", "人员", "群众", "干部",
            "人才", "学校", "医院", "村", "户", "县", "产品", "园区",
        ]
        .iter()
        .any(|n| words.ends_with(n))
}

/// Set terms a label cut must keep whole: cut in the middle, "建档立卡贫困
/// 劳动力" became "立卡贫困劳动力" and "…族自治县" "…族自".
const SET_TERMS: [&str; 14] = [
    // "全省到位…": the whole province, whose 全 a cut at 省 left behind.
    "全省",
    "全市",
    "全县",
    "全州",
    "全区",
    "建档立卡",
    "东西部",
    "对口",
    "自治区",
    "自治县",
    "易地扶贫",
    "脱贫攻坚",
    "对口支援",
    "对口帮扶",
];

/// Where a set term of `chars` spans position `at` (start, end), if one does.
fn term_across(chars: &[char], at: usize) -> Option<(usize, usize)> {
    SET_TERMS.iter().find_map(|term| {
        let t: Vec<char> = term.chars().collect();
        (at.saturating_sub(t.len() - 1)..at)
            .find(|&i| chars.get(i..i + t.len()) == Some(&t[..]))
            .map(|i| (i, i + t.len()))
    })
}

/// The label of a figure: the noun after its measure word, or the words
/// before the number back to the start of its clause.
fn label(
    text: &str,
    start: usize,
    unit_end: usize,
    unit: &UnitSpec,
    bound_prefix: usize,
    value: f64,
) -> String {
    let classifier = matches!(unit.quantity, Quantity::Count | Quantity::Ordinal)
        || unit.zh == "名"
        || unit.zh == "人";
    // The noun after the measure word: "54个贫困村" counts 贫困村.
    let mut after = String::new();
    // An ordinal's noun is often a long name ("第五批对口帮扶…县干部").
    let longest = if unit.quantity == Quantity::Ordinal {
        12
    } else {
        8
    };
    // A noun that ends within 12 characters is kept whole ("杭州第九批援疆
    // 干部人才", cut at 8 to 援疆干); a run of more, with no word that ends
    // it, is cut at `longest` as before.
    let mut ended = false;
    for (i, c) in text[unit_end..].char_indices().take(12) {
        // 全 starts 全部 or 全县 after a noun, but ends 安全 and 健全
        // inside one ("安全饮水").
        let next = text[unit_end + i + c.len_utf8()..].chars().next();
        let inside_word = (c == '全' && after.ends_with(['安', '健', '完', '齐', '保', '周']))
            // 对 ends a noun ("两省对口支援…") but not in 相对 or 绝对, nor
            // 达 in 发达 ("经济相对欠发达地区").
            || (c == '对' && after.ends_with(['相', '绝']))
            || (c == '达' && after.ends_with('发'))
            // 中 ends a noun as "in" (在…中), but begins 中学, 中心, 中医,
            // and right after the measure word any noun (中央单位, 中国).
            || (c == '中' && (i == 0 || next.is_some_and(|n| "学心医药小专央国华部".contains(n))))
            // 开 ends a noun before a verb (开工, 开通), but 开发 is a word
            // of names ("国家扶贫开发工作重点县").
            || (c == '开' && text[unit_end + i + c.len_utf8()..].starts_with('发'))
            // After an ordinal, 对口 (paired) begins the name of what is
            // counted ("第四次对口支援…座谈会"), and so it does right after
            // 个 ("16个对口县市"); but where a verb follows it, as in
            // "两省对口支援…" or "项目405个对口支援…", it begins what the
            // counted did.
            || (c == '对'
                && (unit.quantity == Quantity::Ordinal
                    || (i == 0
                        && unit.zh.ends_with('个')
                        && !["口支援", "口帮扶", "口援", "口协作"]
                            .iter()
                            .any(|v| text[unit_end + i + c.len_utf8()..].starts_with(v))))
                && text[unit_end + i + c.len_utf8()..].starts_with('口'));
        let rest = &text[unit_end + i..];
        // "援疆资金近40亿元": "nearly" or "about" before another number ends
        // it (not 超, which a noun may hold: "产值超千万元企业").
        let bound_of_next = "近约".contains(c)
            && next
                .is_some_and(|n| n.is_ascii_digit() || "一二三四五六七八九十两百千万".contains(n));
        // Right after the measure word any verb ends it; further on only
        // the stop words do, as a noun may hold a verb (社会组织, 培训基地).
        let verb = bound_of_next
            || NOUN_STOP_WORDS.iter().any(|w| rest.starts_with(w))
            || (i == 0 && VERBS.iter().any(|w| *w != "组织" && rest.starts_with(w)))
            // "带动36万多贫困人口脱贫。": 脱贫 that ends its clause is what
            // the counted did; 脱贫人口, 脱贫户 are nouns, and right after
            // the measure word ("实现11.4万人脱贫") it is all that names them.
            // "干部人才进藏工作": going somewhere ends a noun, but right
            // after the measure word ("6000人进藏工作") it is all that
            // names the counted.
            || (i > 0 && ["进京", "进藏", "进疆"].iter().any(|w| rest.starts_with(w)))
            || (i > 0 && rest.strip_prefix("脱贫").is_some_and(|r| {
                !r.starts_with(is_han) || ["致富", "摘帽", "出列"].iter().any(|w| r.starts_with(w))
            }));
        if !is_han(c) || (NOUN_STOPS.contains(c) && !inside_word) || verb {
            ended = true;
            break;
        }
        after.push(c);
    }
    if !ended
        && text[unit_end..]
            .chars()
            .nth(after.chars().count())
            .is_none_or(|c| !is_han(c))
    {
        // The clause ends right after the window: the noun ends with it.
        ended = true;
    }
    if !ended {
        after = after.chars().take(longest).collect();
    }
    let rest_after = &text[unit_end + after.len()..];
    // "近200名北京的团干部": people of a place are the people, after 的.
    if matches!(unit.id.as_str(), "person" | "person_time")
        && (1..=4).contains(&after.chars().count())
    {
        if let Some(more) = rest_after.strip_prefix('的') {
            let noun: String = more
                .char_indices()
                .take_while(|&(i, c)| {
                    is_han(c)
                        && !NOUN_STOPS.contains(c)
                        && !NOUN_STOP_WORDS.iter().any(|w| more[i..].starts_with(w))
                })
                .map(|(_, c)| c)
                .take(8)
                .collect();
            if noun.chars().count() >= 2 {
                after = format!("{after}的{noun}");
            }
        }
    }
    // "19个工业、农业园区": words listed after the measure word, the last
    // ending in the noun counted, are one noun (but "学校5所、医院3所"
    // lists figures, which hold numbers).
    else if !after.is_empty() {
        if let Some(more) = rest_after.strip_prefix('、') {
            let noun: String = more.chars().take_while(|&c| is_han(c)).take(8).collect();
            let ends_clause = more[noun.len()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '，' | ',' | '。' | '；' | ';'));
            if ends_clause && ends_with_noun(&noun) {
                after = format!("{after}、{noun}");
            }
        }
    }
    // "4个较为成熟的民生产业项目": a general measure word before words
    // that describe (a degree, 具有…, …性强) and end in 的 counts the noun
    // after the 的. Words that name a thing are what is counted, whatever
    // follows ("3个孩子的先心病", "12个经营主体的培育"), and a measure word
    // of one kind counts its kind ("800头牦牛的…协议").
    let describes = |words: &str| {
        [
            "较为", "比较", "非常", "十分", "特别", "最", "更", "很", "极具", "颇具", "毫不",
            "具有", "具备", "富有",
        ]
        .iter()
        .any(|w| words.starts_with(w))
            || ["强", "成熟", "重生"].iter().any(|w| words.ends_with(w))
    };
    if ["个", "项", "座", "所", "家", "处", "条"].contains(&unit.zh.as_str())
        && describes(&after)
        && !units::names_a_thing(&after)
    {
        if let Some(more) = rest_after.strip_prefix('的') {
            let noun: String = more
                .char_indices()
                .take_while(|&(i, c)| {
                    is_han(c)
                        && !NOUN_STOPS.contains(c)
                        && !NOUN_STOP_WORDS.iter().any(|w| more[i..].starts_with(w))
                })
                .map(|(_, c)| c)
                .take(8)
                .collect();
            if noun.chars().count() >= 2 {
                after = noun;
            }
        }
    }
    // A measure word that is itself the place counted ("9省市", "4县")
    // ends the noun: "今年东部9省市帮扶资金…" goes on with the provinces'
    // funds, another figure's noun.
    let place_unit =
        unit.zh.ends_with(['省', '市', '县', '村', '区', '镇']) || unit.zh.ends_with("市州");
    let after_ok = classifier && !place_unit && after.chars().count() >= 2;
    // "使21.51万人口受益": the counted are those who benefit, which is what
    // the figure says of them.
    if after_ok && text[unit_end + after.len()..].starts_with("受益") {
        return format!("受益{after}");
    }
    // "洱源、剑川、鹤庆、云龙、弥渡5县": the places a count of places
    // lists, one by one, are its label.
    if place_unit {
        if let Some(list) = listed_names(&text[..start - bound_prefix], value) {
            return list;
        }
    }
    // The words before the number, back to the start of the clause.
    let mut head = &text[..start - bound_prefix];
    // "新建学校（含大学）14所": an aside right before the number says more
    // of the noun before it, which names the figure.
    if let Some(inner) = head.trim_end().strip_suffix([')', '）']) {
        if let Some(open) = inner.rfind(['(', '（']) {
            head = &head[..open];
        }
    }
    // A closing bracket ends an aside ("（记者 王军）全国…"), and a space
    // after a Chinese character separates the clauses of a headline.
    let separates = |head: &str, i: usize, c: char| {
        matches!(
            c,
            ',' | '，'
                | '。'
                | '；'
                | ';'
                | '：'
                | ':'
                | '、'
                | '（'
                | '('
                | '）'
                | ')'
                | '！'
                | '》'
                | '【'
                | '】'
        ) || (matches!(c, ' ' | '\u{3000}') && char_before(head, i).is_some_and(is_han))
    };
    let clause_start_in = |head: &str| {
        head.char_indices()
            .rev()
            .find(|&(i, c)| separates(head, i, c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let mut clause_start = clause_start_in(head);
    // "派出干部、教师、医生等人才1883人次", "组织学校、医院结对120对": a
    // list of words with no figure in it is one noun with the words after
    // it, back to its first item. A list item with a figure of its own
    // ("学校5所、医院3家") is another figure's and ends it.
    // A clause that starts with a verb after the list ("采购、销售广西
    // 农产品") lists verbs, and is named by the noun after them.
    let starts_with_verb = |c: &str| VERBS.iter().chain(LEADING.iter()).any(|v| c.starts_with(v));
    while let Some(upto) = head[..clause_start]
        .strip_suffix('、')
        .filter(|_| !starts_with_verb(&head[clause_start..]))
        .map(str::len)
    {
        let prev = clause_start_in(&head[..upto]);
        let item = head[prev..upto].trim();
        // "采购、销售西部地区农产品": a list of verbs is what was done, and
        // the noun after the last one names the figure.
        if item.is_empty()
            || printed::numbers(item).iter().any(|n| {
                // 四川, 九江: a numeral in a name is no figure of the item.
                n.form == Form::Arabic
                    || n.percent
                    || item[..n.start].ends_with('第')
                    || units::unit_after(&item[n.end..]).is_some()
            })
            || VERBS.contains(&item)
            || LEADING.contains(&item)
        {
            break;
        }
        clause_start = prev;
    }
    let clause = head[clause_start..].trim();
    // Back to the last other figure of the clause, unless only a year or
    // a date stands between ("由2012年的16.8%"). Figures in words count
    // too: "三个省市对这八个县" starts this figure's words after 三个省市.
    let others = printed::numbers(clause);
    let last_figure = others
        .iter()
        .rev()
        .find(|n| {
            let after = &clause[n.end..];
            // A number in words is a figure only with its measure word: the
            // 十二五 of "“十二五”时期" names a plan.
            // Nor is a month, a day ("2016年6月的1名") or a generation
            // (“80后”干部1名): they are words of this figure's label.
            let date_or_generation = after.starts_with(['年', '月', '日', '号'])
                || (after.starts_with('后') && is_generation(n));
            // Nor is a number inside quotation marks, a name (全市“三支”人员).
            let quoted = inside_quotation(&clause[..n.start]);
            !date_or_generation
                && !quoted
                && (n.form == Form::Arabic || n.percent || units::unit_after(after).is_some())
        })
        .map_or(0, |n| n.end);
    let mut rest = &clause[last_figure..];
    // The other figure's own unit word is not this figure's label.
    if last_figure > 0 {
        if let Some((other, len)) = units::unit_after(rest) {
            rest = &rest[len..];
            // Nor is the noun it counts, when a conjunction joins the two:
            // "5个贫困县和120个贫困村" labels 120 with 贫困村 alone.
            if matches!(other.quantity, Quantity::Count) {
                let noun = rest
                    .find(|c: char| !is_han(c) || NOUN_STOPS.contains(c))
                    .unwrap_or(rest.len());
                if let Some(joined) = ["和", "与", "及", "、"]
                    .iter()
                    .find_map(|w| rest[noun..].strip_prefix(w))
                {
                    rest = joined;
                }
            }
        }
    }
    let clause_text = without_numbers(rest);
    // "对这八个县": the figure counts a group named before, which its own
    // words here do not name.
    let refers_back = ["这", "该", "这些", "上述"]
        .iter()
        .any(|w| clause_text.trim_end().ends_with(w));
    // "支援西藏和15个省": the words before a conjunction name another
    // thing, joined to this one, not this one.
    let joined = clause_text.trim_end().ends_with(['和', '与', '及', '、']);
    let mut before = if joined {
        String::new()
    } else {
        clause_text.trim().to_owned()
    };
    // "毕节市和黔南州的贫困发生率分别为…": the things before 的 are shared
    // out among the figures, one each, so only what follows names each.
    if clause_text.contains("分别") {
        if let Some(i) = before.rfind('的') {
            if before[i + '的'.len_utf8()..].chars().count() >= 2 {
                before = before[i + '的'.len_utf8()..].to_owned();
            }
        }
    }
    // "贫困发生率下降至1.54%": a figure a change reaches is the measure
    // itself, at its new level; the verb says how it got there.
    for to in ["至", "到"] {
        if let Some(b) = before.strip_suffix(to) {
            if let Some(v) = TO_LEVEL.iter().find(|v| b.ends_with(**v)) {
                before = b[..b.len() - v.len()].to_owned();
            }
        }
    }
    // The last verb taken off the end of the words, if any.
    let mut given_by: Option<&str> = None;
    loop {
        let was = before.clone();
        for w in LEADING {
            // "投入和引进帮扶资金": a verb joined to the next by 和 is part
            // of what names the figure.
            // "共建立": 共 and 建立, not 共建 and 立.
            let keep = |r: &str| {
                let joined = VERBS.contains(&w) && r.starts_with(['和', '与', '及']);
                let other_word = w == "共建" && r.starts_with(['立', '设']);
                !joined && !other_word
            };
            if let Some(rest) = before.strip_prefix(w).filter(|r| keep(r)) {
                before = rest.to_owned();
            }
            // 都 ("all") ends a clause before its number ("每年都有"), but
            // also the names of places (昌都, 首都, 京都), which keep it.
            if w == "都"
                && before
                    .strip_suffix('都')
                    .is_some_and(|b| b.ends_with(|c: char| "成昌首京古丰江花新宁".contains(c)))
            {
                continue;
            }
            if let Some(rest) = before.strip_suffix(w) {
                if VERBS.contains(&w) {
                    given_by = Some(w);
                }
                before = rest.to_owned();
            }
        }
        // A preposition or a demonstrative does not end a name: "对这八个县"
        // counts the counties named before. A year named by a word
        // ("去年2000多名医生") is a time, as a year in digits is, and
        // leaves whole: its 年 alone left "去".
        for w in [
            "去年", "今年", "明年", "当年", "同年", "每年", "由", "从", "为", "的", "是", "所有",
            "有", "达", "至", "年", "了", "了", "这些", "这", "该", "对", "向", "给", "和", "与",
            "及",
        ] {
            // The 对 of 结对 (paired) is part of the word: "市县结对20个".
            if w == "对" && before.ends_with("结对") {
                continue;
            }
            // A year kept as the base of a comparison keeps its 年 and 的:
            // "是2019年的".
            let kept_year = matches!(w, "年" | "的")
                && before
                    .trim_end_matches('的')
                    .strip_suffix('年')
                    .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
            if let Some(rest) = before.strip_suffix(w).filter(|_| !kept_year) {
                before = rest.to_owned();
            }
        }
        for w in ["年", "的", "了", "在", "是", "与"] {
            if let Some(rest) = before.strip_prefix(w) {
                before = rest.to_owned();
            }
        }
        if before == was {
            break;
        }
    }
    // "上海已累计投入近10亿元": with its verbs gone a sum's words name only
    // who gave it; the verb says what the sum is.
    if let Some(verb) = given_by.filter(|_| {
        unit.quantity == Quantity::Money
            && before.chars().count() >= 2
            && !before.ends_with(['金', '款', '费', '额', '资', '值', '入', '税', '出'])
    }) {
        before.push_str(verb);
    }
    // "帮扶了国家…重点县": what follows a verb's 了 is its object, which
    // the figure counts.
    if let Some(i) = before.rfind('了') {
        if before[i + '了'.len_utf8()..].chars().count() >= 2 {
            before = before[i + '了'.len_utf8()..].to_owned();
        }
    }
    // A long clause is cut after its last verb: "全省共安排财政性对口帮扶
    // 和支援资金" counts 财政性对口帮扶和支援资金.
    if before.chars().count() > 10 {
        let cut = VERBS
            .iter()
            .filter_map(|v| before.rfind(v).map(|i| i + v.len()))
            .filter(|&i| before[i..].chars().count() >= 2)
            .max();
        if let Some(i) = cut {
            before = before[i..].trim_start_matches('的').to_owned();
        }
    } else if last_figure > 0 {
        // A clause that goes on from another figure names this one after
        // its verb when a noun follows it: in "33个贫困县投入援助资金约56亿元"
        // the counties did the giving, and the sum is 投入援助资金; but in
        // "9省市帮扶资金已经拨付到位248.2亿元" the funds come first.
        let cut = VERBS
            .iter()
            .filter_map(|v| before.rfind(v).map(|i| (i, i + v.len())))
            .filter(|&(_, end)| ends_with_noun(&before[end..]))
            .max_by_key(|&(_, end)| end);
        if let Some((verb, _)) = cut {
            before = before[verb..].to_owned();
        }
    }
    // "向西部10个省区市": what follows 向 is whom the figure counts (after
    // the cut above, so that "向甘肃投入财政援助资金" stays the funds).
    // Not the 向 of a word (意向, 方向, 导向…): "采购意向金额" is the sum.
    if let Some(i) = before.rfind('向') {
        let in_word = before[..i].ends_with([
            '意', '方', '导', '走', '去', '倾', '动', '转', '趋', '志', '面',
        ]);
        if !in_word && before[i + '向'.len_utf8()..].chars().count() >= 2 {
            before = before[i + '向'.len_utf8()..].to_owned();
        }
    }
    // A count of places is named by what follows the last word that
    // leads to a place: "…对口帮扶西部11个省区市", "人才到东部4市".
    if place_unit {
        // "范围扩展为伊犁州直属所有10个县": 为 leads to them too.
        // "参与到对甘肃省34个县的对口帮扶": so does 对, but not the 对 of 对口.
        let cut = [
            "到", "在", "赴", "帮扶", "支援", "援助", "协作", "为", "运抵", "抵达", "落户", "对",
        ]
        .iter()
        .filter_map(|m| before.rfind(m).map(|i| i + m.len()))
        .filter(|&i| {
            !before[i..].starts_with('口')
                && !["相对", "绝对"].iter().any(|w| before[..i].ends_with(w))
        })
        .filter(|&i| before[i..].chars().count() >= 2)
        .max();
        if let Some(i) = cut {
            before = before[i..].to_owned();
        }
    }
    let before: String = {
        let chars: Vec<char> = before
            .chars()
            .filter(|&c| is_han(c) || c.is_ascii_digit() || matches!(c, '“' | '”' | '、'))
            .collect();
        let kept = &chars[word_start(&chars, 12)..];
        // A quotation mark whose pair was cut off quotes nothing.
        let paired = kept.iter().filter(|&&c| c == '“').count()
            == kept.iter().filter(|&&c| c == '”').count();
        kept.iter()
            .filter(|&&c| paired || (c != '“' && c != '”'))
            .collect()
    };
    // "伊犁、阿勒泰、塔城3个地区": as many names as the count, listed
    // before it, are the counted ones.
    if after_ok {
        if let Some(list) = listed_names(&text[..start - bound_prefix], value) {
            return format!("{list}{after}");
        }
    }
    // A list before the noun ("学校、医院等单位") is longer, and says
    // which ones.
    let short =
        before.chars().count() <= 6 || (before.contains('、') && before.chars().count() <= 12);
    if after_ok && short {
        return format!("{before}{after}");
    }
    if after_ok {
        return after;
    }
    // "提供1000万元援助款", "捐赠30万元慰问金": the money named right
    // after the amount, unless the words before already name it.
    if unit.quantity == Quantity::Money && !before.ends_with(['金', '款', '费']) {
        if let Some(noun) = money_noun(&text[unit_end..]) {
            return noun;
        }
    }
    if before.chars().count() >= 2 {
        return before;
    }
    if refers_back && classifier {
        // Only the measure word's own noun (县 of 八个县) names it here:
        // the caller asks the editor for a label, where the words after
        // the figure ("实施了…项目") would say what the group did instead.
        return String::new();
    }
    if place_unit {
        // What follows a count of places is what they did ("两省分别编制
        // 印发…"), never what they are: the caller asks the editor.
        return String::new();
    }
    // Nothing before the number names it ("、1人被表彰为先进个人"): the
    // words after it, to the end of the clause.
    // An aside in brackets is not part of it, nor are other figures.
    // "400多公里外的甲县…": how far away, or within how long, goes with
    // the figure; the label is what follows.
    let mut rest = &text[unit_end..];
    if matches!(unit.quantity, Quantity::Length | Quantity::Duration) {
        if let Some(r) = ["以外", "之外", "外", "以内", "之内", "内"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
        {
            rest = r;
        }
    }
    let tail: String = rest
        .trim_start_matches('的')
        .chars()
        .take_while(|&c| !matches!(c, ',' | '，' | '。' | '；' | ';' | '、' | '！' | '(' | '（'))
        .collect();
    let tail: Vec<char> = without_numbers(&tail)
        .chars()
        .filter(|&c| is_han(c))
        .collect();
    // Cut after 12 characters, or after a set term the cut would split; a
    // clause of up to 16 is kept whole, as a cut there often splits its
    // last word ("…投入援疆资" of 援疆资金).
    let cut = if tail.len() <= 16 {
        tail.len()
    } else {
        term_across(&tail, 12)
            .map_or(12, |(_, end)| end)
            .min(tail.len())
    };
    let mut tail: String = tail[..cut].iter().collect();
    // "…11批共3000多人次干部人才", "实现了脱贫": a leading word, and the
    // 了 after it, are no part of it.
    for w in LEADING {
        if let Some(rest) = tail.strip_prefix(w).filter(|r| r.chars().count() >= 2) {
            tail = rest.trim_start_matches('了').to_owned();
        }
        // "对口援藏资金达88亿": nor is the word that leads to the next number.
        if let Some(rest) = tail.strip_suffix(w).filter(|r| r.chars().count() >= 2) {
            tail = rest.to_owned();
        }
    }
    if tail.chars().count() >= 2 {
        return tail;
    }
    // Else the verb of the clause ("先后投入"), better than no label; but
    // words that only join a clause ("其中…达", "先后有") say nothing, and
    // the caller asks the editor instead.
    let verb: String = clause_text.chars().filter(|&c| is_han(c)).collect();
    let mut said = verb.as_str();
    loop {
        let was = said;
        for w in LEADING.iter().chain(["有", "为", "是", "至", "到"].iter()) {
            if !VERBS.contains(w) {
                said = said.strip_prefix(w).unwrap_or(said);
                said = said.strip_suffix(w).unwrap_or(said);
            }
        }
        if said == was {
            break;
        }
    }
    if said.is_empty() {
        String::new()
    } else {
        verb
    }
}

/// A number that became a figure, before its period is known.
struct Found {
    number: usize,
    /// Byte offset just past the printed figure in the sentence.
    end: usize,
    figure: Figure,
}

/// The figures of one sentence. Appends the numbers it did not take to
/// `skipped`.
pub fn figures(sentence: &Sentence, skipped: &mut Vec<Skipped>) -> Vec<Figure> {
    let text = sentence.text.as_str();
    let nums = printed::numbers(text);
    let mut used = vec![false; nums.len()];
    // The year of a periodical's issue ("新西部 2016年5期") dates the
    // issue, not an event: it is left out with the issue (see
    // `skip_reason`), before the years are read as events.
    for n in nums.iter().filter(|n| periodical_issue(text, n)) {
        let year = nums
            .iter()
            .position(|m| text.get(m.end..n.start) == Some("年"));
        if let Some(y) = year {
            used[y] = true;
            skipped.push(Skipped {
                line: sentence.line,
                text: text
                    .get(nums[y].start..n.start)
                    .unwrap_or_default()
                    .to_owned(),
                why: "the year of a periodical's issue",
            });
        }
    }
    let datings = datings(text, &nums, &mut used);
    let quotes = short_quotes(text);
    let mut found: Vec<Found> = Vec::new();
    let lost_digit = |n: &Number| char_before(text, n.start).is_some_and(|c| c == '?' || c == '？');

    for (k, n) in nums.iter().enumerate() {
        if used[k] {
            continue;
        }
        let in_quote = quotes.iter().any(|&(a, b)| n.start > a && n.end <= b);
        let shown: String = text[n.start..]
            .chars()
            .take(text[n.start..n.end].chars().count() + 1)
            .collect();
        if let Some(why) = skip_reason(text, n, in_quote, counted_alongside(text, &nums, k)) {
            skipped.push(Skipped {
                line: sentence.line,
                text: shown,
                why,
            });
            continue;
        }
        let before = &text[..n.start];
        let after = &text[n.end..];
        let ordinal = before.ends_with('第');
        // "企业投资首超千亿": an amount in 万 or 亿 with no unit word, said
        // of money, is in yuan; the editor is asked to check.
        let mut implied_yuan = false;
        // "两企业": a number in words right before the noun it counts, read
        // once for the unit and again for the label.
        let bare = (n.form == Form::Chinese && !n.scaled)
            .then(|| units::bare_noun(after))
            .flatten();
        // "送电10亿千瓦时": energy and volume have no quantity in the data
        // model; drafted as items, they were ten hundred million things.
        if !n.percent
            && ["千瓦时", "万千瓦", "千瓦", "兆瓦", "度电", "立方米"]
                .iter()
                .any(|w| after.starts_with(w))
        {
            skipped.push(Skipped {
                line: sentence.line,
                text: shown,
                why: "a unit of energy or volume, which the data model has no quantity for",
            });
            continue;
        }
        // The unit, from the word after the number.
        let (unit, unit_len) = if ordinal {
            let (unit, len) = units::ordinal_after(after);
            // "第六人民医院": a rank without a measure word, followed by
            // more words, is part of a name.
            if len == 0 && char_after(after, 0).is_some_and(is_han) {
                skipped.push(Skipped {
                    line: sentence.line,
                    text: shown,
                    why: "part of a name (第N followed by a name)",
                });
                continue;
            }
            (unit, len)
        } else if n.percent || n.fraction {
            (units::percent(), 0)
        } else if let Some((multiple, _)) = n.ratio.then(|| units::unit_after("倍")).flatten() {
            // "1∶1" compares two amounts: a multiple of one by the other.
            (multiple, 0)
        } else if after.starts_with('年') && n.value < 100.0 {
            (units::years(), '年'.len_utf8())
        } else {
            match units::unit_after(after) {
                // "帮扶项目320余个": a measure word that ends its clause
                // counts the noun before the number.
                Some((mut u, len))
                    if units::is_generic(&u.id) && !char_after(after, len).is_some_and(is_han) =>
                {
                    if let Some((id, en)) = units::noun_before(before) {
                        u.id = id;
                        u.en = en;
                    }
                    (u, len)
                }
                Some(u) => u,
                // "18万贫困人口": a number in 万 or 亿 often has no measure word.
                // "242亿扶贫投资订单": of money when its noun says so.
                None if n.scaled && char_after(after, 0).is_some_and(is_han) => {
                    let noun: String = after.chars().take_while(|&c| is_han(c)).take(6).collect();
                    // "产值从不到20亿攀升至…": or when the words before it say
                    // so, and those after name no people or households
                    // ("带动18万贫困人口" after a sum counts people).
                    let yuan = (["投资", "资金", "经费", "款"]
                        .iter()
                        .any(|w| noun.contains(w))
                        || (units::noun_unit(after).id == "item" && said_of_money(before)))
                    .then(|| units::unit_after("元"))
                    .flatten();
                    match yuan {
                        Some((yuan, _)) => {
                            implied_yuan = true;
                            (yuan, 0)
                        }
                        None => (units::noun_unit(after), 0),
                    }
                }
                None if bare.is_some() => {
                    bare.clone().unwrap_or_else(|| (units::noun_unit(after), 0))
                }
                None => {
                    if n.form == Form::Arabic && n.value == 0.0 && !n.scaled {
                        // "降至0": a share fallen to zero is a figure.
                        (units::percent(), 0)
                    } else if let Some(yuan) = n
                        .scaled
                        .then(|| said_of_money(before) || became_of_money(&found, text, n.start))
                        .filter(|&money| money)
                        .and_then(|_| units::unit_after("元"))
                    {
                        implied_yuan = true;
                        (yuan.0, 0)
                    } else {
                        skipped.push(Skipped {
                            line: sentence.line,
                            text: shown,
                            why: "no unit or measure word follows",
                        });
                        continue;
                    }
                }
            }
        };
        // "降至0" is a percent only after a percent in the same sentence.
        if n.value == 0.0
            && unit.id == "percent"
            && !n.percent
            && !found.iter().any(|f| f.figure.unit.id == "percent")
        {
            skipped.push(Skipped {
                line: sentence.line,
                text: shown,
                why: "a bare zero",
            });
            continue;
        }
        let mut value = if unit.id == "percent" && n.fraction {
            n.value * 100.0
        } else {
            n.value
        };
        // The bound words around the figure belong to its printed form.
        // 连续 ("连续四年", four years in a row) is kept too, as the page
        // shows it with the figure.
        // "上千人", "上万名": at least a round number written in words.
        let round = n.form == Form::Chinese && [100.0, 1000.0, 10000.0].contains(&n.value);
        let prefix = if ordinal {
            "第"
        } else {
            PRINTED_BEFORE
                .iter()
                .find(|p| before.ends_with(*p))
                .copied()
                .or((round && before.ends_with('上')).then_some("上"))
                .unwrap_or("")
        };
        // "近三年" is the last three years, not nearly three.
        let prefix = if prefix == "近" && unit.id == "years" {
            ""
        } else {
            prefix
        };
        let unit_end = n.end + unit_len;
        let mut end = unit_end;
        for suffix in ["以上", "以下", "以内", "左右", "多"] {
            if text[end..].starts_with(suffix) {
                end += suffix.len();
                break;
            }
        }
        // A duration "两年来", "3年以来", "20多年前" is printed with the
        // word that says from when, as the article says it.
        if unit.id == "years" {
            if let Some(since) = YEARS_SINCE.iter().find(|w| text[end..].starts_with(**w)) {
                end += since.len();
            }
        }
        let mut start = n.start - prefix.len();
        // A lost digit ("?00余人次", "？00余人次") stays in the printed
        // figure; the full-width mark is three bytes, not one.
        while let Some(c) = char_before(text, start).filter(|c| *c == '?' || *c == '？') {
            start -= c.len_utf8();
        }
        let read = printed::bound(prefix, &text[n.end..end], n.more);
        let bound = if ordinal {
            Bound::Exact
        } else if prefix == "上" && read == Bound::Exact {
            // "上千人": at least a round number. A bound word after it
            // ("上千公里左右") says more, and the validator reads that one.
            Bound::AtLeast
        } else {
            read
        };
        // "三个多小时": the 多 of the measure word bounds it too.
        let bound = if bound == Bound::Exact && unit.zh.contains('多') {
            Bound::AtLeast
        } else {
            bound
        };
        let printed_text = text[start..end].to_owned();
        let mut review = Vec::new();
        if lost_digit(n) {
            value = f64::NAN;
        }
        let mut label = label(text, n.start, end, &unit, prefix.len(), value);
        // "贫困发生率从46.86%下降到26.64%": the second figure is the
        // first one's measure at another time, so it takes its label.
        if let Some(first) = found.last().filter(|f| f.figure.unit.id == unit.id) {
            if first.end <= start && is_change(&text[first.end..start]) {
                label.clone_from(&first.figure.label);
            }
        }
        // "两企业": the noun that follows is what the figure counts, and
        // words after it ("对口援藏项目") are another figure's.
        if bare.as_ref().is_some_and(|(u, _)| u.zh == unit.zh) && !label.contains(unit.zh.as_str())
        {
            label.clone_from(&unit.zh);
        }
        // "五年规划", "三年行动框架协议": a plan's length, named by the plan
        // (the words before it are the plan's owner, or another clause).
        if unit.id == "years" {
            if let Some(plan) = ["规划", "计划", "行动"]
                .iter()
                .find(|w| text[end..].starts_with(**w))
            {
                label = format!("{}{plan}时长", &text[n.start..end]);
            }
        }
        // "从2017年的2000万元……到2018年的9152万元……再扩大到2019年的超过1亿元":
        // a figure whose own words say only how it follows another ("到的",
        // "扩大到") is the measure of the figure of its unit before it.
        if says_only_how_it_follows(&label) {
            match found
                .iter()
                .rev()
                .find(|f| f.figure.unit.id == unit.id && !f.figure.label.contains("（待定）"))
            {
                Some(earlier) => {
                    label.clone_from(&earlier.figure.label);
                    review.push("标签：沿用本句前一个同单位数字的标签，请核对".to_owned());
                }
                // "从3市13个县扩大到7市州": nothing before names it, and
                // "扩大到" is no label: the editor is asked.
                None => label.clear(),
            }
        }
        // "占规划总投资50亿元的85.6%": a share of a figure printed right
        // before it is named by what that figure is the total of.
        if label.chars().count() < 2 && unit.id == "percent" {
            if let Some(base) = found.last().filter(|f| {
                f.end <= start
                    && text[f.end..start].trim() == "的"
                    && f.figure.label.starts_with('占')
            }) {
                label.clone_from(&base.figure.label);
            }
        }
        // "分别下降至1.54%、0.68%": a figure listed right after another of
        // its unit, with no words of its own, is the same measure of
        // another thing the sentence names; the editor says which.
        if label.chars().count() < 2 {
            if let Some(prev) = found.last().filter(|f| {
                f.figure.unit.id == unit.id
                    && f.end <= start
                    && f.figure.label.chars().count() >= 2
                    && !f.figure.label.contains("（待定）")
                    && ["、", "和", "与", "及"].contains(&text[f.end..start].trim())
            }) {
                label.clone_from(&prev.figure.label);
                review.push("标签：沿用列举中前一个数字的标签，请写明各自是什么".to_owned());
            }
        }
        if implied_yuan {
            review.push("单位：原文未写“元”，按元计入，请核对".to_owned());
        }
        if n.ratio {
            review.push("比例：请在标签中写明是什么与什么之比".to_owned());
        } else if unit.quantity == Quantity::Multiple {
            // "增长3倍" is read as three times or as four times as much by
            // different writers; only the editor can say which is meant.
            review.push(
                "倍数：请在标签中写明是什么的几倍（“增长3倍”可能指原来的3倍或4倍）".to_owned(),
            );
        }
        let label = if label.chars().count() < 2 && unit.quantity == Quantity::Duration {
            review.push("时长：请写明是什么的时长".to_owned());
            "时长".to_owned()
        } else if label.chars().count() < 2 {
            review.push("标签未能从原文确定，请填写".to_owned());
            // "68个县" asks for the label of 县, not of 个县.
            format!("{}（待定）", unit.zh.strip_prefix('个').unwrap_or(&unit.zh))
        } else {
            label
        };
        found.push(Found {
            number: k,
            end,
            figure: Figure {
                value: value.is_finite().then_some(value),
                unit,
                bound,
                period: Period::Undated,
                printed: printed_text,
                source: text.to_owned(),
                source_hant: sentence.original.clone(),
                label,
                line: sentence.line,
                review,
            },
        });
    }

    // "累计选派10批877名干部人才", "派遣支教教师14批917人次", "举办培训班
    // 12期600人次": batches, courses or sessions printed right before a
    // count of people are those people's, so the noun one of the two
    // names is the other's too. (Other counts side by side count other
    // things: "18个乡镇138个村", "2245户8564人".)
    for i in 1..found.len() {
        let (head, tail) = found.split_at_mut(i);
        let (first, second) = (&mut head[i - 1], &mut tail[0]);
        // "11批共3000多人次": a 共 between changes nothing.
        let between = text[first.end..].trim_start_matches(['共', '计']);
        // "分10批选派657名干部人才": a verb between changes nothing either.
        let between = VERBS
            .iter()
            .find_map(|v| between.strip_prefix(v))
            .unwrap_or(between);
        let unnamed = |f: &Figure| f.label.contains("（待定）") || f.label.chars().count() < 2;
        // "农户9404户3.29万人": people counted right after households, with
        // no word of their own, are the people of those households.
        if first.figure.unit.id == "household"
            && second.figure.unit.id == "person"
            && between.starts_with(&second.figure.printed)
            && unnamed(&second.figure)
            && !unnamed(&first.figure)
        {
            let people = if first.figure.label.ends_with('户') {
                "人口"
            } else {
                "人数"
            };
            second.figure.label = format!("{}{people}", first.figure.label);
            second.figure.review.retain(|r| !r.starts_with("标签未能"));
            second
                .figure
                .review
                .push("标签：按前面的户数命名（这些户的人口），请核对".to_owned());
            continue;
        }
        // "7大类491种特色农产品", "9大类19个项目": categories of what the
        // count after them counts.
        let categories = first.figure.unit.id == "category";
        if !(categories
            || matches!(
                first.figure.unit.id.as_str(),
                "batch" | "course" | "session"
            ) && matches!(second.figure.unit.id.as_str(), "person" | "person_time"))
            || !between.starts_with(&second.figure.printed)
        {
            continue;
        }
        // The noun after 名 or 人 names the people ("877名干部人才"); what
        // follows 人次 is what they did ("120人次到岗"), so there the
        // batches' label names them.
        let people_named_after = (categories || second.figure.unit.id == "person")
            && !unnamed(&second.figure)
            && text[second.end..].starts_with(&second.figure.label);
        if people_named_after {
            first.figure.label.clone_from(&second.figure.label);
        } else if !unnamed(&first.figure) {
            second.figure.label.clone_from(&first.figure.label);
            second.figure.review.retain(|r| !r.starts_with("标签未能"));
        }
    }

    // "完成地区生产总值1400亿元，实现工业增加值650亿元，地方财政收入127亿元，
    // 同比分别增长18%、24%、65.2%": figures listed after 分别 go one each,
    // in order, with as many figures of another unit right before them, and
    // are named by those figures' labels and the words of their own clause.
    let start_of = |f: &Found| f.end - f.figure.printed.len();
    let mut i = 0;
    while i < found.len() {
        let mut j = i + 1;
        while j < found.len()
            && found[j].figure.unit.id == found[i].figure.unit.id
            && ["、", "和", "及", "与"]
                .contains(&text[found[j - 1].end..start_of(&found[j]).max(found[j - 1].end)].trim())
        {
            j += 1;
        }
        let k = j - i;
        let head = &text[..start_of(&found[i])];
        let clause = head
            .rfind(['，', ',', '；', ';', '：'])
            .map_or(head, |at| &head[at..]);
        // A comparison's base year stays in the words ("分别比1994年增长").
        let words: String = clause
            .replace("分别", "")
            .chars()
            .filter(|&c| is_han(c) || c.is_ascii_digit())
            .collect();
        let han_words = words.chars().filter(|&c| is_han(c)).count();
        let named = |f: &Found| {
            f.figure.unit.id != found[i].figure.unit.id
                && f.figure.label.chars().count() >= 2
                && !f.figure.label.contains("（待定）")
        };
        // "接待游客5098.6万人次，同比增长44.2%": one change right after the
        // figure it is of, in the next clause, is named by it too.
        let one_change = k == 1
            && i >= 1
            && ["增长", "下降", "增加", "减少", "提高"]
                .iter()
                .any(|w| words.ends_with(w))
            && text
                .get(found[i - 1].end..start_of(&found[i]))
                .is_some_and(|between| {
                    between
                        .chars()
                        .filter(|&c| is_han(c) || c.is_ascii_digit())
                        .eq(words.chars())
                });
        if (one_change || (k >= 2 && clause.contains("分别")))
            && i >= k
            && (1..=6).contains(&han_words)
            && found[i - k..i].iter().all(named)
        {
            // One change keeps its own label's words ("比2010年增长", whose
            // year the characters above leave out).
            let said = if one_change {
                found[i].figure.label.clone()
            } else {
                words
            };
            let labels: Vec<String> = found[i - k..i]
                .iter()
                .map(|f| format!("{}{said}", f.figure.label))
                .collect();
            for (f, label) in found[i..j].iter_mut().zip(labels) {
                f.figure.label = label;
                f.figure.review.retain(|r| !r.starts_with("标签"));
                f.figure
                    .review
                    .push("标签：按前面的数字命名（“分别”依次对应），请核对".to_owned());
            }
        } else if k >= 2 && clause.contains("分别") {
            // "核桃、花椒和苹果产值稳步提升，今年分别增长12%、8%、5.5%":
            // with no figures before them, as many names listed in the
            // clause before go one each, with the measure they share.
            let earlier = &head[..head.len() - clause.len()];
            let change = ["增长", "下降", "增加", "减少", "提高", "达到", "为"]
                .iter()
                .find(|w| words.ends_with(**w))
                .map(|w| (*w).to_owned())
                .or_else(|| (han_words <= 6).then(|| words.clone()));
            if let (Some((names, shared)), Some(change)) = (names_listed(earlier, k), change) {
                for (f, name) in found[i..j].iter_mut().zip(names) {
                    f.figure.label = format!("{name}{shared}{change}");
                    f.figure.review.retain(|r| !r.starts_with("标签"));
                    f.figure
                        .review
                        .push("标签：按前文列举的名称命名（“分别”依次对应），请核对".to_owned());
                }
            }
        }
        i = j;
    }

    // "广西、贵州各20个": one printed figure for each item of the list.
    let mut expanded = Vec::new();
    for f in found {
        let n = &nums[f.number];
        let pre = &text[..n.start];
        if pre.ends_with('各') {
            let head = &pre[..pre.len() - '各'.len_utf8()];
            let clause_start = head
                .char_indices()
                .rev()
                .find(|&(_, c)| matches!(c, ',' | '，' | '。' | '；' | '：' | '（'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let list = &head[clause_start..];
            let items: Vec<&str> = list
                .split(['、', '和', '与', '及'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if items.len() >= 2 {
                let noun = f.figure.label.clone();
                for item in items {
                    let mut g = f.figure.clone();
                    // Each item's figure is printed with its 各 ("各20个"), as
                    // the article prints it: "20个" alone would say the list
                    // holds twenty in all.
                    g.printed = format!("各{}", f.figure.printed);
                    g.label = format!(
                        "{item}{}",
                        if noun.contains(item) {
                            ""
                        } else {
                            noun.as_str()
                        }
                    );
                    g.review.push(format!(
                        "原文“各”：一个数字记为{}项，请核对每项的标签",
                        list.split(['、', '和', '与', '及']).count()
                    ));
                    expanded.push((f.number, g));
                }
                continue;
            }
        }
        expanded.push((f.number, f.figure));
    }

    // Periods: a year right before a figure ("2012年的16.8%") dates it; the
    // other years and periods date the figures after them in the sentence.
    let mut out = Vec::new();
    // The year of the figure before, where a year right before it dated it
    // alone, and where that figure's number ended.
    let mut before: Option<(&Dating, usize)> = None;
    // Which number each figure is, to look at the next one's.
    let numbers: Vec<usize> = expanded.iter().map(|&(k, _)| k).collect();
    for (x, (k, mut figure)) in expanded.into_iter().enumerate() {
        let at = nums[k].start;
        let own = datings
            .iter()
            .find(|d| d.of_next && d.end < at && only_of_and_bounds(&text[d.end..at]))
            // "从2016年的300万元、4个项目": a figure listed right after one
            // that its own year dates is of that year too.
            .or_else(|| {
                before
                    .filter(|&(_, end)| end <= at && lists_the_next(&text[end..at]))
                    .map(|(d, _)| d)
            });
        before = own.map(|d| (d, nums[k].end));
        // A start year ("自1995年…以来") does not date what was reached since.
        let general = datings
            .iter()
            .rev()
            .find(|d| !d.of_next && !d.since && d.start < at);
        // "2021年，每村资金从600多万元提高至近4200万元": the level a change
        // starts from is not of the year the sentence reports, which the
        // change reached; the article does not say when it stood there.
        let starts_a_change = text[..at].trim_end().ends_with(['从', '由'])
            && numbers.get(x + 1).is_some_and(|&next| {
                text.get(nums[k].end..nums[next].start)
                    .is_some_and(|between| changes_into(between, &figure.unit.zh))
            });
        let general = general.filter(|d| !(starts_a_change && matches!(d.period, Period::Year(_))));
        figure.period = own.or(general).map_or(Period::Undated, |d| d.period);
        out.push((at, figure));
    }
    // The events: years that are figures themselves (for a timeline).
    let any_other = !out.is_empty();
    for d in &datings {
        if d.event
            || (!any_other
                && !d.of_next
                && !d.date
                && matches!(d.period, Period::Year(_) | Period::Span(..))
                && !d.printed.starts_with('十'))
        {
            let first = d.period.start().map(f64::from);
            out.push((
                d.start,
                Figure {
                    value: first,
                    unit: units::calendar_year(),
                    bound: Bound::Exact,
                    period: d.period,
                    printed: d.printed.clone(),
                    source: text.to_owned(),
                    source_hant: sentence.original.clone(),
                    label: event_label(text, d),
                    line: sentence.line,
                    review: vec![
                        "年份：保留为时间线上的事件，或仅作其他数字的年份而删去".to_owned()
                    ],
                },
            ));
        }
    }
    out.sort_by_key(|&(at, _)| at);
    out.into_iter().map(|(_, f)| f).collect()
}

/// The words before a number that belong to its printed figure: its bound
/// ("超过1亿元", "不到50亿") and 连续 ("连续四年", four years in a row, which
/// the page shows with the figure).
const PRINTED_BEFORE: [&str; 14] = [
    "连续",
    "不超过",
    "将近",
    "接近",
    "大约",
    "超过",
    "不到",
    "不足",
    "至少",
    "最多",
    "逾",
    "近",
    "约",
    "超",
];

/// The words that bound a figure printed before its number ("超过1亿元").
const BOUND_WORDS: [&str; 8] = ["超过", "多达", "超", "逾", "近", "约", "达", "共"];

/// What is left of `words` once the words that bound a figure are taken
/// from its start.
fn without_bound_words(words: &str) -> &str {
    let mut rest = words.trim();
    while let Some(shorter) = BOUND_WORDS.iter().find_map(|w| rest.strip_prefix(w)) {
        rest = shorter.trim();
    }
    rest
}

/// Whether the words between a year and a number ("的", "的超过") make
/// the year that number's own: "2019年的超过1亿元".
fn only_of_and_bounds(gap: &str) -> bool {
    gap.chars().count() <= 2
        || gap
            .strip_prefix('的')
            .is_some_and(|rest| without_bound_words(rest).is_empty())
}

/// Whether the words after one number and before the next list the next
/// figure beside it: the first one's unit, then 、, 和, 与 or 及 ("2000万元、
/// 6个项目").
fn lists_the_next(between: &str) -> bool {
    between
        .split_once(['、', '和', '与', '及'])
        .is_some_and(|(unit, rest)| {
            let unit = unit.trim();
            (1..=3).contains(&unit.chars().count())
                && unit.chars().all(is_han)
                && without_bound_words(rest).is_empty()
        })
}

/// Whether the words after one number and before the next ("万元提高至近")
/// say that the first figure, in `unit`, became the second.
fn changes_into(between: &str, unit: &str) -> bool {
    let rest = between.trim_start_matches(['万', '亿', '千', '百', '多', '余']);
    let rest = rest.strip_prefix(unit).unwrap_or(rest);
    is_change(without_bound_words_at_end(
        rest.trim_start_matches(['多', '余']),
    ))
}

/// Whether a label holds nothing but words that link a figure to the one
/// before it: a change ("扩大到"), a preposition ("到的").
fn says_only_how_it_follows(label: &str) -> bool {
    if label.is_empty() || label.contains("（待定）") {
        return false;
    }
    let mut rest = label.to_owned();
    for w in [
        "扩大", "扩展", "增加", "增长", "提高", "提升", "调整", "上升", "下降", "降低", "减少",
        "以来", "跃升", "攀升",
    ] {
        rest = rest.replace(w, "");
    }
    // Not 和, 与 or 及: "占比达83%和92%" gives two shares of two things.
    // And a change alone ("增长") is a growth figure's own label: only one
    // that leads to another figure ("扩大到", "到的") follows it.
    rest.chars().all(|c| "到的从由在为是再又至达了".contains(c))
        && label.contains(['到', '至', '的', '从', '由'])
}

/// Whether the words between two figures say that the first became the
/// second: "下降到", "增长到2017年的", "增至".
pub(crate) fn is_change(between: &str) -> bool {
    const CHANGES: [&str; 32] = [
        "下降到",
        "下降至",
        "降到",
        "降至",
        "降低到",
        "降低至",
        "减少到",
        "减少至",
        "减至",
        "增长到",
        "增长至",
        "增加到",
        "增加至",
        "增至",
        "提高到",
        "提高至",
        "提升到",
        "提升至",
        "上升到",
        "上升至",
        "扩大到",
        "扩大至",
        "调整到",
        "调整至",
        "扩展到",
        "扩展至",
        "跃升到",
        "跃升至",
        "飙升到",
        "飙升至",
        "攀升到",
        "攀升至",
    ];
    let words: String = without_numbers(between)
        .chars()
        .filter(|&c| is_han(c) && c != '的')
        .collect();
    CHANGES.contains(&words.as_str())
}

/// The label of an event year: the clause it stands in, shortened.
fn event_label(text: &str, d: &Dating) -> String {
    let rest = text[d.end..].trim_start_matches([',', '，', '的', '以', '来', ' ']);
    // "2014年起…", "1995年开始…": the word that says the year starts
    // something is the year's, not the event's (but 起草 is a verb).
    let rest = rest
        .strip_prefix("开始")
        .or_else(|| {
            rest.strip_prefix('起')
                .filter(|r| !r.starts_with(['草', '诉', '义', '步', '点']))
        })
        .unwrap_or(rest)
        .trim_start_matches([',', '，', ' ']);
    let clause: String = rest
        .chars()
        .take_while(|&c| !matches!(c, ',' | '，' | '。' | '；' | ';' | '！' | '!'))
        .collect();
    let chars: Vec<char> = without_numbers(&clause)
        .chars()
        .filter(|&c| is_han(c))
        .collect();
    // A clause of up to 16 characters is kept whole, as a cut at twelve
    // often splits its last word (…全部达标退 of 退出). A longer one with
    // no word boundary near the cut ends after the last noun it holds
    // instead ("…援藏项目援藏资" of 援藏资金).
    let mut end = if chars.len() <= 16 {
        chars.len()
    } else {
        word_end(&chars, 12)
    };
    if end == 12 && chars.len() > 16 {
        if let Some(noun_end) = (6..12).rev().find(|&i| {
            let head: String = chars[..i].iter().collect();
            ends_with_noun(&head)
                || ["园", "馆", "站", "厂", "制度", "机制", "关系"]
                    .iter()
                    .any(|n| head.ends_with(n))
        }) {
            end = noun_end;
        }
    }
    let after: String = chars[..end].iter().collect();
    if after.chars().count() >= 2 {
        format!("{after}（年份）")
    } else {
        "年份（待定）".to_owned()
    }
}

/// The `count` names listed in the last clause of `before` ("甲县核桃、花椒和
/// 苹果产值稳步提升"), and the measure they share right after the last one
/// (产值), if that clause lists exactly so many: the names a run of figures
/// after 分别 goes with, one each. The first item carries the words that
/// lead to the list; its name is as long as the longest of the others.
fn names_listed(before: &str, count: usize) -> Option<(Vec<String>, String)> {
    const MEASURES: [&str; 14] = [
        "产量",
        "产值",
        "增加值",
        "收入",
        "销售额",
        "营收",
        "利润",
        "面积",
        "人数",
        "规模",
        "总量",
        "价格",
        "数量",
        "投资",
    ];
    let trimmed = before.trim_end_matches([',', '，', ' ']);
    let clause = &trimmed[trimmed
        .rfind(['，', ',', '；', ';', '：', '。'])
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        })..];
    let mut items: Vec<&str> = clause.split('、').collect();
    if items.len() + 1 == count {
        let last = items.pop()?;
        let (a, b) = ["和", "及", "与"].iter().find_map(|w| last.split_once(w))?;
        items.push(a);
        items.push(b);
    }
    if items.len() != count || count < 2 {
        return None;
    }
    let is_name = |w: &str| (1..=4).contains(&w.chars().count()) && w.chars().all(is_han);
    let middle = &items[1..count - 1];
    if !middle.iter().all(|w| is_name(w)) {
        return None;
    }
    let longest = middle.iter().map(|w| w.chars().count()).max().unwrap_or(2);
    let first: String = {
        let chars: Vec<char> = items[0].chars().filter(|&c| is_han(c)).collect();
        chars[chars.len().saturating_sub(longest)..]
            .iter()
            .collect()
    };
    let last = items[count - 1];
    let (name, shared) = match MEASURES
        .iter()
        .filter_map(|m| last.find(m).map(|at| (at, *m)))
        .min()
    {
        Some((at, measure)) => (&last[..at], measure),
        None => (last, ""),
    };
    if !is_name(&first) || !is_name(name) {
        return None;
    }
    let names = std::iter::once(first)
        .chain(middle.iter().map(|w| (*w).to_owned()))
        .chain(std::iter::once(name.to_owned()))
        .collect();
    Some((names, shared.to_owned()))
}

/// Whether the number at `start` is what a sum found just before it
/// became ("产值从不到20亿攀升至300多亿"): a sum too, though the words
/// right before it no longer say so.
fn became_of_money(found: &[Found], text: &str, start: usize) -> bool {
    found.last().is_some_and(|f| {
        f.figure.unit.quantity == Quantity::Money
            && text
                .get(f.end..start)
                .is_some_and(|between| is_change(without_bound_words_at_end(between)))
    })
}

/// `words` without the words that bound a figure at their end ("飙升至近").
fn without_bound_words_at_end(words: &str) -> &str {
    let mut rest = words.trim_end();
    while let Some(shorter) = BOUND_WORDS.iter().find_map(|w| rest.strip_suffix(w)) {
        rest = shorter.trim_end();
    }
    rest
}

/// Whether the words just before a number speak of money: "企业投资首超千亿"
/// is an investment, so its 千亿 is in yuan.
fn said_of_money(before: &str) -> bool {
    const MONEY: [&str; 12] = [
        "投资",
        "资金",
        "捐",
        "金额",
        "产值",
        "收入",
        "销售额",
        "营业额",
        "经费",
        "拨付",
        "投入",
        "税",
    ];
    let chars: Vec<char> = before.chars().collect();
    let near: String = chars[chars.len().saturating_sub(10)..].iter().collect();
    MONEY.iter().any(|w| near.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(text: &str) -> Vec<Figure> {
        let mut skipped = Vec::new();
        sentences(text)
            .into_iter()
            .flat_map(|s| {
                figures(
                    &Sentence {
                        line: 1,
                        text: s,
                        original: None,
                    },
                    &mut skipped,
                )
            })
            .collect()
    }

    fn values(text: &str) -> Vec<(f64, Bound, String)> {
        draft(text)
            .into_iter()
            .map(|f| (f.value.unwrap_or(f64::NAN), f.bound, f.printed))
            .collect()
    }

    #[test]
    fn figures_with_their_bounds() {
        assert_eq!(
            values("累计投入资金超过670亿元，实施项目4400多个，带动约18万人增收。"),
            vec![
                (67_000_000_000.0, Bound::AtLeast, "超过670亿元".to_owned()),
                (4400.0, Bound::AtLeast, "4400多个".to_owned()),
                (180_000.0, Bound::Approx, "约18万人".to_owned()),
            ]
        );
        assert_eq!(values("贫困发生率降至3%以下。")[0].1, Bound::AtMost);
        let d = crate::draft("贫困发生率降至3%以下。");
        let indicators = crate::files(&d)
            .into_iter()
            .find(|(name, _)| name == "indicators.toml")
            .map(|(_, text)| text)
            .unwrap_or_default();
        assert!(
            indicators.contains("qualifier = \"at_most\""),
            "an upper bound is written as at_most:\n{indicators}"
        );
        assert_eq!(values("不到1/4的村通了路。")[0].0, 25.0);
        // An amount in 亿 without 元, said of money, is in yuan, marked.
        let f = draft("东西扶贫协作企业投资首超千亿。");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].value, f[0].bound, f[0].unit.id.as_str()),
            (Some(1e11), Bound::AtLeast, "yuan")
        );
        assert!(
            f[0].review.iter().any(|r| r.contains("元")),
            "{:?}",
            f[0].review
        );
        assert!(draft("全县人口首超十万。").is_empty());
        // A number in words right before a noun it counts, with no
        // measure word between, is a count of that noun.
        let f = draft("接受四省市、两企业对口援藏项目3842个。");
        let firms = f.iter().find(|f| f.printed == "两企业").expect("两企业");
        assert_eq!(
            (firms.value, firms.unit.id.as_str(), firms.label.as_str()),
            (Some(2.0), "enterprise", "企业")
        );
        // So is one whose noun after it is money.
        let f = draft("两地签下242亿扶贫投资订单。");
        assert_eq!(
            (
                f.len(),
                f[0].unit.id.as_str(),
                f[0].review.iter().any(|r| r.contains("元"))
            ),
            (1, "yuan", true)
        );
        // A sum a change starts from, said of money before it, and what
        // it rose to, are both in yuan; people counted after an
        // investment are people.
        let f = draft("全县工业产值从不到20亿攀升至300多亿，企业投资带动约5万贫困人口增收。");
        assert_eq!(
            f.iter()
                .map(|f| (f.printed.as_str(), f.unit.id.as_str(), f.label.as_str()))
                .collect::<Vec<_>>(),
            [
                ("不到20亿", "yuan", "全县工业产值"),
                ("300多亿", "yuan", "全县工业产值"),
                ("约5万", "person", "企业投资贫困人口增收"),
            ]
        );
        // A ratio is a multiple of one amount by another, marked.
        let f = draft("社会帮扶的款物与政府援助的额度达到了1∶1。");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].value, f[0].printed.as_str()), (Some(1.0), "1∶1"));
        assert!(
            f[0].review.iter().any(|r| r.contains("比例")),
            "{:?}",
            f[0].review
        );
        // A multiple is a figure, drafted for the editor to say of what.
        let f = draft("销售额是2019年的1.3倍。");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].value, f[0].unit.quantity),
            (Some(1.3), Quantity::Multiple)
        );
        assert!(
            f[0].review.iter().any(|r| r.contains("倍数")),
            "{:?}",
            f[0].review
        );
        assert_eq!(values("帮助九项工程、四省区和两省区。").len(), 3);
        // Hours and months after a measure word, its 多 a lower bound;
        // pairs where 对 ends the clause, never the 对 of "1对1".
        let f = draft("走了三个多小时，工期18个月，结对216对，结成1对1帮扶对子。");
        let got: Vec<(&str, &str, Bound)> = f
            .iter()
            .map(|f| (f.printed.as_str(), f.unit.id.as_str(), f.bound))
            .collect();
        assert_eq!(
            got,
            [
                ("三个多小时", "hour", Bound::AtLeast),
                ("18个月", "month", Bound::Exact),
                ("216对", "pair", Bound::Exact),
            ]
        );
        // 家 counts bodies, never the places named after them.
        let f = draft("37家中央单位共采购帮扶县农副产品2亿元。");
        assert_eq!(f[0].unit.id, "organisation");
        // Two ordinals sharing one 第 count nothing; a rank listed before
        // another rank is a rank.
        assert!(values("省第八、九批工作队完成轮换。").is_empty());
        assert_eq!(values("排名全国第三、增量全国第一。").len(), 2);
        // A length of schooling that names a school is no figure.
        assert_eq!(values("新建1所九年一贯制中学。").len(), 1);
        // Sums in Hong Kong dollars or euros are never yuan.
        let f = draft("出资逾100亿港元，另拨款5000万欧元。");
        let units: Vec<&str> = f.iter().map(|f| f.unit.id.as_str()).collect();
        assert_eq!(units, ["hk_dollar", "euro"]);
        // Volumes are counted; people named after a scaled number are
        // people.
        let f = draft("捐赠110万册课外书籍，惠及30余万百姓。");
        let units: Vec<&str> = f.iter().map(|f| f.unit.id.as_str()).collect();
        assert_eq!(units, ["volume", "person"]);
        // A percent is never a date: its full stop lost its space.
        assert_eq!(values("降至5.45%.2019年起不再统计。")[0].0, 5.45);
        // 省市 and 省区市 are units of their own, each shown with its word.
        let f = draft("东部15个省市帮扶西部11个省区市。");
        let units: Vec<(&str, &str)> = f
            .iter()
            .map(|f| (f.unit.id.as_str(), f.unit.zh.as_str()))
            .collect();
        assert_eq!(
            units,
            [
                ("province_city", "个省市"),
                ("province_region_city", "个省区市")
            ]
        );
    }

    #[test]
    fn dates_names_and_slogans_are_not_figures() {
        for text in [
            "新华社兰州10月17日电 8月27日，5G基站和G318国道通了。",
            "COVID-19疫情期间，“两不愁三保障四个好”和“1+1”模式。",
            "这是一个重点工作，在一线。",
            "建成数十个基地、几百亩茶园。",
            "千家万户都用上了天然气，千山万水挡不住。",
            // A copied page's list of its most read articles.
            "更多 24小时排行榜",
            // A number of digits, and units the data model cannot hold.
            "甲县生产总值保持两位数增长。",
            "今年计划向东部送电12亿千瓦时，供水3000万立方米。",
        ] {
            assert!(values(text).is_empty(), "{text}");
        }
        assert_eq!(
            values("带动上千人就业。"),
            vec![(1000.0, Bound::AtLeast, "上千人".to_owned())]
        );
        // 一批 is "a number of", even beside batches counted in figures;
        // "80年代" is a decade, not eighty years.
        assert_eq!(
            values("建成一批示范村，先后派出3批医生。"),
            vec![(3.0, Bound::Exact, "3批".to_owned())]
        );
        assert!(values("上世纪80年代，这里开始植树。").is_empty());
        assert!(values("对口支援西藏和四省藏区。").is_empty());
        // 上 is "at least" unless a bound word after the figure says more,
        // as the validator reads it.
        assert_eq!(
            values("线路长达上千公里左右。"),
            vec![(1000.0, Bound::Approx, "上千公里左右".to_owned())]
        );
        // A digit the copy lost, marked by a full-width question mark,
        // stays in the printed figure and leaves the value unknown (inside
        // a quotation, where the mark does not end the sentence).
        let f = draft("他说：“今年全县共帮扶群众？00余人次，效果明显。”");
        assert_eq!(
            (f.len(), f[0].printed.as_str(), f[0].value),
            (1, "？00余人次", None)
        );
        // A number of years keeps the word that says from when.
        assert_eq!(
            values("20多年前这里没有一家企业。"),
            vec![(20.0, Bound::AtLeast, "20多年前".to_owned())]
        );
    }

    #[test]
    fn a_page_s_header_is_not_the_article() {
        // A reader counter and a periodical's issue, as a copied page
        // gives them; the same words in prose are figures.
        for text in [
            "发布时间:2020-06-09 来源:人民网 作者:杨晓冉 点击:273次",
            "阅读： 1.2万",
            "新西部 2016年5期",
        ] {
            assert!(values(text).is_empty(), "{text}: {:?}", values(text));
        }
        assert_eq!(
            values("直播浏览量达500万人次。")
                .into_iter()
                .map(|v| v.0)
                .collect::<Vec<_>>(),
            vec![5_000_000.0]
        );
        assert_eq!(
            values("2016年举办培训班5期。")
                .into_iter()
                .map(|v| v.2)
                .collect::<Vec<_>>(),
            vec!["5期".to_owned()]
        );
    }

    #[test]
    fn one_among_counts_of_the_same_thing_is_a_count() {
        let printed = |text: &str| values(text).into_iter().map(|v| v.2).collect::<Vec<_>>();
        assert_eq!(
            printed("北京对口帮扶四个县，天津对口帮扶三个县，安徽对口帮扶一个县。"),
            ["四个县", "三个县", "一个县"]
        );
        // An article beside a count of another thing, or of a thing the
        // units do not know, stays an article.
        assert_eq!(printed("建成3个项目，是一个县的大事。"), ["3个"]);
        assert_eq!(printed("完成3个任务，是一个重要突破。"), ["3个"]);
    }

    #[test]
    fn periods_and_events() {
        let f = draft("“十三五”期间，共安排资金19.2亿元。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].period, Period::Span(2016, 2020));
        let f = draft("“十二五”期间，投入5亿元。");
        assert_eq!(f[0].period, Period::Span(2011, 2015));
        let f = draft("2011年至2015年，投入5亿元。");
        assert_eq!(
            f.iter().map(|f| f.period).collect::<Vec<_>>(),
            vec![Period::Span(2011, 2015); 2]
        );
        let f = draft("2016年该区投入80万元。");
        assert_eq!(f.len(), 1, "a year inside a clause only dates it");
        assert_eq!(f[0].period, Period::Year(2016));
        let f = draft("贫困发生率由2012年的16.8%降至0。");
        assert_eq!(f[0].period, Period::Year(2012));
        // A start year is an event, and does not date what was reached since.
        let f = draft("自1995年对口支援以来，累计投入资金5亿元。");
        assert_eq!(f.len(), 2);
        assert_eq!(
            (f[0].value, f[0].period),
            (Some(1995.0), Period::Year(1995))
        );
        assert_eq!(f[1].period, Period::Undated);
        // "自…后" starts a period as "自…以来" does.
        let f = draft("自2010年两地结为对口帮扶关系后，甲市累计捐助资金3亿元。");
        assert_eq!(
            f.iter().map(|f| (f.value, f.period)).collect::<Vec<_>>(),
            [
                (Some(2010.0), Period::Year(2010)),
                (Some(300_000_000.0), Period::Undated)
            ]
        );
        // So is a year followed by 起 or 开始, with no 从 before it; the
        // yearly sum after it is not dated by it.
        let f = draft("2014年起广东省对口支援阿坝州，按每年每县1000万元安排资金。");
        assert_eq!(
            f.iter().map(|f| (f.value, f.period)).collect::<Vec<_>>(),
            [
                (Some(2014.0), Period::Year(2014)),
                (Some(10_000_000.0), Period::Undated)
            ]
        );
        let f = draft("2015年开始对口支援阿坝州。");
        assert_eq!(f[0].value, Some(2015.0));
        // A year the verb 起草 follows only dates its clause.
        let f = draft("2018年起草的规划投入资金5亿元。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].period, Period::Year(2018));
        // A date that starts the period dates nothing after it either.
        let f = draft("2016年10月以来，中央单位共投入帮扶资金22.27亿元。");
        assert_eq!(
            f.iter().map(|f| (f.value, f.period)).collect::<Vec<_>>(),
            [(Some(2_227_000_000.0), Period::Undated)]
        );
        // A date is not a figure, but its year dates the sentence.
        let f = draft("截至2020年10月底，投入资金5亿元。");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].period, Period::Year(2020));
        // Neither is the base of a comparison, nor a year in a name.
        let f = draft("“2015读书周”举行，2014年产值688亿元，比2010年增长83.5%。");
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.period == Period::Year(2014)));
        let f = draft("二〇二〇年是收官之年。");
        assert_eq!(f[0].value, Some(2020.0));
        assert_eq!(f[0].unit.id, "calendar_year");
        // A figure listed right after one its own year dates is of that
        // year too, and a bound between the year and the number ("的超过")
        // keeps the year the number's own.
        let f = draft("投入从2016年的300万元、4个项目，增加到2018年的超过2亿元和31个项目。");
        assert_eq!(
            f.iter()
                .map(|f| (f.printed.as_str(), dataset::period_text(f.period)))
                .collect::<Vec<_>>(),
            [
                ("300万元", "2016".to_owned()),
                ("4个", "2016".to_owned()),
                ("超过2亿元", "2018".to_owned()),
                ("31个", "2018".to_owned()),
            ]
        );
        // The level a change starts from is not of the year the sentence
        // reports: the article says only when the change ended.
        let f = draft("2021年，每村帮扶资金从600多万元提高至近4200万元。");
        assert_eq!(
            f.iter()
                .filter(|f| f.unit.id != "calendar_year")
                .map(|f| (f.printed.as_str(), dataset::period_text(f.period)))
                .collect::<Vec<_>>(),
            [
                ("600多万元", String::new()),
                ("近4200万元", "2021".to_owned())
            ]
        );
    }

    #[test]
    fn a_measure_word_counts_the_head_of_its_noun_phrase() {
        let cases = [
            // The head is the phrase's last noun, past its modifiers.
            ("建成了上百个改善民生和产业扶持项目。", "project"),
            ("帮扶5个贫困村和3个社区。", "village"),
            // A noun in the clause's predicate is not what is counted.
            ("5个乡镇全部完成产业项目建设。", "township"),
            // A place word naming a level qualifies the noun after it.
            ("新建12个县级医院。", "hospital"),
            ("建成8个村级活动场所。", "item"),
            ("引进3个市属企业。", "enterprise"),
            // A measure word that ends its clause counts the noun before
            // the number.
            ("完成各类帮扶项目320余个，投入资金2.1亿元。", "project"),
            ("联系贫困县18个。", "county"),
            ("受援县达12个。", "county"),
            ("全县对口援建项目已开工建设24个。", "project"),
            ("覆盖4个州及下辖20个县。", "prefecture"),
            ("5个援建省市签订省际间长期对口合作协议。", "province_city"),
            // A measure word followed by its own noun keeps it.
            ("项目区新建5个合作社。", "cooperative"),
            // Parks and workshops are not industries.
            ("共建28个特色产业园区。", "park"),
            ("建成扶贫车间14个。", "workshop"),
            // A measure word of one kind counts that kind, whatever noun
            // follows further on.
            ("促成800头牦牛的长期收购协议。", "head"),
            ("运来50万株茶苗种在三个县。", "plant"),
            ("运来9种甲县特色农产品。", "kind"),
            // Cases, trips, and prefectures with cities.
            ("完成150余例先心病手术。", "case"),
            ("开通返岗专列36车次。", "trip"),
            ("覆盖甲、乙、丙4州市。", "prefecture_city"),
        ];
        for (text, unit) in cases {
            assert_eq!(draft(text)[0].unit.id, unit, "{text}");
        }
    }

    #[test]
    fn agreements_and_fields_are_counted() {
        // 份 counts documents: "9份帮扶协议" is nine agreements.
        let f = draft("现场签署9份帮扶协议。");
        assert_eq!(
            f.iter()
                .map(|f| (f.printed.as_str(), f.value, f.unit.id.as_str()))
                .collect::<Vec<_>>(),
            [("9份", Some(9.0), "agreement")]
        );
        // The fields a sentence lists are counted; "五大发展理念" is a
        // name, as before.
        let f = draft("涵盖产业、旅游、文化、教育等八大领域，践行五大发展理念。");
        assert_eq!(
            f.iter()
                .map(|f| (f.value, f.unit.id.as_str()))
                .collect::<Vec<_>>(),
            [(Some(8.0), "field")]
        );
    }

    #[test]
    fn a_run_of_years_keeps_its_word() {
        let f = draft("该县连续四年获评先进县。");
        assert_eq!(f[0].printed, "连续四年");
        assert_eq!(f[0].value, Some(4.0));
        assert_eq!(f[0].bound, Bound::Exact);
    }

    #[test]
    fn one_printed_figure_for_several_values() {
        let f = draft("广西、贵州各20个。");
        assert_eq!(f.len(), 2);
        assert!(f
            .iter()
            .all(|f| f.printed == "各20个" && f.value == Some(20.0)));
        assert!(f[0].label.contains("广西") && f[1].label.contains("贵州"));
    }

    #[test]
    fn ranks_and_counts_in_words() {
        let f = draft("该县名列全国第一，五年来选派干部两批、人次1200人次。");
        assert_eq!(f[0].value, Some(1.0));
        assert_eq!(f[0].unit.quantity, Quantity::Ordinal);
        assert_eq!(f[1].value, Some(5.0));
        assert_eq!(f[1].unit.id, "years");
    }

    #[test]
    fn labels_come_from_the_words_the_figure_counts() {
        let f = draft(
            "该县全县54个贫困村全部达标退出，累计派出147名医疗技术人才，全县最高海拔5820米。",
        );
        assert_eq!(f[0].label, "该县全县贫困村");
        assert_eq!(f[1].label, "医疗技术人才");
        assert_eq!(f[2].label, "全县最高海拔");
        // The object of a verb's 了, not the verb.
        let f = draft("东部企业结对帮扶了西部民族地区重点县30个。");
        assert_eq!(f[0].label, "西部民族地区重点县");
    }

    /// Each case: a sentence, the printed figure, and its label.
    #[test]
    fn a_label_keeps_no_piece_of_another_figure() {
        let mut wrong = Vec::new();
        for (sentence, printed, want) in [
            // A number goes with its unit word, not only its digits.
            ("其中，2021年已投入12.5亿元。", "12.5亿元", "已投入"),
            // "Within two years" goes with its years, "away" with its
            // distance, "up to now" with its date: none starts a label.
            ("三年内培训乡村医生超800人次。", "超800人次", "培训乡村医生"),
            ("三年内培训乡村医生超800人次。", "三年内", "培训乡村医生"),
            (
                "400多公里外的甲县也建起了新学校。",
                "400多公里",
                "甲县也建起了新学校",
            ),
            (
                "自前年5月至今东部单位帮扶甲省贫困县8.5亿元。",
                "8.5亿元",
                "东部单位帮扶甲省贫困县",
            ),
            // Words that describe, before 的, say what kind; the noun after
            // the 的 is what is counted. Words that name a thing are it.
            ("新建两座颇具地方风格的廊桥。", "两座", "廊桥"),
            ("新建6个示范性强的合作社。", "6个", "合作社"),
            ("其中3个孩子的手术已完成。", "3个", "孩子"),
            // The whole province keeps its 全.
            (
                "今年上半年，全省到位东部市财政援助资金38亿元。",
                "38亿元",
                "全省到位东部市财政援助资金",
            ),
            // People counted right after households are their people; a
            // share printed right after its base is named by it.
            (
                "覆盖农户800户3100人，其中贫困户200户760人。",
                "760人",
                "贫困户人口",
            ),
            (
                "完成投资43亿元，占规划总投资50亿元的86%。",
                "86%",
                "占规划总投资",
            ),
            // A label one or two characters too long is kept whole rather
            // than losing the first character of a name.
            (
                "北京知名企业先后在拉萨投资200多亿元。",
                "200多亿元",
                "北京知名企业先后在拉萨投资",
            ),
            // A verb ends the noun after a measure word.
            ("为12个重点帮扶县进行农产品展销。", "12个", "重点帮扶县"),
            // A bracketed byline ends before the clause that counts.
            (
                "【新闻联播讯 记者 张三 通讯员 王五】甲、乙、丙三级12个部门参与帮扶。",
                "三级",
                "甲、乙、丙",
            ),
            (
                "2019年以来，本省引导85家外地企业来县投资。",
                "2019年",
                "本省引导外地企业来县投资（年份）",
            ),
            // An event's label: without the 起 that says since when, whole
            // up to 16 characters, and longer ones cut after a noun rather
            // than inside a word.
            (
                "2016年起甲省对口支援乙州丙县。",
                "2016年",
                "甲省对口支援乙州丙县（年份）",
            ),
            (
                "2019年，甲县所有贫困村全部达标退出摘帽。",
                "2019年",
                "甲县所有贫困村全部达标退出摘帽（年份）",
            ),
            (
                "2001年至2020年，甲市对口帮扶项目300个、帮扶资金5亿元、选派干部人才80名。",
                "2001年至2020年",
                "甲市对口帮扶项目（年份）",
            ),
            (
                "2015年开始，甲省对口支援乙州丙县。",
                "2015年",
                "甲省对口支援乙州丙县（年份）",
            ),
            // A bound before a number goes with it.
            (
                "2009年，投入近1亿元建立甲县希望小学。",
                "2009年",
                "投入建立甲县希望小学（年份）",
            ),
            // The base year of changes after 分别 stays in their labels.
            (
                "产值28亿元，财政收入2亿元，分别比2004年增长4倍和10倍。",
                "10倍",
                "财政收入比2004年增长",
            ),
            // A year that is a comparison's base stays whole.
            (
                "该市2021年投入12.5亿元，较2018年增长3.2亿元。",
                "3.2亿元",
                "较2018年增长",
            ),
            ("今年销售额8亿元，是2017年的2.5倍。", "2.5倍", "2017年的"),
            // The noun of a figure joined by 和 belongs to that figure.
            ("共帮扶6个贫困县和240个贫困村。", "240个", "贫困村"),
            // A number in words without a measure word is part of a name;
            // one with it is another figure.
            (
                "“十三五”期间两个省对口帮扶了这些乡镇。",
                "两个省",
                "“十三五”期间",
            ),
            // Function words do not end a label.
            ("本省也先后选派60名技术人员。", "60名", "本省技术人员"),
            // 安全 is one word: its 全 does not end the noun.
            ("新建3处安全饮水工程。", "3处", "安全饮水工程"),
            // What the counted did is not what they are.
            (
                "共有5.6万名农村劳动力通过劳务协作实现就业。",
                "5.6万名",
                "农村劳动力",
            ),
            ("全县320个社会组织结对帮扶贫困村。", "320个", "全县社会组织"),
            // A measure word right before a verb counts the words before
            // it, and what follows 向 is whom it counts.
            ("东部6个省市向西部9个省区市拨付资金。", "9个省区市", "西部"),
            (
                "该省累计向外省拨付财政援助资金15亿元。",
                "15亿元",
                "财政援助资金",
            ),
            // A number of years goes with its 年.
            (
                "今年投入9亿元，是此前10年援助资金总数的1.5倍。",
                "1.5倍",
                "此前援助资金总数",
            ),
            // A figure a change led to is the same measure as the first.
            (
                "地区生产总值从2015年的5.2亿元增长到2020年的9.8亿元。",
                "9.8亿元",
                "地区生产总值",
            ),
            // An aside in brackets, and a headline's space, end a clause.
            (
                "（本报记者 李四）全省对口支援山区县300个。",
                "300个",
                "全省对口支援山区县",
            ),
            ("对口支援十年 累计培训教师3200名", "3200名", "培训教师"),
            // 累计 says how a count grew, not what it counts.
            ("全县5.2万名群众累计受益。", "5.2万名", "全县群众"),
            // An ordinal names a long thing, 对口 and all.
            (
                "第二批对口帮扶凉山州医疗队员到岗。",
                "第二批",
                "对口帮扶凉山州医疗队员",
            ),
            // A count of places is named by the place it leads to.
            ("东部15个省市对口帮扶西部11个省区市。", "11个省区市", "西部"),
            ("选派专技人才到东部4市交流学习。", "4市", "东部"),
            ("今年东部9省市帮扶资金已拨付。", "9省市", "今年东部"),
            // A long label starts after a closing quotation mark rather
            // than inside the quotation.
            (
                "全省各地“十三五”对口帮扶专项资金12亿元。",
                "12亿元",
                "对口帮扶专项资金",
            ),
            // An adverb, or a verb of going, ends the counted noun; the
            // 四 of 四川 is no figure's end.
            ("去年2000多名医生赴四川义诊。", "2000多名", "医生"),
            ("80万株树苗陆续运到山区。", "80万株", "树苗"),
            ("两市分别帮扶资金500万元。", "500万元", "帮扶资金"),
            // A verb before a measure word is not part of what it counts.
            ("去年进行12个安置点建设。", "12个", "安置点建设"),
            // 市州 and 县区 are one place word each.
            ("对口支援甘肃省9个市州。", "9个市州", "甘肃省"),
            // The 来 of a duration, a month and a generation belong to
            // their numbers, not to the next figure's label.
            ("12年来本市援助资金3.5亿元。", "3.5亿元", "本市援助资金"),
            ("派驻干部由2018年5月的3名增至12名。", "3名", "派驻干部"),
            ("其中“90后”教师5名。", "5名", "“90后”教师"),
            // A verb of change or of being taken in ends the noun.
            ("搬迁人口从8万人调整到9.5万人。", "8万人", "搬迁人口"),
            ("搬迁人口从8万人调整到9.5万人。", "9.5万人", "搬迁人口"),
            ("全市8个贫困村纳入帮扶范围。", "8个", "全市贫困村"),
            // A figure that only follows another of its unit ("到…的")
            // measures what that one does.
            (
                "援助资金从2018年的500万元，到2019年的800万元。",
                "800万元",
                "援助资金",
            ),
            // Those who benefit are named as such.
            ("新修的水渠使3.2万人口受益。", "3.2万", "受益人口"),
            // Batches of people take the people's noun.
            ("先后派出6批120名医疗队员。", "6批", "医疗队员"),
            ("今年，医疗队员6批120人次到岗。", "120人次", "医疗队员"),
            // The places a count lists, as many as it says, are its label.
            ("对口帮扶和田、墨玉、皮山3县。", "3县", "和田、墨玉、皮山"),
            // A set term is not cut in two.
            (
                "转移建档立卡贫困劳动力到外省就业53人。",
                "53人",
                "建档立卡贫困劳动力到外省就业",
            ),
            // A fiscal year's 度 and a number of years in words go with
            // their years.
            ("2020年度投入援助资金19.33亿元。", "19.33亿元", "援助资金"),
            (
                "山东三年来累计投入资金13亿元。",
                "13亿元",
                "山东累计投入资金",
            ),
            // 结对 is one word; a leading 与 is a preposition.
            ("两地市县结对20个、县乡结对90个。", "90个", "县乡结对"),
            ("与重庆市14个贫困区县结对。", "14个", "重庆市贫困区县"),
            // 开发 is part of a name; 脱贫, 投入 and 建立 after a noun are
            // what the counted did.
            (
                "全省16个扶贫开发重点县全部摘帽。",
                "16个",
                "全省扶贫开发重点县",
            ),
            ("带动36万多贫困人口脱贫。", "36万多", "贫困人口"),
            ("重庆预计实现11.4万人脱贫。", "11.4万人", "重庆脱贫"),
            ("帮助14739人实现了脱贫。", "14739人", "脱贫"),
            (
                "与广西1970个基层单位建立结对关系。",
                "1970个",
                "广西基层单位",
            ),
            // After another figure, the verb and its noun name the sum.
            ("向8市33个贫困县投入援助资金约56亿元。", "33个", "贫困县"),
            (
                "向8市33个贫困县投入援助资金约56亿元。",
                "约56亿元",
                "投入援助资金",
            ),
            // A sum named right after its amount.
            ("为合作社提供1000万元援助款。", "1000万元", "援助款"),
            // As many names as the count, with the noun counted.
            (
                "负责对口支援伊犁、阿勒泰、塔城3个地区。",
                "3个",
                "伊犁、阿勒泰、塔城地区",
            ),
            // Batches and the people after a 共 share their noun.
            ("选派11批共3000多名干部到新疆工作。", "11批", "干部"),
            // Categories take the noun of the count after them.
            ("销售7大类491种特色农产品。", "7大类", "特色农产品"),
            // The 向 of 意向 is no preposition; 每年 is a time.
            (
                "签了协议，采购意向金额达11.2亿元。",
                "11.2亿元",
                "采购意向金额",
            ),
            ("本市每年选派100名教师。", "100名", "本市教师"),
            ("首批83名村民拿到了新房钥匙。", "83名", "首批村民"),
            // Person-times are named by the noun after them too.
            (
                "全市1135人次专业技术人才赴山区服务。",
                "1135人次",
                "全市专业技术人才",
            ),
            // 解决 leads a clause; going somewhere ends a noun, unless it
            // is all that names the counted.
            ("解决了4000多名农牧民就业。", "4000多名", "农牧民"),
            ("选派464名干部人才进藏工作。", "464名", "干部人才"),
            ("近6000人进藏工作。", "近6000人", "进藏工作"),
            // A growth rate keeps its verb as a label.
            ("年均增长27.66%。", "27.66%", "增长"),
            // A plan's length is named by the plan.
            ("编制了《帮扶五年规划》。", "五年", "五年规划时长"),
            // The first of a list of names, longer than the others by a
            // verb, is cut to a name's length.
            (
                "深入兰州、白银、甘南3市州考察。",
                "3市州",
                "兰州、白银、甘南",
            ),
            // 人民 is no count of people: 一人 of 第一人民医院 is a name's.
            (
                "市第一人民医院新增床位200张。",
                "200张",
                "市第一人民医院新增床位",
            ),
            // An ordinal leaves with its 第.
            (
                "从2019年第三批干部进藏以来，已投入资金5亿元。",
                "2019年",
                "干部进藏以来（年份）",
            ),
            // A clause of up to 16 characters after the figure is kept whole.
            (
                "另有1人被表彰为全省对口帮扶先进个人。",
                "1人",
                "被表彰为全省对口帮扶先进个人",
            ),
            // The places before 的 are shared out among the figures; the
            // level a change reaches is the measure, not the change; and a
            // figure listed after another of its unit takes its label.
            (
                "甲市和乙州的贫困发生率分别下降至2.1%、0.9%。",
                "2.1%",
                "贫困发生率",
            ),
            (
                "甲市和乙州的贫困发生率分别下降至2.1%、0.9%。",
                "0.9%",
                "贫困发生率",
            ),
            // A time of the year leaves with its year.
            (
                "贫困发生率从2015年底12.5%下降到2019年底3.2%。",
                "12.5%",
                "贫困发生率",
            ),
            // An aside between the noun and the number is passed over.
            ("该县新建学校（含职业学校）14所。", "14所", "该县新建学校"),
            // A list of nouns before the figure is its noun, whole; a list
            // of verbs is not.
            (
                "共派出干部、教师、医生等人才300人次。",
                "300人次",
                "干部、教师、医生等人才",
            ),
            ("该市学校、医院结对216对。", "216对", "该市学校、医院结对"),
            ("全省采购、销售农产品达12亿元。", "12亿元", "销售农产品"),
            ("建成学校5所、卫生院3所、道路12条。", "3所", "卫生院"),
            // Going, arriving, moving in, a time word and an adverb end
            // the noun after a measure word; 让 leads a clause.
            ("该省第十批援疆干部5人顺利抵达受援地。", "5人", "援疆干部"),
            ("让1200户群众住进新房。", "1200户", "群众"),
            ("186个援疆项目昨天集中开工。", "186个", "援疆项目"),
            // A noun that ends within twelve characters is whole.
            (
                "共选派120名市第三批援疆干部人才和教师。",
                "120名",
                "市第三批援疆干部人才",
            ),
            // 中 begins 中学; 九年一贯制 is a kind of school.
            ("新建1所九年一贯制中学。", "1所", "九年一贯制中学"),
            // A place's name keeps its 都; the adverb 都 leaves.
            ("对口支援昌都四个县。", "四个县", "昌都"),
            ("每年都有百名干部进藏。", "百名", "干部"),
            // Two verbs joined by 和 both name the sum.
            (
                "累计投入和引进帮扶资金3亿元。",
                "3亿元",
                "投入和引进帮扶资金",
            ),
            // A cut keeps 东西部 whole.
            (
                "全省东西部扶贫协作财政援助资金数为28亿元。",
                "28亿元",
                "东西部扶贫协作财政援助资金数",
            ),
            // Places a thing was brought to are named after 运抵.
            ("茶苗陆续运抵该县18个村。", "18个村", "该县"),
            // 中 right after a measure word begins a noun, and 相对 and
            // 发达 are words; a noun that ends its clause is whole.
            (
                "37家中央单位共采购帮扶县农副产品2亿元。",
                "37家",
                "中央单位",
            ),
            ("共有5个经济相对欠发达地区。", "5个", "经济相对欠发达地区"),
            // A numeral in a name (四川) is no figure that ends a list.
            (
                "他说，四川、甘肃、陕西已建成农房190万户、城镇住房28万户。",
                "190万户",
                "农房",
            ),
            // 对口 is one word: a cut never starts at its 口.
            (
                "三峡重庆库区累计引入到位对口支援各类资金18亿元。",
                "18亿元",
                "引入到位对口支援各类资金",
            ),
            (
                "该市全市对口援建基本任务资金总量为3.4亿元。",
                "3.4亿元",
                "对口援建基本任务资金总量",
            ),
            // Figures listed after 分别 go one each with the figures before
            // them; one change right after its figure is named by it.
            (
                "产值140亿元，税收6亿元，同比分别增长18%、24%。",
                "18%",
                "产值同比增长",
            ),
            (
                "产值140亿元，税收6亿元，同比分别增长18%、24%。",
                "24%",
                "税收同比增长",
            ),
            (
                "接待游客500万人次，同比增长44.2%。",
                "44.2%",
                "接待游客同比增长",
            ),
            // With no figures before them, they go one each with as many
            // names listed in the clause before, and the measure they share.
            (
                "甲县核桃、花椒和苹果产值稳步提升，今年分别增长12%、8%、5.5%。",
                "12%",
                "核桃产值增长",
            ),
            (
                "甲县核桃、花椒和苹果产值稳步提升，今年分别增长12%、8%、5.5%。",
                "5.5%",
                "苹果产值增长",
            ),
            // A sum whose words, their verbs gone, name only its giver
            // keeps the verb.
            (
                "甲市已累计投入近10亿元对口支援该区。",
                "近10亿元",
                "甲市投入",
            ),
            // People of a place are the people after 的; words listed after
            // a measure word, the last ending in its noun, are one noun;
            // 对口 after 个 begins a noun unless what follows is a verb.
            (
                "已有近200名本市的志愿者参与结对。",
                "近200名",
                "本市的志愿者",
            ),
            ("全市共有19个工业、农业园区。", "19个", "全市工业、农业园区"),
            ("支持河南、湖北两省16个对口县市。", "16个", "对口县市"),
            ("安排资金2亿元、项目405个对口支援新疆。", "405个", "项目"),
            // A number in quotation marks is a name's; 对 leads to the
            // places counted (not the 对 of 相对); a duration's words lose
            // the 达 that leads to the next number.
            ("全市“三支”人员达260人。", "260人", "全市“三支”人员"),
            ("天津16个区参与到对甘肃省34个县的帮扶。", "34个县", "甘肃省"),
            (
                "东部经济相对发达的江苏等9省市对口帮扶西部。",
                "9省市",
                "东部经济相对发达的江苏等",
            ),
            ("11年对口援藏资金达88亿元。", "11年", "对口援藏资金"),
            ("东部3省与西部5省共建产业园区741个。", "741个", "产业园区"),
            // A figure that only rose to another takes its label; batches
            // share the people's noun across the verb between them.
            (
                "人均可支配收入从500元跃升到14961元。",
                "14961元",
                "人均可支配收入",
            ),
            ("分10批选派657名干部人才进藏。", "10批", "干部人才"),
            ("共建立19个工业、农业园区。", "19个", "建立工业、农业园区"),
            // A fund named after its amount, up to twelve characters.
            (
                "中央在安排3026亿元中央财政灾后恢复重建基金的同时，建立机制。",
                "3026亿元",
                "中央财政灾后恢复重建基金",
            ),
        ] {
            let f = draft(sentence);
            let label = f
                .iter()
                .find(|f| f.printed == printed)
                .map(|f| f.label.as_str());
            if label != Some(want) {
                wrong.push(format!("{sentence} {printed}: {label:?}, not {want}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_change_with_no_figure_before_it_asks_for_its_label() {
        // "扩大到" says how 7市州 follows the figures before it, which
        // count other things: the editor is asked.
        let f = draft("帮扶范围从3市13个县扩大到7市州。");
        let places = f.iter().find(|f| f.printed == "7市州").expect("7市州");
        assert!(places.label.contains("待定"), "{}", places.label);
    }

    #[test]
    fn people_named_a_few_words_on_are_counted_as_people() {
        let f = draft("220多万建档立卡贫困人口受益。");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].unit.id.as_str(), f[0].label.as_str()),
            ("person", "受益建档立卡贫困人口")
        );
    }

    #[test]
    fn a_label_the_editor_must_write_names_the_place_without_its_measure_word() {
        let f = draft("全省与30个县区签订协议，与60个县开展合作。");
        let labels: Vec<(&str, &str, &str)> = f
            .iter()
            .map(|f| (f.printed.as_str(), f.unit.id.as_str(), f.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("30个县区", "county_district", "县区（待定）"),
                ("60个县", "county", "县（待定）")
            ]
        );
    }

    #[test]
    fn a_figure_of_a_group_named_before_asks_for_its_label() {
        // "这八个县" counts counties the text named earlier: the words
        // after it say what was done there, not which they are.
        let f = draft("两个省对这八个县实施了40个项目。");
        let group = f.iter().find(|f| f.printed == "八个县").expect("八个县");
        assert!(group.label.contains("待定"), "{}", group.label);
        assert!(!group.review.is_empty());
    }

    #[test]
    fn a_figure_named_by_no_word_asks_for_its_label() {
        // "其中…达" only joins the clause: no word says what was spent.
        let f = draft("全省投入12亿元，其中2019年至2020年达3.5亿元。");
        let part = f.iter().find(|f| f.printed == "3.5亿元").expect("3.5亿元");
        assert!(part.label.contains("待定"), "{}", part.label);
        // A vague number in words stays in the words around a figure.
        assert_eq!(without_numbers("有几十个部委"), "有几十个部委");
        assert_eq!(without_numbers("1994年至2004年达"), "达");
    }

    #[test]
    fn a_count_of_places_named_by_nothing_asks_for_its_label() {
        // What the places did, or another thing joined to them by 和, is
        // not what they are.
        for (sentence, printed) in [
            ("两省分别编制了规划。", "两省"),
            ("作出支援西部和12个省对口援助的决策。", "12个省"),
        ] {
            let f = draft(sentence);
            let places = f.iter().find(|f| f.printed == printed).expect(printed);
            assert!(
                places.label.contains("待定"),
                "{sentence}: {}",
                places.label
            );
        }
    }

    #[test]
    fn the_base_year_of_a_multiple_dates_nothing() {
        let f = draft("今年销售额8亿元，是2017年的2.5倍。");
        let multiple = f.iter().find(|f| f.printed == "2.5倍").expect("2.5倍");
        assert_ne!(multiple.period, Period::Year(2017));
    }

    #[test]
    fn a_long_label_starts_and_ends_between_words() {
        let chars: Vec<char> = "一二三四五六七八九的甲乙丙丁戊己庚辛".chars().collect();
        // The last 12 characters would start at 七; the cut moves on past 的.
        assert_eq!(word_start(&chars, 12), 10);
        let none: Vec<char> = "一二三四五六七八九十甲乙丙丁戊己庚辛".chars().collect();
        assert_eq!(word_start(&none, 12), 6);
        let event: Vec<char> = "甲乙丙丁戊己庚辛在壬癸子丑寅".chars().collect();
        // The first 12 would end inside 壬癸子丑; the cut moves back to 在.
        assert_eq!(word_end(&event, 12), 8);
        // With no boundary near, a set term is kept whole at either end.
        let term: Vec<char> = "一二三四五六七八九十甲自治县".chars().collect();
        assert_eq!(word_end(&term, 12), 14);
        let start: Vec<char> = "甲乙丙建档立卡一二三四五六七八九".chars().collect();
        assert_eq!(word_start(&start, 12), 3);
    }
}
