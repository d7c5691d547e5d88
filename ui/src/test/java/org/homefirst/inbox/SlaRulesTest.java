package org.homefirst.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homefirst.referral.JourneyClocks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The rules the inbox names beside each clock match the models: every user task the models give a
 * due time has a rule, each rule's clock is the variable its due time is computed from, and each
 * clock is configured.
 */
class SlaRulesTest {

  private static final Pattern USER_TASK_WITH_DUE_DATE = Pattern.compile(
      "<bpmn:userTask id=\"([^\"]+)\"(?:(?!</bpmn:userTask>).)*?dueDate=\"([^\"]+)\"", Pattern.DOTALL);

  @Test
  void everyTaskWithADueTimeHasTheRuleOfTheClockItIsComputedFrom() throws IOException {
    Map<String, String> dueDates = inModels(USER_TASK_WITH_DUE_DATE, 1, 2);
    assertThat(dueDates).as("the models' tasks with a due time").isNotEmpty();

    Map<String, String> computed = inModels(COMPUTED_VARIABLE, 2, 3);
    SlaRules.DUE_BY_CALLERS_CLOCK.forEach(task -> assertThat(dueDates.remove(task)).as(task)
        .matches("\\$\\{execution.getVariable\\('\\w+'\\)}"));
    assertThat(SlaRules.BY_TASK.keySet()).containsExactlyInAnyOrderElementsOf(dueDates.keySet());
    SlaRules.BY_TASK.forEach((task, rule) -> {
      // A due date computed before (support starts: discharge + reablementStartWithin; the CHC
      // assessment's steps: its start + chcDecisionWithin) is due by the clock it is computed from.
      String variable = dueDates.get(task).substring(2, dueDates.get(task).length() - 1);
      String source = computed.getOrDefault(variable, dueDates.get(task));
      assertThat(source).as(task).containsPattern("\\b" + rule.clock() + "\\b");
    });
  }

  private static final Pattern TIMER_EVENT = Pattern.compile(
      "<bpmn:(boundaryEvent|intermediateCatchEvent) id=\"([^\"]+)\"(?:(?!</bpmn:\\1>).)*?<bpmn:timerEventDefinition[^>]*>(.*?)</bpmn:timerEventDefinition>",
      Pattern.DOTALL);

  private static final Pattern COMPUTED_VARIABLE = Pattern.compile(
      "<camunda:(output|input)Parameter name=\"([^\"]+)\">(.*?)</camunda:\\1Parameter>", Pattern.DOTALL);

  /** The journey's own daily check is no service standard, so the journey page does not list it as a clock. */
  private static final String NOT_A_STANDARD = "Timer_DelayPrompt";

  @Test
  void everyClockOfTheModelsHasTheRuleOfTheDurationItRunsFor() throws IOException {
    Map<String, String> timers = inModels(TIMER_EVENT, 2, 3);
    assertThat(timers).containsKey(NOT_A_STANDARD).containsKey("Timer_TransferSla");
    timers.remove(NOT_A_STANDARD);

    assertThat(SlaRules.BY_TIMER.keySet()).containsExactlyInAnyOrderElementsOf(timers.keySet());
    Map<String, String> computed = inModels(COMPUTED_VARIABLE, 2, 3);
    SlaRules.BY_TIMER.forEach((timer, rule) -> {
      // A clock that runs to a date computed before (the 91-day check: discharge + followUpAfter)
      // runs by the clock that date is computed from.
      Matcher variable = Pattern.compile("\\$\\{(\\w+)}").matcher(timers.get(timer));
      String source = variable.find() && computed.containsKey(variable.group(1))
          ? computed.get(variable.group(1)) : timers.get(timer);
      assertThat(source).as(timer).containsPattern("\\b" + rule.clock() + "\\b");
    });
  }

  private static final Pattern FLOW_FROM_TIMER = Pattern.compile(
      "<bpmn:sequenceFlow id=\"[^\"]+\" sourceRef=\"(Timer_\\w+)\" targetRef=\"(\\w+)\"");

  private static final Pattern ESCALATION_SLA_NAME = Pattern.compile(
      "<bpmn:callActivity id=\"(\\w+)\"(?:(?!</bpmn:callActivity>).)*?<camunda:inputParameter name=\"slaName\">([^<]+)<",
      Pattern.DOTALL);

