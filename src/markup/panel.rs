//! A chart's embed panel as static HTML: a choice of theme, the four forms
//! of embed code with a copy button each, and what each form needs of the
//! editor's CMS. It works before the module arrives: the theme choice is
//! three radio inputs whose checked one shows its codes by CSS alone
//! (`www/panel.css`); the copy buttons are real `<button>`s that
//! `web::copy` makes work, and until then the codes can be selected by hand.

use article_dataset::{Chart, Dataset};

use crate::embed_code::{code, Embed, Form, Heights, THEMES};
use crate::locale::Locale;
use crate::markup::escape;

/// The embed panel of `chart` in `locale`. `base` is the site's address
/// (ending with `/`) when the build knows it; without it the codes are
/// relative, the panel says so (`data-relative`), and `web::copy`
/// completes them with the page's own folder at run time.
pub fn embed_panel(data: &Dataset, chart: &Chart, locale: Locale, base: Option<&str>) -> String {
    let s = &locale.page_strings().panel;
    let heights = Heights::of(data, chart, locale);
    // Ids are unique on a page: one panel per chart, one page per language.
    let prefix = format!("embed-{}", escape(&chart.id));
    // The module has no page texts to lay the charts out again with, so the
    // heights travel with the panel for `web::copy` to rewrite the codes.
    let mut out = format!(
        "<div class=\"embed-panel\" data-chart=\"{}\" data-lang=\"{}\" data-height=\"{}\" data-reserve=\"{}\" data-image-height=\"{}\" data-phone-image=\"{} {}\"{}>",
        escape(&chart.id),
        locale.url_tag(),
        heights.column,
        heights.reserve.to_attr(),
        heights.image,
        heights.phone_image.0,
        heights.phone_image.1,
        if base.is_none() { " data-relative" } else { "" },
    );
    out.push_str(&format!(
        "<fieldset class=\"embed-theme\"><legend>{}</legend>",
        escape(s.theme)
    ));
    for (n, (theme, name)) in THEMES.iter().zip(s.themes).enumerate() {
        let id = format!("{prefix}-theme-{theme}");
        out.push_str(&format!(
            "<input type=\"radio\" name=\"{prefix}-theme\" id=\"{id}\" value=\"{theme}\"{}><label for=\"{id}\">{}</label>",
            if n == 0 { " checked" } else { "" },
            escape(name),
        ));
    }
    out.push_str(&format!(
        "<p class=\"embed-auto-warning\">{}</p></fieldset>",
        escape(s.auto_warning)
    ));
    for (form, (name, needs)) in Form::ALL.into_iter().zip(s.forms.iter().zip(s.needs)) {
        let heading = format!("{prefix}-{}", form.key());
        out.push_str(&format!(
            "<section class=\"embed-form\" data-form=\"{}\" aria-labelledby=\"{heading}\"><h4 id=\"{heading}\">{}</h4><p class=\"embed-needs\">{}</p>",
            form.key(),
            escape(name),
            escape(needs),
        ));
        if form == Form::Script {
            out.push_str(&format!("<p class=\"embed-cors\">{}</p>", escape(s.cors)));
        }
        let themes: &[&str] = if form.themed() { &THEMES } else { &[""] };
        for theme in themes {
            let embed = Embed {
                dir: base.unwrap_or(""),
                id: &chart.id,
                locale,
                title: locale.pick(&chart.title),
                heights,
                theme: if theme.is_empty() { THEMES[0] } else { theme },
            };
            let id = if theme.is_empty() {
                heading.clone()
            } else {
                format!("{heading}-{theme}")
            };
            let theme_attr = if theme.is_empty() {
                String::new()
            } else {
                format!(" data-theme=\"{theme}\"")
            };
            // A read-only text box made of a `<pre>`, not a `<textarea>`:
            // Chromium laid the whole page out once more for each chart
            // whose panel held textareas (five extra layouts of the
            // dashboard before its charts could be drawn), and a `<pre>`
            // costs nothing until its menu opens. Its role, label and
            // focus keep what a textarea told a screen reader.
            out.push_str(&format!(
                "<div class=\"embed-code-block\"{theme_attr}><pre class=\"embed-code\" id=\"{id}-code\" tabindex=\"0\" role=\"textbox\" aria-readonly=\"true\" aria-multiline=\"true\" aria-labelledby=\"{heading}\" data-form=\"{}\"{theme_attr}>{}</pre><button type=\"button\" class=\"copy-code\" data-copy=\"{id}-code\">{}</button><span class=\"copy-status\"></span></div>",
                form.key(),
                escape(&code(form, &embed)),
                escape(locale.strings().copy.copy),
            ));
        }
        out.push_str("</section>");
    }
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> &'static Dataset {
        crate::data::dataset()
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn the_panel_offers_every_form_in_every_theme_light_first() {
        let chart = &data().charts[0];
        let html = embed_panel(data(), chart, Locale::En, Some("https://a.example/charts/"));
        // Three themed forms in three themes, and the one image snippet.
        assert_eq!(count(&html, "<pre class=\"embed-code\""), 10, "{html}");
        assert_eq!(
            count(&html, "<button type=\"button\" class=\"copy-code\""),
            10
        );
        assert_eq!(count(&html, "class=\"copy-status\""), 10);
        // The page keeps its one live region (`web::keys`); the copy
        // buttons speak through it.
        assert_eq!(count(&html, "aria-live"), 0);
        assert_eq!(count(&html, " checked>"), 1);
        assert!(html.contains("value=\"light\" checked>"), "{html}");
        assert!(!html.contains("data-relative"));
        let stem = crate::embed_code::stem(&chart.id, Locale::En);
        assert!(html.contains(&format!(
            "https://a.example/charts/embed/{stem}.html?theme=light"
        )));
        assert!(html.contains("Access-Control-Allow-Origin"));
        assert!(html.contains("unfiltered_html"));
    }

    #[test]
    fn every_copy_button_names_a_code_that_exists() {
        let chart = &data().charts[1];
        let html = embed_panel(data(), chart, Locale::ZhHant, None);
        assert!(html.contains("data-relative"));
        for part in html.split("data-copy=\"").skip(1) {
            let id = &part[..part.find('"').unwrap_or(0)];
            assert_eq!(count(&html, &format!("id=\"{id}\"")), 1, "{id}");
        }
    }

    #[test]
    fn the_codes_are_escaped_once_inside_the_code_block() {
        let chart = &data().charts[0];
        let html = embed_panel(data(), chart, Locale::ZhHans, None);
        // The code's own quotes are entities in the markup, so no `<`
        // of a code opens an element of the panel.
        assert!(html.contains("&lt;iframe src=&quot;embed/"), "{html}");
        assert!(!html.contains("<iframe"));
        assert!(!html.contains("<script"));
    }
}
