package org.homefirst.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.function.SerializableConsumer;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A chart for the manager console (Apache ECharts, drawn in the browser) that is also a table: a
 * "Show as table" button swaps the drawing for a grid of the same numbers, so nothing is only in
 * a picture. Bars carry patterns and lines symbols and dash styles besides colours, a heatmap
 * writes its number in every cell, and the chart has a heading that names it for screen readers.
 * A click on a bar, point, cell or category (in the chart or the table) can drill down.
 *
 * <pre>
 * Chart.stackedBars("Waiting by days since ready", List.of("0", "1", "2-3"),
 *         Chart.Series.of("Pathway 1", 3, 1, 0), Chart.Series.of("Pathway 3", 1, 0, 2))
 *     .axes("Days since the discharge ready date", "Patients")
 *     .onClick(click -> open(click.category(), click.series()));
 * </pre>
 */
public class Chart extends Composite<Div> {

  /** One named row of values along the categories; a null value is a gap (no data), not zero. */
  public record Series(String name, List<Number> values) {
    public Series {
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static Series of(String name, Number... values) {
      return new Series(name, Arrays.asList(values));
    }

    public static Series of(String name, List<? extends Number> values) {
      return new Series(name, new ArrayList<>(values));
    }
  }

  /**
   * What was clicked: a category (a bar group, an x label, a heatmap column) and, unless the
   * whole category was chosen ({@code series} null), the series (a heatmap row) within it.
   */
  public record Click(int categoryIndex, String category, int seriesIndex, String series, Number value) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger IDS = new AtomicInteger();

  enum Kind { BAR, STACKED, LINE, HEATMAP }

  private final Kind kind;
  private final String title;
  private List<String> categories;
  private List<Series> series;
  private final Double target;
  private String xName = "";
  private String yName = "";
  private String targetLabel;
  private boolean horizontal;
  private String emptyText = "Nothing to show for this chart yet.";
  private SerializableConsumer<Click> listener;
  private boolean asTable;

  private final H3 heading = new H3();
  private final Button toggle = new Button("Show as table");
  private final ChartCanvas canvas = new ChartCanvas();
  final Grid<Integer> table = new Grid<>();
  final Paragraph empty = new Paragraph();

  private Chart(Kind kind, String title, List<String> categories, List<Series> series, Double target) {
    this.kind = kind;
    this.title = title;
    this.target = target;
    this.targetLabel = target == null ? null : "Target " + number(target);
    data(categories, series);
    build();
  }

  private void data(List<String> categories, List<Series> series) {
    for (Series s : series) {
      if (s.values().size() != categories.size()) {
        throw new IllegalArgumentException("Series " + s.name() + " has " + s.values().size()
            + " values for " + categories.size() + " categories");
      }
    }
    this.categories = List.copyOf(categories);
    this.series = List.copyOf(series);
  }

  /**
   * New numbers for the same chart (a live page): redrawn in place, without a new chart, so the
   * page does not flicker and a reader keeps the table or chart they chose.
   */
  public Chart update(List<String> categories, List<Series> series) {
    data(categories, series);
    refresh();
    return this;
  }

  /** Bars side by side, one per series in each category. */
  public static Chart bars(String title, List<String> categories, Series... series) {
    return new Chart(Kind.BAR, title, categories, List.of(series), null);
  }

  /** Bars stacked: each category's bar is the total, split by series (e.g. by pathway). */
  public static Chart stackedBars(String title, List<String> categories, Series... series) {
    return new Chart(Kind.STACKED, title, categories, List.of(series), null);
  }

  /** Lines over the x labels (e.g. months), with a dashed target line when target is not null. */
  public static Chart lines(String title, List<String> xLabels, List<Series> series, Double target) {
    return new Chart(Kind.LINE, title, xLabels, series, target);
  }

  /**
   * A grid of shaded cells with their numbers: {@code values[row][column]}, a null cell empty.
   * Clicks report the column as the category and the row as the series.
   */
  public static Chart heatmap(String title, List<String> columns, List<String> rows, Number[][] values) {
    if (values.length != rows.size()) {
      throw new IllegalArgumentException(values.length + " rows of values for " + rows.size() + " row labels");
    }
    List<Series> asSeries = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      asSeries.add(new Series(rows.get(r), Arrays.asList(values[r])));
    }
    return new Chart(Kind.HEATMAP, title, columns, asSeries, null);
  }

