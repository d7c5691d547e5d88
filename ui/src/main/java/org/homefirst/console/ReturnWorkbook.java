package org.homefirst.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A return as an Excel workbook: a sheet of figures with their definitions, sources, targets, the
 * period and scope (and who submitted it, when it is a submission), then a sheet per basis with
 * the patient rows the reader may see and how many were held back.
 */
final class ReturnWorkbook {

  static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private ReturnWorkbook() {}

  /** One basis as the reader may see it. */
  record VisibleBasis(Basis basis, List<BasisRow> rows, int hidden) {}

  static byte[] write(Returns.ReturnReport report, String provenance, List<VisibleBasis> bases,
      Map<UUID, Returns.Patient> patients) {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = book.createCellStyle();
      Font font = book.createFont();
      font.setBold(true);
      bold.setFont(font);
      Set<String> names = new HashSet<>();
      Sheet figures = book.createSheet(sheetName("Figures", names));
      int r = 0;
      row(figures, r++, bold, report.kind().label());
      row(figures, r++, null, "Period", report.period().from().toString(), report.period().to().toString(),
          report.period().words());
      row(figures, r++, null, "Scope", report.scope().words());
      row(figures, r++, null, provenance);
      r++;
      row(figures, r++, bold, "Figure", "Value", "Numerator", "Denominator", "Unit", "Target", "Against target",
          "Definition", "Source");
      for (Figure f : report.figures()) {
        Row row = figures.createRow(r++);
        row.createCell(0).setCellValue(f.label());
        if (f.value() != null) {
          row.createCell(1).setCellValue(f.value());
        } else {
          row.createCell(1).setCellValue("no data");
        }
        if (f.numerator() != null) {
          row.createCell(2).setCellValue(f.numerator());
          row.createCell(3).setCellValue(f.denominator());
        }
        row.createCell(4).setCellValue(f.unit());
        row.createCell(5).setCellValue(f.target() == null ? "" : f.target());
        row.createCell(6).setCellValue(f.judged());
        row.createCell(7).setCellValue(f.definition());
        row.createCell(8).setCellValue(f.source());
      }
      figures.setColumnWidth(0, 60 * 256);
      figures.setColumnWidth(7, 90 * 256);
      for (VisibleBasis vb : bases) {
        Sheet sheet = book.createSheet(sheetName(vb.basis().name(), names));
        int i = 0;
        row(sheet, i++, bold, vb.basis().name());
        row(sheet, i++, null, vb.basis().description());
        row(sheet, i++, null, vb.rows().size() + " rows shown"
            + (vb.hidden() > 0 ? "; " + vb.hidden() + " patients outside your teams not included" : ""));
        i++;
        String[] header = new String[vb.basis().columns().size() + 4];
        header[0] = "Row";
        header[1] = "Referral";
        header[2] = "NHS number";
        header[3] = "Patient";
        for (int c = 0; c < vb.basis().columns().size(); c++) {
          header[c + 4] = vb.basis().columns().get(c);
        }
        row(sheet, i++, bold, header);
        for (BasisRow br : vb.rows()) {
          Returns.Patient p = patients.get(br.referralId());
          String[] cells = new String[header.length];
          cells[0] = br.key();
          cells[1] = br.referralId().toString();
          cells[2] = p == null ? "" : p.nhsNumber();
          cells[3] = p == null ? "" : p.name();
          for (int c = 0; c < vb.basis().columns().size(); c++) {
            cells[c + 4] = br.values().getOrDefault(vb.basis().columns().get(c), "");
          }
          row(sheet, i++, null, cells);
        }
      }
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // A string cell is never evaluated as a formula, so text goes in as it is (unlike in a CSV file).
  private static void row(Sheet sheet, int index, CellStyle style, String... cells) {
    Row row = sheet.createRow(index);
    for (int c = 0; c < cells.length; c++) {
      var cell = row.createCell(c);
      cell.setCellValue(cells[c]);
      if (style != null) {
        cell.setCellStyle(style);
      }
    }
  }

  /** A legal, unique sheet name (at most 31 characters, none of []:*?/\). */
  private static String sheetName(String wanted, Set<String> taken) {
    String base = WorkbookUtil.createSafeSheetName(wanted);
    base = base.length() > 28 ? base.substring(0, 28) : base;
    String name = base;
    for (int n = 2; !taken.add(name.toLowerCase()); n++) {
      name = base + " " + n;
    }
    return name;
  }
}
