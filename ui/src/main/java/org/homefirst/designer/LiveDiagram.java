package org.homefirst.designer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import java.time.format.DateTimeFormatter;
import org.homefirst.journey.BpmnViewer;

/** The deployed diagram with the live counts on its steps, a legend and an empty state. */
class LiveDiagram extends Div {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);

  final Paragraph legend = new Paragraph();

  LiveDiagram(String name, String xml, LiveCounts.Counts counts) {
    add(new H3("Latest version, live"));
    String period = DAY.format(counts.from()) + " to " + DAY.format(counts.to());
    if (counts.steps().isEmpty()) {
      legend.setText("No journey is waiting at a step of this model now, and none passed through one from "
          + period + ".");
    } else {
      legend.setText("On each step: \"N waiting\" is the journeys waiting there now (on any version); \"avg\" is "
          + "the average time journeys spent there, for steps that ended from " + period
          + " (the manager console's figures). Darker shading repeats the waiting count. " + counts.waiting()
          + " waiting in all.");
    }
    legend.addClassName("hf-live-legend");
    BpmnViewer viewer = new BpmnViewer(xml, java.util.List.of()).overlays(LiveCounts.overlays(counts)).tall();
    viewer.getElement().setAttribute("aria-label", "Diagram of the latest version of " + name
        + " with the journeys waiting now and the average time spent on each step");
    add(legend, viewer);
    setWidthFull();
  }
}
