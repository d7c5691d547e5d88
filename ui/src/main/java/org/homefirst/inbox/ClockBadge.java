package org.homefirst.inbox;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.time.Duration;
import java.time.Instant;
import org.homefirst.base.Formats;

/**
 * A task's SLA clock in words with an icon (overdue: warning sign; due soon: clock; otherwise an
 * hourglass), so it reads without colour, on a tablet too.
 */
public final class ClockBadge {

  /** Tasks due within this time are "due soon". */
  static final Duration dueSoon = Duration.ofHours(4);

  private ClockBadge() {}

  /** The badge and, beneath it, the due time and the rule the clock runs by (when it has one): for lists. */
  public static Div cell(InboxTask t, Instant now, String rule) {
    Div cell = new Div(of(t, now, rule));
    if (t.dueAt() != null) {
      Span by = new Span("Due " + Formats.dateTime(t.dueAt()) + (rule == null ? "" : " · " + rule));
      by.getStyle().set("display", "block").set("color", "var(--lumo-secondary-text-color)")
          .set("font-size", "var(--lumo-font-size-xs)").set("line-height", "1.2");
      by.getElement().setAttribute("data-rule", "");
      cell.add(by);
    }
    return cell;
  }

  /** The badge; its tooltip names the due time and the rule ({@code rule} may be null). */
  public static Span of(InboxTask t, Instant now, String rule) {
    return forDue(t.dueAt(), now, rule != null && t.dueAt() != null ? rule : t.name());
  }

  /** The badge of a clock due at {@code dueAt} (null: no clock); the tooltip adds {@code what}. */
  public static Span forDue(Instant dueAt, Instant now, String what) {
    Duration left = dueAt == null ? null : Duration.between(now, dueAt);
    Icon icon;
    Span badge = new Span();
    badge.getElement().getThemeList().add("badge");
    String text;
    if (left == null) {
      icon = VaadinIcon.MINUS.create();
      text = "no clock";
      badge.getElement().getThemeList().add("contrast");
    } else if (left.isNegative()) {
      icon = VaadinIcon.WARNING.create();
      text = Formats.clock(left);
      badge.getElement().getThemeList().add("error primary");
    } else if (left.compareTo(dueSoon) < 0) {
      icon = VaadinIcon.ALARM.create();
      text = "DUE SOON: " + Formats.clock(left);
      badge.getElement().getThemeList().add("contrast primary");
    } else {
      icon = VaadinIcon.HOURGLASS.create();
      text = Formats.clock(left);
    }
    icon.getStyle().set("padding", "var(--lumo-space-xs)");
    icon.getElement().setAttribute("aria-hidden", "true");
    badge.add(icon, new Span(text));
    badge.setTitle((dueAt == null ? "No due time" : "Due " + Formats.dateTime(dueAt)) + (what == null ? "" : " · " + what));
    badge.getElement().setAttribute("data-clock", left == null ? "none" : left.isNegative() ? "overdue" : left.compareTo(dueSoon) < 0 ? "soon" : "ok");
    return badge;
  }

  /** "Discharge ready 3 days" / "not yet discharge ready". */
  public static String readyWords(InboxTask t, Instant now) {
    if (t.dischargeReadyAt() == null) {
      return "Not yet discharge ready";
    }
    long days = Duration.between(t.dischargeReadyAt(), now).toDays();
    return "Discharge ready " + days + (days == 1 ? " day" : " days") + " (since " + Formats.dateTime(t.dischargeReadyAt()).substring(0, 10) + ")";
  }

  static String readyShort(InboxTask t, Instant now) {
    if (t.dischargeReadyAt() == null) {
      return "not yet";
    }
    long days = Duration.between(t.dischargeReadyAt(), now).toDays();
    return days + (days == 1 ? " day" : " days");
  }
}
