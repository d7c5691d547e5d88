package org.homefirst.console;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.Localities;
import org.homefirst.referral.Localities.Locality;
import org.homefirst.referral.Localities.Mapping;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Which Redbridge locality team takes the community handoffs of each postcode district or sector:
 * the table {@link Localities} reads at referral, changed here by managers (audited there).
 */
@Route(value = "console/localities", layout = MainLayout.class)
@PageTitle("Redbridge localities | Home First")
@PermitAll
public class LocalitiesView extends VerticalLayout implements BeforeEnterObserver {

  final Grid<Mapping> grid = new Grid<>();
  final TextField prefix = new TextField("Postcode district or sector");
  final Select<Locality> locality = new Select<>();
  final Button save = new Button("Save");
  private final Localities localities;
  private final ConsoleAccess console;
  private final TeamMember me;

  public LocalitiesView(Localities localities, ConsoleAccess console) {
    this.localities = localities;
    this.console = console;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new ConsoleTabs("console/localities"), new H2("Redbridge localities"));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    open();
  }

  /** Builds the page for a console user, or says why not (the refusal is audited). */
  void open() {
    if (grid.getParent().isPresent() || getElement().hasAttribute("data-refused")) {
      return;
    }
    try {
      console.checkMayOpen(me, "Redbridge localities");
    } catch (ConsoleRefused refused) {
      add(new Paragraph(refused.getMessage() + "."));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    add(new Paragraph("A Redbridge resident's assessment at home goes to the locality team for their postcode: the "
        + "sector (IG2 6) if it is listed, else the district (IG2). A postcode in neither goes to Redbridge community "
        + "triage. A change applies to referrals from now on and is audited."));
    grid.addColumn(Mapping::prefix).setHeader("District or sector").setFlexGrow(1);
    grid.addColumn(m -> m.locality().name()).setHeader("Locality").setFlexGrow(2);
    grid.addColumn(m -> "seed".equals(m.changedBy()) ? "Initial (illustrative) table" : "By " + m.changedBy())
        .setHeader("Last changed").setFlexGrow(2);
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
    grid.setAllRowsVisible(true);
    grid.addItemClickListener(e -> {
      prefix.setValue(e.getItem().prefix());
      locality.setValue(e.getItem().locality());
    });
    prefix.setHelperText("e.g. IG1 or IG1 4");
    locality.setLabel("Locality");
    locality.setItems(localities.localities());
    locality.setItemLabelGenerator(Locality::name);
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.addClickListener(e -> save());
    save.addClickShortcut(Key.ENTER).listenOn(prefix);
    HorizontalLayout entry = new HorizontalLayout(prefix, locality, save);
    entry.setAlignItems(Alignment.BASELINE);
    add(grid, new H3("Give a district or sector to a locality"), entry);
    grid.setItems(localities.mappings());
  }

  void save() {
    if (locality.getValue() == null) {
      locality.setInvalid(true);
      locality.setErrorMessage("choose the locality");
      return;
    }
    try {
      Mapping saved = localities.assign(me, prefix.getValue(), locality.getValue().id());
      prefix.setInvalid(false);
      locality.setInvalid(false);
      Notification.show(saved.prefix() + " now goes to " + saved.locality().name() + " (new referrals)")
          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
      grid.setItems(localities.mappings());
    } catch (IllegalArgumentException invalid) {
      prefix.setInvalid(true);
      prefix.setErrorMessage(invalid.getMessage());
    } catch (ConsoleRefused refused) {
      Notification.show(refused.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
  }
}
