//! Tables for the terminal.

use std::io::Write;

/// Columns padded to their widest cell, counted in characters so that
/// Cyrillic names line up. Rows are made twice, once to measure and once
/// to print, rather than all kept at once.
pub(in crate::cli) fn print_table(
    out: &mut impl Write,
    head: &[&str],
    count: usize,
    row: impl Fn(usize) -> Vec<String>,
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for i in 0..count {
        for (w, c) in widths.iter_mut().zip(row(i)) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let last = cells.len() - 1;
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i == last {
                writeln!(out, "{c}")?;
            } else {
                let pad = w - c.chars().count();
                write!(out, "{c}{}  ", " ".repeat(pad))?;
            }
        }
        Ok(())
    };
    line(out, &head.iter().map(|s| s.to_string()).collect::<Vec<_>>())?;
    for i in 0..count {
        line(out, &row(i))?;
    }
    Ok(())
}
