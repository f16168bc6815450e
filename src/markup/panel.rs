//! A chart's embed panel: the forms of embed code, a theme choice and copy
//! buttons, as static HTML. (Interface stub: the embed work fills it in.)

use danba_dataset::{Chart, Dataset};

use crate::embed_code::{code, escape_attr, Embed, Form};
use crate::locale::Locale;

/// The embed panel of `chart` in `locale`. `base` is the site's address
/// (ending with `/`) when the build knows it; without it the codes are
/// relative and the page completes them with its own address at run time.
pub fn embed_panel(data: &Dataset, chart: &Chart, locale: Locale, base: Option<&str>) -> String {
    let height = crate::heights::embed_height(data, chart, locale, 640.0);
    let embed = Embed {
        dir: base.unwrap_or(""),
        id: &chart.id,
        locale,
        title: locale.pick(&chart.title),
        height,
        theme: "light",
    };
    Form::ALL
        .iter()
        .map(|&form| {
            format!(
                "<textarea readonly rows=\"5\">{}</textarea>",
                escape_attr(&code(form, &embed))
            )
        })
        .collect()
}
