//! Every fixed word of the product, per language, in one place.
//!
//! Nothing here is about one article: the article's own words (headline,
//! sections, labels, unit words) come from its data folder. A phrase with a
//! figure in it is a template whose `{name}` slots [`fill`] replaces, so
//! that word order stays with the language and the code that uses a phrase
//! never branches on the language.

use crate::locale::Locale;

/// The fixed strings of the product in one language that the module uses
/// too (those only the prerendered pages hold are in [`PageStrings`]).
#[derive(Debug)]
pub struct Strings {
    /// Start of a source line.
    pub source: &'static str,
    /// Label before the article's sentence in a tooltip.
    pub quote: &'static str,
    /// The figure as the article prints it.
    pub as_printed: &'static str,
    /// Footnote for "at least" figures; `{words}` are the article's words
    /// for it among the chart's figures, each quoted.
    pub at_least_note: &'static str,
    /// Footnote for "nearly" and "about" figures; `{words}` as above.
    pub approx_note: &'static str,
    /// Shown for a figure the source lost.
    pub unknown: &'static str,
    /// Words for "not reported" between two reported years.
    pub not_reported: &'static str,
    /// Shown in place of a chart that failed while running.
    pub chart_failed: &'static str,
    /// The toggle that shows a figure's source sentence in the tooltip.
    pub source_toggle: &'static str,
    /// The period cell of a figure the article does not date (also in
    /// the tooltip).
    pub undated: &'static str,
    /// The punctuation and phrases of summaries and tooltips.
    pub phrases: Phrases,
    /// The messages of an embed's options.
    pub options: OptionMessages,
    /// The words of the embed panel's copy buttons, which the module
    /// changes as it copies.
    pub copy: CopyStrings,
}

