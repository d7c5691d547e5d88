package org.homefirst.console;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.homefirst.audit.AuditLog;
import org.homefirst.inbox.TeamMember;
import org.springframework.stereotype.Component;

/**
 * Every console table as a CSV download: one link per table, built with
 * {@code csv.link(member, "Delayed patients, Havering", "delayed-patients.csv", () -> CsvTable.of(rows)...)}.
 * The table is made when the file is asked for; only console users get it, and every download is
 * audited. A cell that a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * carriage return before one) is written with a leading apostrophe, so opening an export can never
 * run what a patient record contained.
 */
@Component
public class CsvDownload {

  static final String CONTENT_TYPE = "text/csv;charset=UTF-8";
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

  private final ConsoleAccess access;
  private final AuditLog audit;

  CsvDownload(ConsoleAccess access, AuditLog audit) {
    this.access = access;
    this.audit = audit;
  }

  /** A link that downloads the table as {@code fileName}; {@code what} names it in the audit log. */
  public Anchor link(TeamMember member, String what, String fileName, Supplier<CsvTable<?>> table) {
    Anchor link = link(member, () -> what, () -> fileName, "Download " + what + " as CSV", table);
    link.getElement().setAttribute("download", fileName);
    return link;
  }

  /**
   * A link for a table whose name in the audit log ({@code what}) and file name follow what the
   * page shows when the file is asked for (its period, its borough); {@code label} tells a screen
   * reader which table the link downloads.
   */
  public Anchor link(TeamMember member, Supplier<String> what, Supplier<String> fileName, String label,
      Supplier<CsvTable<?>> table) {
    DownloadHandler handler = event -> {
      byte[] bytes = export(member, what.get(), table.get());
      event.setFileName(fileName.get());
      event.setContentType(CONTENT_TYPE);
      event.setContentLength(bytes.length);
      event.getOutputStream().write(bytes);
    };
    Anchor link = new Anchor(handler, "Download CSV");
    link.getElement().setAttribute("aria-label", label);
    link.getElement().setAttribute("download", true);
    return link;
  }

  /** The file's bytes, after the console check, audited. */
  byte[] export(TeamMember member, String what, CsvTable<?> table) {
    access.checkMayOpen(member, "export " + what);
    audit.record(member.username(), AuditLog.Action.EXPORT, null, null,
        what + " as CSV (" + table.size() + " rows)");
    return write(table.headers(), table.values()).getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 4180 CSV with a byte order mark, so Excel reads the UTF-8 (names, the arrow of a change) right. */
  static String write(List<String> headers, List<? extends List<?>> rows) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
      csv.printRecord(headers.stream().map(CsvDownload::cell).toList());
      for (List<?> row : rows) {
        csv.printRecord(row.stream().map(CsvDownload::cell).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The text of a cell, defused when a spreadsheet would take it as a formula. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (s.isEmpty()) {
      return s;
    }
    char first = s.charAt(0);
    boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    // A number stays a number: a negative count or "-2.5" is data, not a formula.
    if (formula && (value instanceof Number || s.matches("-?\\d+(\\.\\d+)?"))) {
      return s;
    }
    return formula ? "'" + s : s;
  }
}
