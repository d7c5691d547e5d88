package org.homefirst.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A table to download as CSV, built from the rows a page already shows, a column at a time:
 * {@code CsvTable.of(rows).column("Patient", Row::name).column("Days", Row::days)}.
 */
public final class CsvTable<T> {

  private final List<T> rows;
  private final List<String> headers = new ArrayList<>();
  private final List<Function<T, ?>> cells = new ArrayList<>();

  private CsvTable(Collection<T> rows) {
    this.rows = List.copyOf(rows);
  }

  public static <T> CsvTable<T> of(Collection<T> rows) {
    return new CsvTable<>(rows);
  }

  /** Adds a column; a null value is written as an empty cell. */
  public CsvTable<T> column(String header, Function<T, ?> value) {
    headers.add(header);
    cells.add(value);
    return this;
  }

  List<String> headers() {
    return List.copyOf(headers);
  }

  List<List<Object>> values() {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (T row : rows) {
      List<Object> line = new ArrayList<>(cells.size());
      cells.forEach(c -> line.add(c.apply(row)));
      out.add(line);
    }
    return out;
  }

  int size() {
    return rows.size();
  }
}
