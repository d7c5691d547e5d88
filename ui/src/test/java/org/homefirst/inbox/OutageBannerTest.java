package org.homefirst.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.delay.Delays;
import org.homefirst.incident.ServiceHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The inbox tells staff, in words, when a partner's system does not answer (its latest calls all
 * failed to reach it, as the workers recorded them), and stops saying so once it answers again;
 * one failed call alone is no outage.
 */
class OutageBannerTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @Autowired TaskInbox inbox;
  @Autowired TaskBoard board;
  @Autowired Delays delays;
  @Autowired Clock clock;
  @Autowired SlaRules rules;
  @Autowired ServiceHealth health;

  @BeforeEach
  void vaadin() {
    MockVaadin.setup(ROUTES);
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken("jad.coordinator", "demo", TeamMember.TEAM_PREFIX + "jad"));
  }

  @AfterEach
  void done() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
    health.recheck();
  }

  @Test
  void theInboxSaysWhichPartnerDoesNotAnswerUntilItAnswersAgain() {
    // Systems of this test only: the shared stack's simulators call the real partners meanwhile.
    String down = "test-telecare-" + UUID.randomUUID().toString().substring(0, 4);
    String flaky = "test-handyperson-" + UUID.randomUUID().toString().substring(0, 4);
    Instant now = Instant.now();
    call(down, "unreachable", null, now.minus(Duration.ofMinutes(3)));
    call(down, "http-error", 503, now.minus(Duration.ofMinutes(2)));
    call(down, "circuit-open", null, now.minus(Duration.ofMinutes(1)));
    call(flaky, "ok", 201, now.minus(Duration.ofMinutes(4)));
    call(flaky, "timeout", null, now.minus(Duration.ofMinutes(1)));
    health.recheck();

    InboxView view = new InboxView(inbox, board, clock, delays, rules, health);
    UI.getCurrent().add(view);
    Div banner = _get(view, Div.class, spec -> spec.withId("outage-banner"));
    assertThat(banner.isVisible()).isTrue();
    assertThat(banner.getElement().getAttribute("role")).isEqualTo("status");
    assertThat(banner.getElement().getTextRecursively())
        .contains(down + "'s system has not answered since "
            + org.homefirst.base.Formats.dateTime(now.minus(Duration.ofMinutes(3))).substring(11))
        .contains("nothing is lost")
        .doesNotContain(flaky);

    call(down, "ok", 200, Instant.now());
    health.recheck();
    view.refresh();
    assertThat(banner.getElement().getTextRecursively()).doesNotContain(down);
  }

  private void call(String system, String outcome, Integer status, Instant at) {
    db.sql("""
            insert into partner_exchange (system, operation, correlation_id, attempt, request_summary,
              response_status, outcome, duration_ms, at)
            values (?, 'refer', ?, 1, 'refer', ?, ?, 5, ?)""")
        .params(system, UUID.randomUUID().toString(), status, outcome, Timestamp.from(at))
        .update();
  }
}
