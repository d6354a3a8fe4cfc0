package org.pyfutures.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A plain-text table printer: a header, rows of cells, columns padded to fit; numbers are right-aligned. */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * Creates a table.
   *
   * @param header the column titles
   */
  public Table(String... header) {
    this.header = List.of(header);
  }

  /**
   * Adds a row; missing cells print empty, {@code null} prints as {@code -}.
   *
   * @param cells the cells, in column order
   * @return this table
   * @throws IllegalArgumentException if there are more cells than columns
   */
  public Table row(Object... cells) {
    if (cells.length > header.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>(header.size());
    for (Object cell : cells) {
      row.add(cell == null ? "-" : cell.toString());
    }
    while (row.size() < header.size()) {
      row.add("");
    }
    rows.add(row);
    return this;
  }

  /**
   * Returns the rows added so far, as strings.
   *
   * @return the rows, unmodifiable
   */
  public List<List<String>> rows() {
    return rows.stream().map(List::copyOf).toList();
  }

  /**
   * Prints the table.
   *
   * @param out where to print
   */
  public void print(PrintStream out) {
    out.print(render());
  }

  /**
   * Returns the table as text, one line per row, with a rule under the header.
   *
   * @return the text
   */
  public String render() {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, header, widths, false);
    String[] rule = new String[widths.length];
    for (int c = 0; c < widths.length; c++) {
      rule[c] = "-".repeat(widths[c]);
    }
    line(text, Arrays.asList(rule), widths, false);
    for (List<String> row : rows) {
      line(text, row, widths, true);
    }
    return text.toString();
  }

  private static void line(StringBuilder text, List<String> cells, int[] widths, boolean alignNumbers) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : "  ");
      line.append(alignNumbers && c > 0 && looksNumeric(cell) ? pad + cell : cell + pad);
    }
    text.append(line.toString().stripTrailing()).append(System.lineSeparator());
  }

  private static boolean looksNumeric(String cell) {
    return !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.equals("-") || cell.charAt(0) == '-'
        && cell.length() > 1 && Character.isDigit(cell.charAt(1)));
  }

  /**
   * Formats a number with a precision that suits its size: 3 significant digits below 100, whole numbers above,
   * thousands separated.
   *
   * @param value the number
   * @return the text, or {@code -} for NaN
   */
  public static String num(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 100 || value == 0) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /**
   * Formats a speedup or ratio as {@code 1.93x}.
   *
   * @param ratio the ratio
   * @return the text, or {@code -} for NaN
   */
  public static String times(double ratio) {
    return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
