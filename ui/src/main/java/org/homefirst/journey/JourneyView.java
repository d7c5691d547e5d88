package org.homefirst.journey;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;

/** One patient's journey across organisations: "tell the story once". */
@Route(value = "referrals", layout = MainLayout.class)
@PermitAll
public class JourneyView extends VerticalLayout implements BeforeEnterObserver, com.vaadin.flow.router.HasUrlParameter<String>, HasDynamicTitle {

  private final ReferralIntake referrals;
  private final JourneyLog journey;
  final Grid<JourneyEntry> timeline = new Grid<>();
  private String title = "Journey | Home First";

  public JourneyView(ReferralIntake referrals, JourneyLog journey) {
    this.referrals = referrals;
    this.journey = journey;
    setSizeFull();
    timeline.addColumn(e -> Formats.dateTime(e.at())).setHeader("When").setAutoWidth(true);
    timeline.addColumn(JourneyEntry::describe).setHeader("What").setAutoWidth(true);
    timeline.addColumn(e -> e.actor() == null ? ("ENGINE".equals(e.source()) ? "Home First" : "") : e.actor()).setHeader("Who");
    timeline.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader("Detail");
  }

  @Override
  public void setParameter(com.vaadin.flow.router.BeforeEvent event, String id) {
    removeAll();
    Optional<Referral> found = Optional.empty();
    try {
      found = referrals.find(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      // not a referral id: shown as not found below
    }
    if (found.isEmpty()) {
      add(new H2("Referral not found"), new Paragraph("There is no referral " + id + "."));
      return;
    }
    Referral r = found.get();
    title = r.patientName() + " | Home First";
    Span status = new Span(r.status());
    status.getElement().getThemeList().add("badge");
    add(
        new H2(r.patientName() + " · NHS " + Formats.nhsNumber(r.nhsNumber())),
        new Paragraph(
            r.hospital().label() + ", ward " + r.ward() + " · " + r.borough().label() + " resident · admitted "
                + Formats.dateTime(r.admittedAt())),
        status,
        timeline);
    timeline.setItems(journey.of(r));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {}

  @Override
  public String getPageTitle() {
    return title;
  }
}
