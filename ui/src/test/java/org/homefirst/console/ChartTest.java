package org.homefirst.console;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import elemental.json.Json;
import elemental.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chart's server side: what it sends to the browser, its table, and a click back. */
class ChartTest {

  @BeforeEach
  void vaadin() {
    MockVaadin.setup();
  }

  @AfterEach
  void done() {
    MockVaadin.tearDown();
  }

  @Test
  void aClickInTheDrawingReachesTheListenerWithTheCategoryAndSeries() throws Exception {
    List<Chart.Click> clicks = new ArrayList<>();
    Chart chart = Chart.stackedBars("Waiting", List.of("0", "1", "2-3"),
            Chart.Series.of("Pathway 1", 3, 1, 0), Chart.Series.of("Pathway 3", 1, 0, 2))
        .onClick(clicks::add);
    UI.getCurrent().add(chart);

    click(chart, 2, 1);
    click(chart, 0, -1);

    assertThat(clicks).containsExactly(new Chart.Click(2, "2-3", 1, "Pathway 3", 2),
        new Chart.Click(0, "0", -1, null, 4.0));
    JsonNode spec = new ObjectMapper().readTree(canvas(chart).getElement().getProperty("spec"));
    assertThat(spec.get("stacked").asBoolean()).isTrue();
    assertThat(spec.get("clickable").asBoolean()).isTrue();
    assertThat(spec.get("series").get(1).get("values").toString()).isEqualTo("[1,0,2]");
  }

  @Test
  void theTableHasTheSameNumbersAndItsCellsDrillDownFromTheKeyboard() {
    List<Chart.Click> clicks = new ArrayList<>();
    Chart chart = Chart.stackedBars("Waiting", List.of("0", "1"),
        Chart.Series.of("Pathway 1", 3, 1), Chart.Series.of("Pathway 3", 1, null)).onClick(clicks::add);
    UI.getCurrent().add(chart);
    assertThat(chart.table.isVisible()).isFalse();

    _find(chart, Button.class).stream().filter(b -> b.getText().equals("Show as table")).findFirst().orElseThrow()
        .click();

    assertThat(chart.table.isVisible()).isTrue();
    assertThat(canvas(chart).isVisible()).isFalse();
    assertThat(chart.table.getColumns()).extracting(c -> c.getHeaderText())
        .containsExactly("", "Pathway 1", "Pathway 3", "Total");
    Button cell = (Button) GridKt._getCellComponent(chart.table, 0, "series-1");
    assertThat(cell.getElement().getAttribute("aria-label")).isEqualTo("Open 0, Pathway 3: 1");
    assertThat(GridKt._getCellComponent(chart.table, 1, "series-1")).as("no value, nothing to open")
        .isNotInstanceOf(Button.class);
    cell.click();
    assertThat(clicks).containsExactly(new Chart.Click(0, "0", 1, "Pathway 3", 1));
  }

  @Test
  void aHeatmapSendsItsCellsAndAnEmptyChartSaysSo() throws Exception {
    Chart heat = Chart.heatmap("Breaches", List.of("Mon", "Tue"), List.of("Triage", "Transfer"),
        new Number[][] {{1, 0}, {null, 5}});
    JsonNode spec = new ObjectMapper().readTree(canvas(heat).getElement().getProperty("spec"));
    assertThat(spec.get("cells").toString()).isEqualTo("[[0,0,1],[1,0,0],[0,1,\"-\"],[1,1,5]]");
    assertThat(spec.get("rows").toString()).isEqualTo("[\"Triage\",\"Transfer\"]");

    Chart empty = Chart.bars("Nothing", List.of(), new Chart.Series[0]).whenEmpty("No patients yet.");
    assertThat(empty.empty.isVisible()).isTrue();
    assertThat(empty.empty.getText()).isEqualTo("No patients yet.");
    assertThat(canvas(empty).isVisible()).isFalse();
    assertThatThrownBy(() -> Chart.bars("Bad", List.of("a", "b"), Chart.Series.of("S", 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLineChartCarriesItsTargetToTheDrawingAndTheTable() throws Exception {
    Chart line = Chart.lines("Met within 24 h", List.of("Sep", "Oct"), List.of(Chart.Series.of("Share", 0.8, 0.95)),
        0.9).axes("Month", "Share met");
    JsonNode spec = new ObjectMapper().readTree(canvas(line).getElement().getProperty("spec"));
    assertThat(spec.get("target").asDouble()).isEqualTo(0.9);
    assertThat(spec.get("targetLabel").asText()).isEqualTo("Target 0.9");
    assertThat(line.table.getColumns()).extracting(c -> c.getHeaderText())
        .containsExactly("Month", "Share", "Target 0.9");
    assertThat(Chart.number(0.95)).isEqualTo("0.95");
    assertThat(Chart.number(1234.0)).isEqualTo("1234");
  }

  private static Chart.ChartCanvas canvas(Chart chart) {
    return chart.canvas();
  }

  private static void click(Chart chart, int category, int series) {
    JsonObject data = Json.createObject();
    data.put("event.detail.categoryIndex", category);
    data.put("event.detail.seriesIndex", series);
    canvas(chart).getElement().getNode().getFeature(ElementListenerMap.class)
        .fireEvent(new DomEvent(canvas(chart).getElement(), "hf-chart-click", data));
  }
}
