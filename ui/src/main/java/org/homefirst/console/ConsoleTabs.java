package org.homefirst.console;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Nav;
import java.util.List;

/**
 * The console's pages as links at the top of each of them, the current one marked for screen
 * readers (aria-current) and by weight, not by colour alone. Routes, not tabs in one view, so
 * every page has an address a manager can bookmark or send.
 */
public class ConsoleTabs extends Nav {

  /** Route and label of each console page, in order. */
  static final List<String[]> PAGES = List.of(
      new String[] {"console", "Now"},
      new String[] {"console/slas", "SLAs"},
      new String[] {"console/delays", "Delays"},
      new String[] {"console/returns", "Returns"},
      new String[] {"console/targets", "SLA targets"},
      new String[] {"console/localities", "Redbridge localities"},
      new String[] {"console/diagram", "Where journeys wait"});

  public ConsoleTabs(String currentRoute) {
    getElement().setAttribute("aria-label", "Manager console");
    addClassName("hf-console-tabs");
    getStyle().set("display", "flex").set("gap", "var(--lumo-space-l)").set("flex-wrap", "wrap")
        .set("border-bottom", "1px solid var(--lumo-contrast-20pct)").set("padding-bottom", "var(--lumo-space-s)");
    for (String[] page : PAGES) {
      Anchor link = new Anchor(page[0], page[1]);
      if (page[0].equals(currentRoute)) {
        link.getElement().setAttribute("aria-current", "page");
        link.getStyle().set("font-weight", "700").set("text-decoration", "underline");
      }
      add(link);
    }
  }
}