  @Test
  void everySlaNameTheConsoleReportsIsTheOneItsTimersEscalationPasses() throws IOException {
    Map<String, String> targetOfTimer = inModels(FLOW_FROM_TIMER, 1, 2);
    Map<String, String> slaNameOfCall = inModels(ESCALATION_SLA_NAME, 1, 2);
    Map<String, String> timerOfSlaName = new TreeMap<>();
    targetOfTimer.forEach((timer, target) -> {
      if (slaNameOfCall.containsKey(target)) {
        timerOfSlaName.put(slaNameOfCall.get(target), timer);
      }
    });
    assertThat(timerOfSlaName).hasSize(10).containsExactlyInAnyOrderEntriesOf(SlaRules.TIMER_BY_SLA_NAME);
    assertThat(SlaRules.BY_TIMER).containsKeys(SlaRules.TIMER_BY_SLA_NAME.values().toArray(String[]::new));
  }

  @Test
  void rulesReadTheConfiguredClocksInWords() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    Properties configured = yaml.getObject();
    JourneyClocks clocks = new JourneyClocks();
    Map<String, String> values = new TreeMap<>();
    configured.stringPropertyNames().stream().filter(k -> k.startsWith("homefirst.clocks."))
        .forEach(k -> values.put(k.substring("homefirst.clocks.".length()), configured.getProperty(k)));
    clocks.setClocks(values);
    SlaRules.BY_TASK.values().forEach(rule -> assertThat(values).as("homefirst.clocks").containsKey(rule.clock()));

    SlaRules rules = new SlaRules(clocks::getClocks);
    assertThat(rules.of("Task_Triage")).contains("Triage within 24 h of referral");
    assertThat(rules.withSource("Task_ConfirmServiceStarted"))
        .contains("Support starts within 2 days of discharge (NHS Long Term Plan)");
    assertThat(rules.of("Task_IcbDecision")).as("a step within the CHC assessment runs to its 28-day clock")
        .contains("CHC funding decision within 28 days of the checklist");
    assertThat(rules.of("Task_ConfirmPathway")).isEmpty();
    assertThat(rules.ofClock("Timer_TransferSla")).contains("Transfer to a community rehab bed within 72 h (contract KPI, BHR plan)");
    assertThat(rules.ofClock("Timer_TriageSla")).as("a task's clock runs by the task's rule").contains("Triage within 24 h of referral (local standard)");
    assertThat(rules.ofClock(NOT_A_STANDARD)).isEmpty();

    values.put("triageWithin", "PT90M");
    clocks.setClocks(values);
    assertThat(rules.of("Task_Triage")).as("a locality's own clock").contains("Triage within 90 min of referral");
    assertThat(SlaRules.words("P1D")).isEqualTo("1 day");
    assertThat(SlaRules.words("P14D")).isEqualTo("14 days");
    assertThat(SlaRules.words("PT30S")).isEqualTo("30 s");
    assertThat(rules.ofTarget("chcDecisionWithin", "P21D")).contains("CHC funding decision within 21 days of the checklist");
    assertThat(rules.slas()).extracting(SlaRules.Sla::name).first().isEqualTo("triage");
    assertThat(rules.slas().get(0).target()).isEqualTo(Duration.ofMinutes(90));
    assertThat(SlaRules.duration("P2D")).isEqualTo(Duration.ofHours(48));
    assertThat(SlaRules.duration("P1DT12H")).isEqualTo(Duration.ofHours(36));
  }

  @Test
  void aTaskDueByTheClockOfWhatItIsPartOfNamesThatClock() {
    SlaRules rules = new SlaRules(() -> Map.of("rehabTransferWithin", "PT72H", "triageWithin", "PT24H"));
    Instant due = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(rules.forTask(task("Task_PlanDischarge", due, "rehab-transfer")))
        .contains("Transfer to a community rehab bed within 72 h");
    assertThat(rules.forTaskWithSource(task("Task_PlanDischarge", due, "rehab-transfer")))
        .contains("Transfer to a community rehab bed within 72 h (contract KPI, BHR plan)");
    assertThat(rules.forTask(task("Task_PlanDischarge", null, null))).as("no clock, no rule").isEmpty();
    assertThat(rules.forTask(task("Task_Triage", due, "rehab-transfer"))).as("a task's own rule comes first")
        .contains("Triage within 24 h of referral");
    assertThat(rules.ofSlaName("triage")).contains("Triage within 24 h of referral (local standard)");
  }

  private static InboxTask task(String elementId, Instant due, String clock) {
    return new InboxTask(1, elementId, elementId, null, List.of("jad"), null, due, due, null, null, null, null, null,
        null, null, clock);
  }

  /** Every match of the pattern in the models, as group {@code key} to group {@code value}. */
  private static Map<String, String> inModels(Pattern pattern, int key, int value) throws IOException {
    Map<String, String> found = new TreeMap<>();
    for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:homefirst/*.bpmn")) {
      Matcher m = pattern.matcher(model.getContentAsString(StandardCharsets.UTF_8));
      while (m.find()) {
        found.put(m.group(key), m.group(value));
      }
    }
    return found;
  }
}
