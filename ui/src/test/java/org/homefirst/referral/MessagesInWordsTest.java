package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Messages speak the user's language: a refused field is named by its label, never by its JSON
 * name, in the API's problem and on the refer page; the 503 of an event the engine could not take
 * names the event, and never passes on the engine's own words.
 */
class MessagesInWordsTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @Autowired ReferralApi api;
  @Autowired ReferralIntake intake;
  @Autowired Clock clock;

  @BeforeEach
  void vaadin() {
    MockVaadin.setup(ROUTES);
  }

  @AfterEach
  void done() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  @Test
  void theApiNamesRefusedFieldsByTheirLabels() throws Exception {
    var response = postReferral("""
        {"nhsNumber":"%s","familyName":"Jones","dateOfBirth":"1941-03-02","borough":"lbh",
         "hospital":"bhrut-kgh","ward":"Ward 7","admittedAt":"2026-11-20T09:30:00Z",
         "dischargeReadyAt":"2026-11-19T09:30:00Z"}""".formatted(validNhsNumber()), "ward.nurse");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = new ObjectMapper().readTree(response.body());
    assertThat(problem.get("detail").asText())
        .contains("given name (given name is required)")
        .contains("discharge ready time (discharge ready time cannot be before admission)")
        .doesNotContain("givenName").doesNotContain("dischargeReadyAt");
    List<String> labels = new ArrayList<>();
    problem.get("errors").forEach(e -> labels.add(e.get("field").asText() + "=" + e.get("label").asText()
        + ": " + e.get("message").asText()));
    assertThat(labels).containsExactly("givenName=given name: given name is required",
        "dischargeReadyAt=discharge ready time: discharge ready time cannot be before admission");
  }

  @Test
  void theReferPageShowsTheLabelNotTheFieldsName() {
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken("ward.nurse", "demo", TeamMember.TEAM_PREFIX + "bhrut"));
    ReferView view = new ReferView(intake, clock);
    UI.getCurrent().add(view);
    view.givenName.setValue("   ");
    ButtonKt._click(view.refer);

    TextField given = view.givenName;
    assertThat(given.isInvalid()).isTrue();
    assertThat(given.getErrorMessage()).isEqualTo("given name is required");
  }

  @Test
  void anEventTheEngineCouldNotTakeIsNamedInThe503() {
    EngineUnavailable down = new EngineUnavailable("the event patient-discharged",
        new IllegalStateException("ENGINE-02004 No process engine found"));

    var answer = api.engineDown(down);

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("30");
    ProblemDetail problem = answer.getBody();
    assertThat(problem.getDetail()).isEqualTo("The workflow engine could not take the event patient-discharged just"
        + " now; nothing was stored. Try again shortly.");
    assertThat(problem.getDetail()).doesNotContain("referral").doesNotContain("ENGINE-");
  }
}
