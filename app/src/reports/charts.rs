//! The monthly report's charts, drawn on the server as SVG with `plotters` (a maintained
//! plotting library; its SVG backend needs no fonts or system libraries), so that they show
//! without the wasm. Each chart is a picture of numbers the page also gives as a table.

use super::month_label;
use crate::i18n::Texts;
use domain::reports::monthly::MonthFigures;
use domain::reports::months::YearMonth;
use domain::reports::MonthlyReport;
use plotters::prelude::*;

// Drawn small with large type: the picture is scaled to the screen, and on a 360 px phone
// 18 px letters come out at about 11 px.
const SIZE: (u32, u32) = (600, 380);
const FONT: u32 = 18;
// Dark enough for text contrast on white, and told apart by marker shape as well as colour.
const COLOURS: [RGBColor; 4] = [
    RGBColor(0x1f, 0x5f, 0xa8),
    RGBColor(0x2e, 0x7d, 0x32),
    RGBColor(0xb0, 0x00, 0x20),
    RGBColor(0x5e, 0x35, 0xb1),
];

/// One line of a chart: its name and a value per month.
struct Line<'a> {
    name: &'a str,
    values: Vec<i64>,
}

/// Month by month: in follow-up, new participants, moved on that month, listed two months
/// in a row and unreachable.
pub fn month_by_month(report: &MonthlyReport, t: &Texts) -> String {
    let m = &report.months;
    let values = |f: fn(&MonthFigures) -> i64| m.iter().map(f).collect();
    draw(
        report,
        t,
        t.report_chart_month,
        &[
            Line {
                name: t.report_in_follow_up,
                values: values(|x| x.in_follow_up),
            },
            Line {
                name: t.report_new,
                values: values(|x| x.new_participants),
            },
            Line {
                name: t.report_listed_two,
                values: values(|x| x.listed_two_months),
            },
            Line {
                name: t.report_unreachable,
                values: values(|x| x.unreachable),
            },
        ],
    )
}

/// Accumulated: moved on, still on benefits, and the rest.
pub fn accumulated(report: &MonthlyReport, t: &Texts) -> String {
    let m = &report.months;
    draw(
        report,
        t,
        t.report_chart_accumulated,
        &[
            Line {
                name: t.report_moved_on,
                values: m.iter().map(|x| x.accumulated.moved_on()).collect(),
            },
            Line {
                name: t.outcome_benefits,
                values: m.iter().map(|x| x.accumulated.benefits).collect(),
            },
            Line {
                name: t.report_other_outcomes,
                values: m
                    .iter()
                    .map(|x| x.accumulated.moved + x.accumulated.other + x.accumulated.unknown)
                    .collect(),
            },
        ],
    )
}

/// "mar 26": the axis has little room.
fn short_month(t: &Texts, month: YearMonth) -> String {
    let long = month_label(t, month);
    match long.rsplit_once(' ') {
        Some((name, year)) => format!("{name} {}", &year[year.len().saturating_sub(2)..]),
        None => long,
    }
}

fn draw(report: &MonthlyReport, t: &Texts, title: &str, lines: &[Line]) -> String {
    let mut svg = String::new();
    if let Err(e) = plot(&mut svg, report, t, lines) {
        tracing::error!(error = %e, "drawing a chart failed");
        return String::new();
    }
    // A picture with a name for screen readers, that shrinks to the screen's width.
    svg.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"xMinYMin meet\" ",
            title.replace('"', "'")
        ),
        1,
    )
}

fn plot(
    svg: &mut String,
    report: &MonthlyReport,
    t: &Texts,
    lines: &[Line],
) -> Result<(), Box<dyn std::error::Error>> {
    let months: Vec<_> = report.months.iter().map(|m| m.month).collect();
    let n = months.len().max(1) as i32;
    let top = lines
        .iter()
        .flat_map(|l| l.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(4);
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .margin(14)
        .x_label_area_size(36)
        .y_label_area_size(48)
        .build_cartesian_2d(0..(n - 1).max(1), 0..(top * 8 / 5 + 1))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n.min(6) as usize)
        .y_labels(6)
        .x_label_formatter(&|i| {
            months
                .get(*i as usize)
                .map(|m| short_month(t, *m))
                .unwrap_or_default()
        })
        .label_style(("sans-serif", FONT))
        .light_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .draw()?;
    for (k, line) in lines.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let points: Vec<(i32, i64)> = line
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| (i as i32, *v))
            .collect();
        chart
            .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))?
            .label(line.name)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
            });
        // Markers tell the lines apart without colour: circle, square, triangle, cross.
        match k % 4 {
            0 => {
                chart.draw_series(points.iter().map(|p| Circle::new(*p, 4, colour.filled())))?;
            }
            1 => {
                chart.draw_series(points.iter().map(|p| {
                    EmptyElement::at(*p) + Rectangle::new([(-4, -4), (4, 4)], colour.filled())
                }))?;
            }
            2 => {
                chart.draw_series(
                    points
                        .iter()
                        .map(|p| TriangleMarker::new(*p, 5, colour.filled())),
                )?;
            }
            _ => {
                chart.draw_series(
                    points
                        .iter()
                        .map(|p| Cross::new(*p, 4, colour.stroke_width(2))),
                )?;
            }
        }
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(0x88, 0x88, 0x88))
        .label_font(("sans-serif", FONT))
        .draw()?;
    root.present()?;
    Ok(())
}
