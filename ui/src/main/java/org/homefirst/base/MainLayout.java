package org.homefirst.base;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.List;
import org.homefirst.audit.AuditView;
import org.homefirst.console.ConsoleAccess;
import org.homefirst.designer.DesignerAccess;
import org.homefirst.inbox.InboxView;
import org.homefirst.inbox.StaffDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.homefirst.inbox.TeamMember;
import org.homefirst.inbox.Teams;
import org.springframework.security.core.context.SecurityContextHolder;

/** The frame around every signed-in page: navigation, who is signed in, sign out. */
@PermitAll
public class MainLayout extends AppLayout {

  public MainLayout(
      AuthenticationContext auth,
      StaffDirectory staff,
      org.homefirst.incident.Incidents incidents,
      ConsoleAccess console,
      DesignerAccess designer,
      @Value("${homefirst.audit.viewer-teams:managers,admins}") List<String> auditTeams) {
    H1 title = new H1("Home First");
    title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
    TeamMember me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    staff.seen(me);
    // A system lead is in every team: name two at most, the rest on hover, so the header stays one line.
    String teams = me.teams().size() <= 2 ? Teams.names(me.teams()) : me.teams().size() + " teams";
    Span who = new Span(me.username() + " · " + teams);
    who.setTitle(Teams.names(me.teams()));
    who.getElement().setAttribute("aria-label", "Signed in as " + me.username() + ", in " + Teams.names(me.teams()));
    Button signOut = new Button("Sign out", e -> auth.logout());
    HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, signOut);
    header.setWidthFull();
    header.setAlignItems(FlexComponent.Alignment.CENTER);
    header.expand(who);
    header.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(header);
    SideNav nav = new SideNav();
    nav.addItem(new SideNavItem("Work queues", InboxView.class, VaadinIcon.TASKS.create()));
    nav.addItem(new SideNavItem("Refer a patient", org.homefirst.referral.ReferView.class, VaadinIcon.PLUS_CIRCLE.create()));
    if (console.mayOpen(me)) {
      // By path, not by class: a class reached from the layout is loaded on every page, and the
      // console's charts would weigh on the inbox.
      nav.addItem(new SideNavItem("Manager console", "console", VaadinIcon.DASHBOARD.create()));
    }
    if (designer.mayOpen(me)) {
      // By path, as the console: the designer's editor must not load with every page.
      nav.addItem(new SideNavItem("Designer workspace", "designer", VaadinIcon.SITEMAP.create()));
    }
    if (incidents.mayOperate(me)) {
      nav.addItem(new SideNavItem("Incidents", org.homefirst.incident.IncidentsView.class,
          VaadinIcon.WARNING.create()));
    }
    if (auditTeams.stream().anyMatch(me::isIn)) {
      nav.addItem(new SideNavItem("Audit log", AuditView.class, VaadinIcon.EYE.create()));
    }
    addToDrawer(nav);
  }
}