/// The fixed strings only the prerendered pages hold (`crate::markup`,
/// `crate::frame`), in one language: headings, link texts, explanations.
/// They are a table apart from [`Strings`] so that the WebAssembly module,
/// which links every string of a table it reads, carries none of them.
#[derive(Debug)]
pub struct PageStrings {
    /// Link text of the CSV download.
    pub download_csv: &'static str,
    /// Link text of the JSON download.
    pub download_json: &'static str,
    /// Accessible name of the language switch.
    pub languages: &'static str,
    /// "Download" before the download buttons of a chart.
    pub download: &'static str,
    /// Summary of the embed-code disclosure.
    pub embed: &'static str,
    /// Link to a chart's self-contained file.
    pub standalone_copy: &'static str,
    /// Link to a chart's own page.
    pub open_chart: &'static str,
    /// The button that shows a chart's data table.
    pub show_data: &'static str,
    /// Column headings of a data table: figure, value, year, source.
    pub table_columns: [&'static str; 4],
    /// How to use a chart with the keyboard, read after its summary.
    pub keys_hint: &'static str,
    /// Summary of a chart's menu of downloads and embed codes.
    pub menu: &'static str,
    /// The table of every figure of the article.
    pub all: AllFigures,
    /// The words of a chart's embed panel.
    pub panel: PanelStrings,
    /// The source line's outlet and date, and the byline's credit.
    pub credits: Credits,
}

/// The words of the embed panel's copy buttons.
#[derive(Debug)]
pub struct CopyStrings {
    /// The copy button.
    pub copy: &'static str,
    /// The copy button once it has copied.
    pub copied: &'static str,
    /// When the browser refused to copy: the code is selected instead.
    pub copy_by_hand: &'static str,
}

/// How a source line names the outlet and the date of the article, and how
/// the byline is credited (`frame::caption_parts`). Templates for `fill`:
/// `{source}`, `{publication}`, `{date}`, `{author}`, and `{y}`, `{month}`,
/// `{d}` for a date.
#[derive(Debug)]
pub struct Credits {
    /// The source, the outlet and the date.
    pub via_dated: &'static str,
    /// The source and the outlet.
    pub via: &'static str,
    /// The source and the date.
    pub dated: &'static str,
    /// A day as the language writes it.
    pub date: &'static str,
    /// The months' names, January first.
    pub months: [&'static str; 12],
    /// The byline's credit line, on its own line under the source.
    pub author: &'static str,
}

/// The words of a chart's embed panel (`markup::panel`).
#[derive(Debug)]
pub struct PanelStrings {
    /// The legend of the theme choice.
    pub theme: &'static str,
    /// The three themes: light, dark, auto (as `embed_code::THEMES`).
    pub themes: [&'static str; 3],
    /// Next to "auto": who should choose it.
    pub auto_warning: &'static str,
    /// The name of each form of code, as `embed_code::Form::ALL`.
    pub forms: [&'static str; 4],
    /// What each form needs of the editor's CMS, as `Form::ALL`.
    pub needs: [&'static str; 4],
    /// Next to the script code: the header its host must send.
    pub cors: &'static str,
}

/// The words of the table of every figure.
#[derive(Debug)]
pub struct AllFigures {
    /// Its heading.
    pub title: &'static str,
    /// The line under the heading.
    pub intro: &'static str,
    /// Column headings: figure, value, period or basis, source sentence,
    /// where shown.
    pub columns: [&'static str; 5],
    /// The sort that groups rows by theme, the table's first order.
    pub by_theme: &'static str,
    /// Before the sort buttons.
    pub sort_by: &'static str,
    /// The "where shown" cell of a figure that is in no chart.
    pub table_only: &'static str,
    /// Summary of the disclosure with the Chinese original of a sentence.
    pub original: &'static str,
    /// Before a figure's note in its row: "注：" / "Note: ".
    pub note: &'static str,
    /// The source cell of a figure whose sentence an earlier row of the
    /// table already quotes: a link to that row, `{label}` its figure.
    pub same_sentence: &'static str,
    /// The dashboard's line where the table used to stand: what the
    /// table's page holds.
    pub elsewhere: &'static str,
    /// The dashboard's link to the table's page, `{count}` the number of
    /// figures.
    pub open: &'static str,
    /// The table page's `<title>`, `{title}` the article's headline.
    pub page_title: &'static str,
    /// The table page's meta description, `{title}` the article's headline.
    pub description: &'static str,
}

/// The small words that join figures into sentences.
#[derive(Debug)]
pub struct Phrases {
    /// Separates a label from its value: "，" / ", ".
    pub sep: &'static str,
    /// Separates figures in a list: "；" / "; ".
    pub list: &'static str,
    /// Ends a sentence: "。" / ". ".
    pub stop: &'static str,
    /// Separates a label from a value on one line: "：" / ": ".
    pub colon: &'static str,
    /// Separates the lines of a tooltip read as one announcement.
    pub announce: &'static str,
    /// A word or period in brackets after a label: "{text}（{inner}）".
    pub bracket: &'static str,
    /// A quotation: "“{text}”".
    pub quoted: &'static str,
    /// Between quoted words in a list: nothing in Chinese (“余”“多”),
    /// ", " in English.
    pub words: &'static str,
    /// A count of figures; `{n}` is the number.
    pub figures_one: &'static str,
    /// A count of figures, plural.
    pub figures_many: &'static str,
    /// The lead of a list of cards: "{count}：".
    pub cards_lead: &'static str,
    /// The lead of a bar chart's summary: "条形图，比较{count}。".
    pub bars_lead: &'static str,
    /// "Largest: " and "smallest: ".
    pub largest: [&'static str; 2],
    /// "Highest: " and "lowest: ", for values over years.
    pub highest: [&'static str; 2],
    /// One figure of a chart lost in the source.
    pub lost_one: &'static str,
    /// `{n}` figures of a chart lost in the source.
    pub lost_many: &'static str,
    /// The lead of a `years` chart's summary: `{list}` of years, `{n}` of them.
    pub years_lead: &'static str,
    /// Ends the lead when reported years leave gaps.
    pub years_gaps: &'static str,
    /// Ends the lead when they do not.
    pub years_no_gaps: &'static str,
    /// Falling from `{a}` in `{ya}` to `{b}` in `{yb}`.
    pub fell: &'static str,
    /// Rising.
    pub rose: &'static str,
    /// The same in both years.
    pub same: &'static str,
    /// A timeline's summary: `{n}` events over `{span}`, `{first}` and `{last}`.
    pub timeline: &'static str,
    /// The gap between two reported years: "{a}—{b}年{words}".
    pub gap: &'static str,
    /// Separates items of a list of years: "、" / ", ".
    pub comma: &'static str,
    /// A numbered occurrence on a timeline, read as an event rather than a
    /// field and its value: "{number}{unit}{label}" makes "第四届" and
    /// "茶叶节" into "第四届茶叶节", "{number}
    /// {label}" makes "4th tea festival" (no unit word, which would
    /// read "4th edition tea festival").
    pub numbered_event: &'static str,
    /// Marks a text cut short: "……" / "…".
    pub ellipsis: &'static str,
}

/// The messages of an embed's options; `{v}` is the value given, `{charts}`
/// the valid chart ids.
#[derive(Debug)]
pub struct OptionMessages {
    /// No chart named.
    pub no_chart: &'static str,
    /// A chart id that does not exist.
    pub unknown_chart: &'static str,
    /// A language the page does not speak.
    pub unknown_lang: &'static str,
    /// A theme that does not exist.
    pub unknown_theme: &'static str,
    /// A `plain=` value that is not 1 or 0.
    pub bad_plain: &'static str,
}

impl Locale {
    /// The fixed strings of the page in this locale.
    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::ZhHans => &ZH_HANS,
            Locale::ZhHant => &ZH_HANT,
            Locale::En => &EN,
        }
    }

    /// The fixed strings only the prerendered pages hold, in this locale.
    pub fn page_strings(self) -> &'static PageStrings {
        match self {
            Locale::ZhHans => &ZH_HANS_PAGE,
            Locale::ZhHant => &ZH_HANT_PAGE,
            Locale::En => &EN_PAGE,
        }
    }
}

/// Replaces each `{name}` of `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // `split_once` rather than slicing at the offsets `find` gives: the
    // same, but without the panic path of a slice, whose message formats a
    // char with `{:?}` and so links Unicode's tables of printable
    // characters (about 4 KB of the module's download).
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        match after.split_once('}') {
            Some((name, tail)) => {
                match values.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

static ZH_HANS: Strings = Strings {
    source: "来源：",
    quote: "原文：",
    as_printed: "原文写作",
    at_least_note: "{words}表示至少为该数，图中以浅色短条接在末端。",
    approx_note: "{words}表示接近该数，图中末端一段为浅色。",
    unknown: "原文缺失",
    not_reported: "未报告",
    chart_failed: "本图表出错，无法显示。图中的数字见下方表格。",
    source_toggle: "原文",
    undated: "原文未注明",
    phrases: Phrases {
        sep: "，",
        list: "；",
        stop: "。",
        colon: "：",
        announce: "，",
        bracket: "{text}（{inner}）",
        quoted: "“{text}”",
        words: "",
        figures_one: "{n}项数字",
        figures_many: "{n}项数字",
        cards_lead: "{count}：",
        bars_lead: "条形图，比较{count}。",
        largest: ["最大：", "最小："],
        highest: ["最高：", "最低："],
        lost_one: "其中1项数字原文缺失。",
        lost_many: "其中{n}项数字原文缺失。",
        years_lead: "点图，只有{list}共{n}个报告年份的数值",
        years_gaps: "，中间年份无数据。",
        years_no_gaps: "。",
        fell: "由{ya}的{a}降至{yb}的{b}。",
        rose: "由{ya}的{a}升至{yb}的{b}。",
        same: "{ya}与{yb}均为{a}。",
        timeline: "时间线，{span}间的{n}个事件。最早：{first}；最晚：{last}。",
        gap: "{a}—{b}年{words}",
        comma: "、",
        numbered_event: "{number}{unit}{label}",
        ellipsis: "……",
    },
    options: OptionMessages {
        no_chart: "请用 chart= 指定图表。可用的图表：{charts}",
        unknown_chart: "没有名为“{v}”的图表。可用的图表：{charts}",
        unknown_lang: "不支持语言“{v}”，已使用简体中文。可用：zh, zh-Hant, en",
        unknown_theme: "没有主题“{v}”，已自动选择。可用：light, dark, auto",
        bad_plain: "plain=“{v}”无效。可用：1, 0",
    },
    copy: CopyStrings {
        copy: "复制",
        copied: "已复制",
        copy_by_hand: "已选中代码，请按 Ctrl+C（Mac：⌘C）复制。",
    },
};

static ZH_HANS_PAGE: PageStrings = PageStrings {
    download_csv: "下载数据（CSV）",
    download_json: "下载数据（JSON）",
    languages: "语言",
    download: "下载",
    embed: "嵌入",
    open_chart: "单独打开此图表",
    standalone_copy: "下载离线单文件（HTML）",
    show_data: "查看数据",
    table_columns: ["项目", "数值", "年份", "原文出处"],
    keys_hint: "按方向键逐项查看，Home、End 键跳至首项、末项，Esc 键关闭提示。",
    menu: "下载 · 嵌入",
    all: AllFigures {
        title: "文中全部数字",
        intro: "报道中的每一个数字及其原文出处，按主题分组；点击列标题可排序。",
        columns: ["项目", "数值", "时期或口径", "原文", "所在图表"],
        by_theme: "主题",
        sort_by: "排序：",
        table_only: "仅见于本表",
        original: "原文",
        note: "注：",
        same_sentence: "出自同一句，见“{label}”",
        elsewhere: "报道中的每一个数字及其原文出处，按主题分组，列在单独一页的表格中。",
        open: "查看全部{count}个数字",
        page_title: "文中全部数字｜{title}",
        description: "《{title}》报道中的每一个数字及其原文出处，按主题分组，可排序。",
    },
    panel: PanelStrings {
        theme: "配色",
        themes: ["浅色", "深色", "自动"],
        auto_warning: "“自动”跟随读者设备的深色模式，只适合本身有深色模式的网站。",
        forms: ["iframe", "pym.js", "脚本（不用 iframe）", "静态图片"],
        needs: [
            "需要能发布 iframe 和脚本的权限（如 WordPress 的 unfiltered_html：管理员、编辑）。脚本可以省去，它让高度随图表自动调整。",
            "适合已在用 pym.js 的网站；同样需要能发布脚本的权限（WordPress：管理员、编辑）。",
            "需要能发布脚本的权限（WordPress：管理员、编辑）。脚本加载前和加载失败时显示静态图片。",
            "任何编辑都能用（如 WordPress 的作者），微信、RSS 也用这种：静态图片，链接到交互图表。在 WordPress 中也可以把图表页面的网址单独粘贴成一行。",
        ],
        cors: "图表所在的服务器必须允许跨域读取（响应头 Access-Control-Allow-Origin: *），否则读者只看到静态图片。",
    },
    // An outlet's name takes the title marks 《》 as Chinese writes a
    // newspaper's; a date reads 2020年5月8日.
    credits: Credits {
        via_dated: "{source}，据《{publication}》{date}报道",
        via: "{source}，据《{publication}》",
        dated: "{source}（{date}）",
        date: "{y}年{month}月{d}日",
        months: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
        author: "文：{author}",
    },
};

// Written by converting the tables above with `zhconv` (a test keeps them
// in step), except that 余 is written 餘 as Traditional Chinese spells it.
static ZH_HANT: Strings = Strings {
    source: "來源：",
    quote: "原文：",
    as_printed: "原文寫作",
    at_least_note: "{words}表示至少為該數，圖中以淺色短條接在末端。",
    approx_note: "{words}表示接近該數，圖中末端一段為淺色。",
    unknown: "原文缺失",
    not_reported: "未報告",
    chart_failed: "本圖表出錯，無法顯示。圖中的數字見下方表格。",
    source_toggle: "原文",
    undated: "原文未註明",
    phrases: Phrases {
        sep: "，",
        list: "；",
        stop: "。",
        colon: "：",
        announce: "，",
        bracket: "{text}（{inner}）",
        quoted: "「{text}」",
        words: "",
        figures_one: "{n}項數字",
        figures_many: "{n}項數字",
        cards_lead: "{count}：",
        bars_lead: "條形圖，比較{count}。",
        largest: ["最大：", "最小："],
        highest: ["最高：", "最低："],
        lost_one: "其中1項數字原文缺失。",
        lost_many: "其中{n}項數字原文缺失。",
        years_lead: "點圖，只有{list}共{n}個報告年份的數值",
        years_gaps: "，中間年份無數據。",
        years_no_gaps: "。",
        fell: "由{ya}的{a}降至{yb}的{b}。",
        rose: "由{ya}的{a}升至{yb}的{b}。",
        same: "{ya}與{yb}均為{a}。",
        timeline: "時間線，{span}間的{n}個事件。最早：{first}；最晚：{last}。",
        gap: "{a}—{b}年{words}",
        comma: "、",
        numbered_event: "{number}{unit}{label}",
        ellipsis: "……",
    },
    options: OptionMessages {
        no_chart: "請用 chart= 指定圖表。可用的圖表：{charts}",
        unknown_chart: "沒有名為「{v}」的圖表。可用的圖表：{charts}",
        unknown_lang: "不支持語言「{v}」，已使用簡體中文。可用：zh, zh-Hant, en",
        unknown_theme: "沒有主題「{v}」，已自動選擇。可用：light, dark, auto",
        bad_plain: "plain=「{v}」無效。可用：1, 0",
    },
    copy: CopyStrings {
        copy: "複製",
        copied: "已複製",
        copy_by_hand: "已選中代碼，請按 Ctrl+C（Mac：⌘C）複製。",
    },
};

static ZH_HANT_PAGE: PageStrings = PageStrings {
    download_csv: "下載數據（CSV）",
    download_json: "下載數據（JSON）",
    languages: "語言",
    download: "下載",
    embed: "嵌入",
    open_chart: "單獨打開此圖表",
    standalone_copy: "下載離線單文件（HTML）",
    show_data: "查看數據",
    table_columns: ["項目", "數值", "年份", "原文出處"],
    keys_hint: "按方向鍵逐項查看，Home、End 鍵跳至首項、末項，Esc 鍵關閉提示。",
    menu: "下載 · 嵌入",
    all: AllFigures {
        title: "文中全部數字",
        intro: "報道中的每一個數字及其原文出處，按主題分組；點擊列標題可排序。",
        columns: ["項目", "數值", "時期或口徑", "原文", "所在圖表"],
        by_theme: "主題",
        sort_by: "排序：",
        table_only: "僅見於本表",
        original: "原文",
        note: "註：",
        same_sentence: "出自同一句，見「{label}」",
        elsewhere: "報道中的每一個數字及其原文出處，按主題分組，列在單獨一頁的表格中。",
        open: "查看全部{count}個數字",
        page_title: "文中全部數字｜{title}",
        description: "《{title}》報道中的每一個數字及其原文出處，按主題分組，可排序。",
    },
    panel: PanelStrings {
        theme: "配色",
        themes: ["淺色", "深色", "自動"],
        auto_warning: "「自動」跟隨讀者設備的深色模式，只適合本身有深色模式的網站。",
        forms: ["iframe", "pym.js", "腳本（不用 iframe）", "靜態圖片"],
        needs: [
            "需要能發布 iframe 和腳本的權限（如 WordPress 的 unfiltered_html：管理員、編輯）。腳本可以省去，它讓高度隨圖表自動調整。",
            "適合已在用 pym.js 的網站；同樣需要能發布腳本的權限（WordPress：管理員、編輯）。",
            "需要能發布腳本的權限（WordPress：管理員、編輯）。腳本加載前和加載失敗時顯示靜態圖片。",
            "任何編輯都能用（如 WordPress 的作者），微信、RSS 也用這種：靜態圖片，鏈接到交互圖表。在 WordPress 中也可以把圖表頁面的網址單獨粘貼成一行。",
        ],
        cors: "圖表所在的服務器必須允許跨域讀取（響應頭 Access-Control-Allow-Origin: *），否則讀者只看到靜態圖片。",
    },
    credits: Credits {
        via_dated: "{source}，據《{publication}》{date}報道",
        via: "{source}，據《{publication}》",
        dated: "{source}（{date}）",
        date: "{y}年{month}月{d}日",
        months: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
        author: "文：{author}",
    },
};

static EN: Strings = Strings {
    source: "Source: ",
    quote: "Article: ",
    as_printed: "As printed",
    at_least_note: "{words}: at least the figure; a pale stub runs on past the mark.",
    approx_note: "{words}: close to the figure; the last stretch of the mark is pale.",
    unknown: "lost in the source",
    not_reported: "not reported",
    chart_failed: "This chart failed. Its figures are in the table below.",
    source_toggle: "Source",
    undated: "not given",
    phrases: Phrases {
        sep: ", ",
        list: "; ",
        stop: ". ",
        colon: ": ",
        announce: ". ",
        bracket: "{text} ({inner})",
        quoted: "“{text}”",
        words: ", ",
        figures_one: "1 figure",
        figures_many: "{n} figures",
        cards_lead: "{count}: ",
        bars_lead: "Bar chart comparing {count}. ",
        largest: ["Largest: ", "smallest: "],
        highest: ["Highest: ", "lowest: "],
        lost_one: "One figure is lost in the source. ",
        lost_many: "{n} figures are lost in the source. ",
        years_lead: "Dot chart of the {n} reported years only: {list}",
        years_gaps: "; there are no figures for the years between. ",
        years_no_gaps: ". ",
        fell: "It fell from {a} in {ya} to {b} in {yb}. ",
        rose: "It rose from {a} in {ya} to {b} in {yb}. ",
        same: "It was {a} in both {ya} and {yb}. ",
        timeline: "Timeline of {n} events, {span}. Earliest: {first}; latest: {last}. ",
        gap: "{a}–{b} {words}",
        comma: ", ",
        numbered_event: "{number} {label}",
        ellipsis: " …",
    },
    options: OptionMessages {
        no_chart: "Name a chart with chart=. Valid charts: {charts}",
        unknown_chart: "There is no chart “{v}”. Valid charts: {charts}",
        unknown_lang: "Language “{v}” is not supported. Valid: zh, zh-Hant, en",
        unknown_theme: "There is no theme “{v}”; using auto. Valid: light, dark, auto",
        bad_plain: "plain=“{v}” is not valid. Valid: 1, 0",
    },
    copy: CopyStrings {
        copy: "Copy",
        copied: "Copied",
        copy_by_hand: "The code is selected: press Ctrl+C (Mac: ⌘C) to copy it.",
    },
};

static EN_PAGE: PageStrings = PageStrings {
    download_csv: "Download data (CSV)",
    download_json: "Download data (JSON)",
    languages: "Language",
    download: "Download",
    embed: "Embed",
    open_chart: "Open this chart on its own",
    standalone_copy: "Download a self-contained file (HTML)",
    show_data: "Show data",
    table_columns: ["Figure", "Value", "Year", "Source sentence"],
    keys_hint: "Use the arrow keys to go through the figures, Home and End to jump to the first and last, Escape to close the tooltip.",
    menu: "Download · Embed",
    all: AllFigures {
        title: "Every figure in the article",
        intro: "Each with the sentence it comes from, grouped by theme. Select a column heading to sort.",
        columns: ["Figure", "Value", "Period or basis", "Source sentence", "Shown in"],
        by_theme: "Theme",
        sort_by: "Sort: ",
        table_only: "this table only",
        original: "Chinese original",
        note: "Note: ",
        same_sentence: "From the same sentence as “{label}”",
        elsewhere: "Each with the sentence it comes from, grouped by theme, on a page of its own.",
        open: "See all {count} figures",
        page_title: "Every figure in the article | {title}",
        description: "Every figure in “{title}” with the sentence it comes from, grouped by theme and sortable.",
    },
    panel: PanelStrings {
        theme: "Colours",
        themes: ["Light", "Dark", "Auto"],
        auto_warning: "Auto follows the reader's dark mode: choose it only if your site has a dark mode too.",
        forms: ["iframe", "pym.js", "Script (no iframe)", "Static image"],
        needs: [
            "Needs the right to post iframes and scripts (in WordPress unfiltered_html: Administrators, Editors). The script is optional; it keeps the height fitted to the chart.",
            "For sites that already use pym.js; needs the right to post scripts too (WordPress: Administrators, Editors).",
            "Needs the right to post scripts (WordPress: Administrators, Editors). The static image shows until the script has loaded, and stays if it cannot.",
            "Works for every editor (such as WordPress Authors), and in WeChat and RSS: the static image, linked to the interactive chart. In WordPress you may also paste the chart page's address on a line of its own.",
        ],
        cors: "The server of the charts must allow reading them from other sites (the header Access-Control-Allow-Origin: *); otherwise readers see only the static image.",
    },
    // A British day, month, year (8 May 2020), as the Economist's style
    // that the rest of the English copy follows.
    credits: Credits {
        via_dated: "{source}, via {publication}, {date}",
        via: "{source}, via {publication}",
        dated: "{source}, {date}",
        date: "{d} {month} {y}",
        months: [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ],
        author: "Reporting: {author}",
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_named_slot_and_keeps_the_rest() {
        assert_eq!(
            fill(
                "由{ya}的{a}降至{yb}",
                &[("a", "16.8%"), ("ya", "2012年"), ("yb", "2019年")]
            ),
            "由2012年的16.8%降至2019年"
        );
        assert_eq!(fill("{x} and {y", &[("x", "1")]), "1 and {y");
        assert_eq!(fill("{unknown}", &[]), "{unknown}");
    }

    /// Every text of a locale's two tables, for comparing the two Chinese
    /// locales.
    fn texts(s: &Strings, g: &PageStrings) -> Vec<&'static str> {
        let p = &s.phrases;
        let o = &s.options;
        let mut v = vec![
            g.download_csv,
            g.download_json,
            g.languages,
            s.source,
            s.quote,
            s.as_printed,
            s.at_least_note,
            s.approx_note,
            s.unknown,
            s.not_reported,
            s.chart_failed,
            g.download,
            g.embed,
            g.open_chart,
            g.standalone_copy,
            g.show_data,
            g.keys_hint,
            g.menu,
            s.source_toggle,
            s.undated,
            g.credits.via_dated,
            g.credits.via,
            g.credits.dated,
            g.credits.date,
            g.credits.author,
            g.all.title,
            g.all.intro,
            g.all.by_theme,
            g.all.sort_by,
            g.all.table_only,
            g.all.original,
            g.all.note,
            g.all.same_sentence,
            g.all.elsewhere,
            g.all.open,
            g.all.page_title,
            g.all.description,
            p.bracket,
            p.figures_one,
            p.figures_many,
            p.cards_lead,
            p.bars_lead,
            p.lost_one,
            p.lost_many,
            p.years_lead,
            p.years_gaps,
            p.fell,
            p.rose,
            p.same,
            p.timeline,
            p.gap,
            o.no_chart,
            o.unknown_chart,
            o.unknown_lang,
            o.unknown_theme,
            o.bad_plain,
            g.panel.theme,
            g.panel.auto_warning,
            g.panel.cors,
            s.copy.copy,
            s.copy.copied,
            s.copy.copy_by_hand,
        ];
        v.extend(g.panel.themes);
        v.extend(g.panel.forms);
        v.extend(g.panel.needs);
        v.extend(g.table_columns);
        v.extend(g.all.columns);
        v.extend(p.largest);
        v.extend(p.highest);
        v
    }

    #[test]
    fn traditional_strings_are_the_conversion_of_the_simplified_ones() {
        // The deliberate differences: 余 ("more than") is written 餘, and
        // quotation marks are the corner brackets Traditional texts use.
        let convert = |s: &str| {
            zhconv::zhconv(s, zhconv::Variant::ZhHant)
                .replace('余', "餘")
                .replace('“', "「")
                .replace('”', "」")
        };
        for (hans, hant) in texts(&ZH_HANS, &ZH_HANS_PAGE)
            .into_iter()
            .zip(texts(&ZH_HANT, &ZH_HANT_PAGE))
        {
            assert_eq!(hant, convert(hans), "{hans}");
        }
    }
}
