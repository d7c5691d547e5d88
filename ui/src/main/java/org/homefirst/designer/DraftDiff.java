package org.homefirst.designer;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.ArrayList;
import java.util.List;
import org.homefirst.inbox.TeamMember;

/**
 * The "Changes" section of a draft, as the author, the second designer and the manager see it
 * before approving: the dependency warnings first (ids removed or renamed that journeys, SLA
 * rules, the contract or code rely on), then every change in words, and the diagram with the
 * changed elements marked (removed ones on the deployed version's diagram). An approved or
 * deployed draft offers its export for {@code processes/}.
 */
class DraftDiff extends Div {

  private final ReviewChanges changes;
  private final ModelExport export;
  private final TeamMember me;
  final Paragraph summary = new Paragraph();
  final UnorderedList warnings = new UnorderedList();
  final UnorderedList list = new UnorderedList();
  final Div diagrams = new Div();
  final Anchor download;
  ReviewChanges.Review review;

  DraftDiff(ReviewChanges changes, ModelExport export, TeamMember me) {
    this.changes = changes;
    this.export = export;
    this.me = me;
    warnings.getElement().setAttribute("aria-label", "Warnings: ids others depend on");
    warnings.addClassName("hf-diff-warnings");
    list.getElement().setAttribute("aria-label", "Changes against the deployed version");
    download = new Anchor();
    download.setText("Export for processes/");
    download.setVisible(false);
    add(new H3("Changes"), summary, warnings, list, diagrams, download);
    setWidthFull();
  }

  /** Shows the changes of the draft as saved. */
  void show(Drafts.Draft draft) {
    try {
      review = changes.of(me, draft);
    } catch (IllegalArgumentException unreadable) {
      review = null;
      summary.setText("The changes cannot be listed: " + unreadable.getMessage());
      warnings.setVisible(false);
      list.setVisible(false);
      diagrams.removeAll();
      return;
    }
    summary.setText(summary(draft));
    warnings.removeAll();
    review.warnings().forEach(w -> warnings.add(new ListItem("Warning: " + w.sentence())));
    warnings.setVisible(!review.warnings().isEmpty());
    list.removeAll();
    review.changes().forEach(c -> list.add(new ListItem(c.sentence())));
    list.setVisible(!review.changes().isEmpty());
    diagrams.removeAll();
    if (draft.kind() == ModelCatalog.Kind.PROCESS && !review.changes().isEmpty()) {
      List<ModelDiff.Change> onDraft = new ArrayList<>();
      List<ModelDiff.Change> onDeployed = new ArrayList<>();
      review.changes().forEach(c -> (c.kind() == ModelDiff.Kind.REMOVED ? onDeployed : onDraft).add(c));
      diagrams.add(new Paragraph("On the diagrams each change is labelled above the element and outlined: "
          + "'+ added' solid, '~ changed' dashed, '→ renamed' dash-dot, '− removed' dotted (on the deployed"
          + " version's diagram)."));
      diagrams.add(new H4("This draft"), new ChangesDiagram(draft.xml(), onDraft,
          "Diagram of this draft with added, changed and renamed elements labelled"));
      if (!onDeployed.isEmpty()) {
        diagrams.add(new H4("Deployed version " + review.baseVersion() + ": what the draft removes"),
            new ChangesDiagram(review.baseXml(), onDeployed,
                "Diagram of the deployed version with the elements this draft removes labelled"));
      }
    }
    boolean exportable = ModelExport.mayExport(draft);
    download.setVisible(exportable);
    if (exportable) {
      download.setHref(event -> {
        ModelExport.File file = export.export(me, draft.id());
        byte[] bytes = file.bytes();
        event.setFileName(file.name());
        event.setContentType("application/xml");
        event.setContentLength(bytes.length);
        event.getOutputStream().write(bytes);
      });
      download.getElement().setAttribute("download", true);
      download.getElement().setAttribute("aria-label", "Export for processes/: downloads "
          + ModelExport.fileName(draft.resourceName()) + " to copy over the file in"
          + " processes/src/main/resources/homefirst/");
    }
  }

  /** For the outcome of a submit: the warnings, so the author sees them when asking for review. */
  String warningNote() {
    if (review == null || review.warnings().isEmpty()) {
      return "";
    }
    int n = review.warnings().size();
    return " Note: " + n + (n == 1 ? " removed or renamed id is" : " removed or renamed ids are")
        + " depended on (see Changes).";
  }

  private String summary(Drafts.Draft draft) {
    int n = review.changes().size();
    String counted = n == 0 ? "No changes" : n + (n == 1 ? " change" : " changes");
    String text = counted + " against deployed version " + review.baseVersion() + " of " + draft.modelKey()
        + (review.warnings().isEmpty() ? "." : "; " + review.warnings().size()
            + (review.warnings().size() == 1 ? " warning" : " warnings") + " first.");
    return review.deployedSince() == null ? text : text + " " + review.deployedSince();
  }
}
