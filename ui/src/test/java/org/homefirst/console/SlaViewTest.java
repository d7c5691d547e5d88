package org.homefirst.console;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SLA page on the server (Karibu-Testing) with the real services: a manager sees every rule,
 * the method of the prediction in words and a breached patient linked to their journey; someone
 * who is no lead is refused.
 */
class SlaViewTest extends ConsoleViewTest {

  @Autowired SlaPerformance performance;
  @Autowired ConsoleAccess access;
  @Autowired CsvDownload csv;
  @Autowired Clock clock;

  @Test
  void aManagerSeesEveryRuleTheMethodAndABreachedPatientLinkedToTheJourney() {
    long root = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    UUID referral = UUID.randomUUID();
    String nhs = validNhsNumber();
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
              admitted_at, status, process_instance_key, created_at, created_by)
            values (?, ?, 'Grace', 'Hopper', date '1940-12-09', 'lbr', 'barts-whipps', 'Ward 3', now(), 'OPEN', ?,
              now(), 'test')""").params(referral, nhs, root).update();
    Timestamp started = Timestamp.from(clock.instant().minus(Duration.ofHours(30)));
    Timestamp due = Timestamp.from(clock.instant().minus(Duration.ofHours(6)));
    long timer = root + 1;
    db.sql("""
            insert into sla_clock (timer_key, referral_id, root_instance_key, instance_key, rule, timer_element_id,
              attached_element_id, team, borough, hospital, started_at, due_at, breached_at)
            values (?, ?, ?, ?, 'triage', 'Timer_TriageSla', 'Task_Triage', 'lbr-hospital-sw', 'lbr', 'barts-whipps',
              ?, ?, ?)""").params(timer, referral, root, root, started, due, due).update();
    db.sql("""
            insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
              bpmn_process_id, definition_key, candidate_groups, state, created_at)
            values (?, ?, ?, ?, 'Task_Triage', 'homefirst-discharge-journey', -1, '{lbr-hospital-sw}', 'CREATED', ?)""")
        .params(timer, root, root, timer, started).update();
    signIn("manager", "managers", "lbr-hospital-sw");

    SlaView view = new SlaView(performance, access, csv, clock);
    UI.getCurrent().add(view);

    assertThat(GridKt._size(view.rules)).isEqualTo(10);
    assertThat(GridKt._getFormattedRow(view.rules, 0).get(0)).isEqualTo("Triage within 24 h of referral");
    assertThat(view.getChildren().filter(Paragraph.class::isInstance).map(c -> ((Paragraph) c).getText()))
        .contains(SlaPerformance.PREDICTION_METHOD);
    List<Long> breached = IntStream.range(0, GridKt._size(view.breaches))
        .mapToObj(i -> GridKt._get(view.breaches, i).timerKey()).toList();
    assertThat(breached).contains(timer);
    int row = breached.indexOf(timer);
    RouterLink link = (RouterLink) GridKt._getCellComponent(view.breaches, row, "patient");
    assertThat(link.getText()).contains("Grace Hopper");
    assertThat(link.getHref()).endsWith(referral.toString());
    assertThat(GridKt._getFormattedRow(view.breaches, row)).contains("Late by 6 h 0 min", "Redbridge Hospital Social Work (Task_Triage)", "Not escalated");

    // The breaches as CSV: the patient's row, the download audited (an export of patient data).
    Anchor download = _find(view, Anchor.class).stream()
        .filter(a -> "Download SLA breaches as CSV".equals(a.getElement().getAttribute("aria-label")))
        .findFirst().orElseThrow();
    String file = new String(DownloadKt._download(download), StandardCharsets.UTF_8);
    assertThat(file).startsWith("\uFEFFreferral_id,nhs_number,patient,rule,wording,due_at,late_hours,open,held_by,")
        .contains("\r\n" + referral + "," + nhs + ",Grace Hopper,triage,Triage within 24 h of referral,");
    assertThat(db.sql("select count(*) from audit_event where actor = 'manager' and action = 'EXPORT'"
        + " and detail like 'SLA breaches as CSV (%'").query(Integer.class).single()).isPositive();
  }

  @Test
  void someoneWhoIsNoLeadIsRefused() {
    signIn("jad.coordinator", "jad");

    SlaView view = new SlaView(performance, access, csv, clock);

    assertThat(view.getElement().getAttribute("data-refused")).isEqualTo("true");
    assertThat(view.getChildren().filter(Paragraph.class::isInstance).map(c -> ((Paragraph) c).getText()))
        .anyMatch(t -> t.contains("system leads and team leads only"));
  }
}