  /** Names of the category axis and the value axis (the table's first header is the first). */
  public Chart axes(String categoryAxis, String valueAxis) {
    this.xName = categoryAxis;
    this.yName = valueAxis;
    refresh();
    return this;
  }

  /** Bars grow left to right with the categories down the side: for long category names. */
  public Chart horizontal() {
    this.horizontal = true;
    refresh();
    return this;
  }

  /** The words of the target line (default "Target" and the value). */
  public Chart targetLabel(String label) {
    this.targetLabel = label;
    refresh();
    return this;
  }

  /** What to say instead of an empty chart. */
  public Chart whenEmpty(String text) {
    this.emptyText = text;
    refresh();
    return this;
  }

  /** Drill-down: called with what was clicked in the chart, or chosen in its table. */
  public Chart onClick(SerializableConsumer<Click> listener) {
    this.listener = listener;
    refresh();
    return this;
  }

  /** Shows the table instead of the drawing (or back). */
  public Chart showTable(boolean asTable) {
    this.asTable = asTable;
    canvas.setVisible(!asTable && !isEmpty());
    table.setVisible(asTable && !isEmpty());
    toggle.setText(asTable ? "Show as chart" : "Show as table");
    toggle.getElement().setAttribute("aria-pressed", String.valueOf(asTable));
    return this;
  }

  public Chart height(String cssHeight) {
    canvas.getStyle().set("height", cssHeight);
    return this;
  }

  public String title() {
    return title;
  }

  ChartCanvas canvas() {
    return canvas;
  }

  boolean isEmpty() {
    return categories.isEmpty() || series.isEmpty()
        || series.stream().allMatch(s -> s.values().stream().allMatch(v -> v == null));
  }

  private void build() {
    String id = "hf-chart-" + IDS.incrementAndGet();
    heading.setText(title);
    heading.setId(id);
    heading.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
    canvas.getElement().setAttribute("role", "img");
    canvas.getElement().setAttribute("aria-labelledby", id);
    canvas.getStyle().set("height", "20rem").set("width", "100%");
    canvas.onClicked(e -> clicked(e.categoryIndex, e.seriesIndex));
    toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
    toggle.getElement().setAttribute("aria-label", "Show " + title + " as a table or as a chart");
    toggle.addClickListener(e -> showTable(!asTable));
    table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    table.setAllRowsVisible(true);
    table.getElement().setAttribute("aria-label", title);
    empty.getStyle().set("color", "var(--lumo-secondary-text-color)");
    HorizontalLayout top = new HorizontalLayout(heading, toggle);
    top.setWidthFull();
    top.setAlignItems(FlexComponent.Alignment.BASELINE);
    top.expand(heading);
    Div root = getContent();
    root.addClassName("hf-chart");
    root.setWidthFull();
    root.add(top, empty, canvas, table);
    refresh();
  }

  private void refresh() {
    empty.setText(emptyText);
    empty.setVisible(isEmpty());
    toggle.setVisible(!isEmpty());
    canvas.getElement().setProperty("spec", spec());
    fillTable();
    showTable(asTable);
  }

  private void clicked(int categoryIndex, int seriesIndex) {
    if (listener == null || categoryIndex < 0 || categoryIndex >= categories.size()) {
      return;
    }
    Series s = seriesIndex >= 0 && seriesIndex < series.size() ? series.get(seriesIndex) : null;
    listener.accept(new Click(categoryIndex, categories.get(categoryIndex), s == null ? -1 : seriesIndex,
        s == null ? null : s.name(), s == null ? total(categoryIndex) : s.values().get(categoryIndex)));
  }

  private Number total(int categoryIndex) {
    double sum = 0;
    for (Series s : series) {
      Number v = s.values().get(categoryIndex);
      sum += v == null ? 0 : v.doubleValue();
    }
    return sum;
  }

