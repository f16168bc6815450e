//! A chart's figures as CSV, for the per-chart download, in the columns of
//! the full download (`dist/data/indicators.csv`). Written by hand
//! because the CSV writer used at build time would add weight to the module
//! every reader loads; the test reads the output back with that writer's
//! reader to keep the two in agreement.

use article_dataset::CSV_HEADER;

use crate::data::{Chart, Dataset};

fn field(out: &mut String, text: &str) {
    // RFC 4180: quote a field that holds a comma, quote or line break, and
    // double every quote inside it.
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn row<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, cell);
    }
    out.push_str("\r\n");
}

/// The chart's figures, one row each, in the chart's order.
pub fn chart_csv(data: &Dataset, chart: &Chart) -> String {
    let mut out = String::new();
    // The columns of the full download, so both files read alike.
    row(&mut out, CSV_HEADER);
    for i in data.items(chart) {
        let cells = i.csv_row(data.category_id(i));
        row(&mut out, cells.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DATASET;

    #[test]
    fn every_chart_csv_reads_back_with_a_real_csv_reader() {
        for chart in DATASET.charts.iter() {
            let text = chart_csv(&DATASET, chart);
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let header: Vec<String> = reader
                .headers()
                .map(|h| h.iter().map(str::to_owned).collect())
                .unwrap_or_default();
            assert_eq!(header, CSV_HEADER);
            let rows: Vec<csv::StringRecord> = reader
                .records()
                .map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", chart.id)))
                .collect();
            let items: Vec<_> = DATASET.items(chart).collect();
            assert_eq!(rows.len(), items.len(), "{}", chart.id);
            for (row, ind) in rows.iter().zip(items) {
                assert_eq!(&row[0], ind.id.as_ref());
                assert_eq!(row[4].parse::<f64>().ok(), ind.value);
                assert_eq!(&row[9], ind.source.zh.as_ref());
                assert_eq!(&row[11], ind.source.en.as_ref());
            }
        }
    }

    #[test]
    fn fields_with_commas_quotes_and_breaks_are_quoted() {
        let mut out = String::new();
        row(&mut out, ["a,b", "say \"hi\"", "x\ny", "plain"]);
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",plain\r\n");
    }
}
