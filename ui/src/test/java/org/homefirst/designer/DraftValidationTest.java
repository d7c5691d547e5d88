package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Drafts validated on a scratch engine (a real Operaton engine on a throwaway PostgreSQL): a good
 * model deploys with the models it calls; broken XML, an invalid timer, a call mapping without a
 * source and a call to a model that does not exist are refused with the engine's message and the
 * element named. The models "deployed" are this build's files, as the live engine has them.
 */
class DraftValidationTest {

  private static final Map<String, ModelCatalog.Deployed> FILES = new HashMap<>();
  private static DraftValidation validation;

  @BeforeAll
  static void start() throws IOException {
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:homefirst/*.{bpmn,dmn}")) {
      String xml;
      try (InputStream in = r.getInputStream()) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      boolean bpmn = r.getFilename().endsWith(".bpmn");
      Matcher ids = Pattern.compile(bpmn ? "<bpmn:process id=\"([^\"]+)\"" : "<decision id=\"([^\"]+)\"").matcher(xml);
      while (ids.find()) {
        FILES.put(ids.group(1), new ModelCatalog.Deployed(ids.group(1),
            bpmn ? ModelCatalog.Kind.PROCESS : ModelCatalog.Kind.DECISION, ids.group(1) + ":1", 1, r.getFilename(),
            xml));
      }
    }
    validation = new DraftValidation(key -> Optional.ofNullable(FILES.get(key)), null);
  }

  @AfterAll
  static void stop() throws IOException {
    validation.destroy();
  }

  private static String pathway1() {
    return FILES.get("homefirst-pathway-1").xml();
  }

  @Test
  void aGoodDraftDeploysWithTheModelsItCalls() {
    DraftValidation.Result result = validation.check("pathway-1.bpmn", pathway1());
    assertThat(result.errors()).isEmpty();
    assertThat(result.deployable()).isTrue();
    assertThat(result.deployedWith()).contains("homefirst-trusted-assessment", "homefirst-discharge",
        "homefirst-sla-escalation", "homefirst-reablement-service");
  }

  @Test
  void brokenXmlIsRefusedWithWhereItBreaks() {
    String broken = pathway1().replaceFirst("</bpmn:callActivity>", "</bpmn:callActivit>");
    DraftValidation.Result result = validation.check("pathway-1.bpmn", broken);
    assertThat(result.deployable()).isFalse();
    assertThat(result.errors()).singleElement().extracting(DraftValidation.Message::text).asString()
        .contains("pathway-1.bpmn", "bpmn:callActivity", "must be terminated by the matching end-tag");
  }

  @Test
  void anInvalidTimerIsRefusedNamingTheTimer() {
    String timer = "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${reablementStartDueAt}</bpmn:timeDate>";
    assertThat(pathway1()).contains(timer);
    String bad = pathway1().replace(timer,
        "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">in two days</bpmn:timeDuration>");
    DraftValidation.Result result = validation.check("pathway-1.bpmn", bad);
    assertThat(result.deployable()).as("the engine itself deploys it: the timer would fail on the ward").isFalse();
    assertThat(result.errors()).containsExactly(new DraftValidation.Message("Timer_ReablementStartSla",
        "The timer's duration \"in two days\" is not an ISO 8601 duration such as PT48H or P2D", 0));
  }

  @Test
  void aCallMappingWithoutASourceIsRefusedNamingTheCall() {
    String bad = pathway1().replaceFirst("<camunda:in variables=\"all\" />", "<camunda:in target=\"team\" />");
    int line = bad.substring(0, bad.indexOf("<camunda:in target=")).split("\n", -1).length;
    DraftValidation.Result result = validation.check("pathway-1.bpmn", bad);
    assertThat(result.deployable()).isFalse();
    assertThat(result.errors()).containsExactly(new DraftValidation.Message("Call_TrustedAssessment",
        "Missing parameter 'source' or 'sourceExpression' when passing variables", line));
  }

  @Test
  void literalTimersAreReadAsTheEngineWill() {
    assertThat(Timers.duration("P2D")).isTrue();
    assertThat(Timers.duration("PT48H")).isTrue();
    assertThat(Timers.duration("48h")).isFalse();
    assertThat(Timers.date("2026-12-01T09:00:00Z")).isTrue();
    assertThat(Timers.date("1 December")).isFalse();
    assertThat(Timers.cycle("R3/PT1H")).isTrue();
    assertThat(Timers.cycle("0 0 9 * * ?")).isTrue();
    assertThat(Timers.cycle("every hour")).isFalse();
  }

  @Test
  void aCallToAModelThatIsNotDeployedIsRefused() {
    String bad = pathway1().replace("calledElement=\"homefirst-trusted-assessment\"",
        "calledElement=\"homefirst-trusted-assesment\"");
    DraftValidation.Result result = validation.check("pathway-1.bpmn", bad);
    assertThat(result.deployable()).isFalse();
    assertThat(result.errors()).containsExactly(new DraftValidation.Message("Call_TrustedAssessment",
        "Calls homefirst-trusted-assesment, which is not deployed on the engine", 0));
  }

  @Test
  void aDecisionTableDraftDeploys() {
    ModelCatalog.Deployed triage = FILES.get("homefirst-triage-pathway-suggestion");
    assertThat(validation.check(triage.resourceName(), triage.xml()).deployable()).isTrue();
    DraftValidation.Result broken = validation.check(triage.resourceName(),
        triage.xml().replaceFirst("<decisionTable", "<decisionTable hitPolicy=\"SOMETIMES\""));
    assertThat(broken.deployable()).isFalse();
    assertThat(broken.errors()).singleElement().extracting(DraftValidation.Message::text).asString()
        .contains("triage-pathway-suggestion.dmn", "hitPolicy");
  }
}