  /** Rows of the table: one per category (heatmap: one per row label). */
  private void fillTable() {
    table.removeAllColumns();
    boolean heat = kind == Kind.HEATMAP;
    if (heat) {
      table.addColumn(r -> series.get(r).name()).setHeader(yName.isEmpty() ? "" : yName).setAutoWidth(true)
          .setFrozen(true);
      for (int c = 0; c < categories.size(); c++) {
        int column = c;
        table.addComponentColumn(r -> cell(column, r, series.get(r).values().get(column)))
            .setHeader(categories.get(c)).setAutoWidth(true);
      }
      table.setItems(IntStream.range(0, series.size()).boxed().toList());
      return;
    }
    table.addComponentColumn(c -> categoryCell(c)).setHeader(xName.isEmpty() ? "" : xName).setAutoWidth(true)
        .setFrozen(true).setKey("category");
    for (int s = 0; s < series.size(); s++) {
      int index = s;
      table.addComponentColumn(c -> cell(c, index, series.get(index).values().get(c)))
          .setHeader(series.get(s).name()).setAutoWidth(true).setKey("series-" + s);
    }
    if (kind == Kind.STACKED && series.size() > 1) {
      table.addColumn(c -> number(total(c))).setHeader("Total").setAutoWidth(true);
    }
    if (target != null) {
      table.addColumn(c -> number(target)).setHeader(targetLabel == null ? "Target" : targetLabel).setAutoWidth(true);
    }
    table.setItems(IntStream.range(0, categories.size()).boxed().toList());
  }

  private Component categoryCell(int c) {
    if (listener == null || kind == Kind.LINE) {
      return new Span(categories.get(c));
    }
    Button b = new Button(categories.get(c), e -> clicked(c, -1));
    b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
    b.getElement().setAttribute("aria-label", "Open " + categories.get(c) + ": " + number(total(c)));
    return b;
  }

  private Component cell(int categoryIndex, int seriesIndex, Number value) {
    String text = value == null ? "–" : number(value);
    if (listener == null || value == null) {
      return new Span(text);
    }
    Button b = new Button(text, e -> clicked(categoryIndex, seriesIndex));
    b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
    b.getElement().setAttribute("aria-label", "Open " + categories.get(categoryIndex) + ", "
        + series.get(seriesIndex).name() + ": " + text);
    return b;
  }

  static String number(Number n) {
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return String.valueOf((long) d);
    }
    return new DecimalFormat("#,##0.0#", DecimalFormatSymbols.getInstance(Locale.UK)).format(d);
  }

  String spec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("kind", kind == Kind.HEATMAP ? "heatmap" : kind == Kind.LINE ? "line" : "bar");
    spec.put("stacked", kind == Kind.STACKED);
    spec.put("title", title);
    spec.put("xName", xName);
    spec.put("yName", yName);
    spec.put("horizontal", horizontal);
    spec.put("clickable", listener != null);
    spec.put("labels", kind == Kind.BAR || kind == Kind.STACKED);
    spec.put("categories", categories);
    boolean integers = series.stream().flatMap(s -> s.values().stream())
        .allMatch(v -> v == null || v.doubleValue() == Math.rint(v.doubleValue()));
    spec.put("integers", integers);
    if (kind == Kind.HEATMAP) {
      spec.put("rows", series.stream().map(Series::name).toList());
      List<Object[]> cells = new ArrayList<>();
      for (int r = 0; r < series.size(); r++) {
        for (int c = 0; c < categories.size(); c++) {
          Number v = series.get(r).values().get(c);
          cells.add(new Object[] {c, r, v == null ? "-" : v});
        }
      }
      spec.put("cells", cells);
    } else {
      spec.put("series", series.stream().map(s -> Map.of("name", s.name(), "values", s.values())).toList());
    }
    spec.put("target", target);
    spec.put("targetLabel", targetLabel);
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The ECharts element; loaded only where a chart is shown (the console's routes). Public only
   * because Vaadin creates its click events by reflection.
   */
  @Tag("hf-chart")
  @NpmPackage(value = "echarts", version = "6.1.0")
  @JsModule("./console-chart.js")
  public static class ChartCanvas extends Component {

    /** A click on a bar, point, cell or category label. */
    @DomEvent("hf-chart-click")
    public static class Clicked extends ComponentEvent<ChartCanvas> {
      final int categoryIndex;
      final int seriesIndex;

      public Clicked(ChartCanvas source, boolean fromClient,
          @EventData("event.detail.categoryIndex") int categoryIndex,
          @EventData("event.detail.seriesIndex") int seriesIndex) {
        super(source, fromClient);
        this.categoryIndex = categoryIndex;
        this.seriesIndex = seriesIndex;
      }
    }

    void onClicked(ComponentEventListener<Clicked> l) {
      addListener(Clicked.class, l);
    }
  }
}
