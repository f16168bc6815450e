//! Any text drafts: whatever a newsroom pastes (a copy with lost digits,
//! HTML, full-width digits, emoji, half a sentence), the draft finishes
//! without a panic, and its folder passes the validator the build uses, so
//! the next step (`cargo xtask serve --data`) shows the figures instead of
//! an error.

// Test code: a failed case should stop the test loudly.
#![allow(clippy::unwrap_used)]

use article_draft::{draft, files};
use proptest::prelude::*;

/// The pieces texts are built from: the characters and words the draft's
/// rules turn on, with the marks a bad copy leaves.
const PIECES: &[&str] = &[
    "1",
    "2",
    "0",
    "３",
    "．",
    ".",
    "%",
    "％",
    "万",
    "亿",
    "元",
    "个",
    "名",
    "人",
    "年",
    "月",
    "日",
    "第",
    "批",
    "次",
    "、",
    "，",
    "。",
    "；",
    "(",
    ")",
    "（",
    "）",
    "“",
    "”",
    "余",
    "多",
    "近",
    "约",
    "以上",
    "左右",
    "上",
    "不到",
    "超过",
    "\t",
    "\u{ad}",
    "至",
    "到",
    "从",
    "增长到",
    "其中",
    "各",
    "每",
    "?",
    "？",
    "两",
    "十",
    "百",
    "千",
    "一",
    "零",
    "县",
    "村",
    "省市",
    "人次",
    "倍",
    "∶",
    "/",
    "-",
    " ",
    "\u{3000}",
    "<p>",
    "&nbsp;",
    "貧困",
    "資金",
    "帮扶",
    "脱贫",
    "(xié)",
    "80后",
    "年代",
    "年度",
    "以来",
    "前",
    "企业",
    "等",
    "大类",
    "县均",
    "受益",
    "人口",
    "对",
    "小时",
    "个多",
    "分别",
    "下降至",
    "年底",
    "的",
    "和",
    "港元",
    "○",
    "家",
    "户",
    "同比增长",
    "册",
    "共建",
    "例",
    "车次",
    "州市",
    "头",
    "园区",
    "公里",
    "外",
    "内",
    "至今",
    "【",
    "】",
    "提高至",
    "从",
    "多",
    "近",
    "上半年",
    "全省",
    "排行榜",
    "自",
    "核桃",
    "产值",
    "千瓦时",
    "位数",
    "进行",
    "占",
    "种",
    "\n",
    "😀",
    "\u{200b}",
    "x",
    "é",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..160).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_drafts_into_a_folder_that_builds(text in text()) {
        let d = draft(&text);
        // With no figure there is no folder to build: `command` refuses
        // the text (see its test).
        if d.figures.is_empty() {
            return Ok(());
        }
        let pairs: Vec<(String, String)> = files(&d)
            .into_iter()
            .filter(|(name, _)| name.ends_with(".toml"))
            .map(|(name, body)| (format!("draft/{name}"), body))
            .collect();
        if let Err(e) = dataset::parse_files(&pairs) {
            panic!("the draft of {text:?} does not build:\n{e}");
        }
    }
}
