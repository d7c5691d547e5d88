package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven cases for every Home First decision, evaluated by the engine's DMN runtime. */
class DecisionTablesTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();

  @BeforeEach
  void deploy() {
    new Journey().deployAll();
  }

  private String evaluate(String decisionId, Map<String, Object> variables) {
    var result = engine.getDecisionService().evaluateDecisionByKey(decisionId).variables(variables).evaluate();
    if (result.isEmpty()) {
      return "null";
    }
    // rendered as Zeebe's decision output (JSON), so the table cases read as before
    Object value = Journey.asJson(result.getSingleResult().getSingleEntry());
    return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
  }

  @ParameterizedTest(name = "{0} resident at {1} is routed to {2}")
  @CsvSource({
    "lbbd, bhrut-kgh,    jad",
    "lbbd, bhrut-queens, jad",
    "lbbd, barts-whipps, jad",
    "lbh,  bhrut-kgh,    jad",
    "lbh,  bhrut-queens, jad",
    "lbh,  barts-whipps, jad",
    "lbr,  bhrut-kgh,    lbr-hospital-sw",
    "lbr,  bhrut-queens, lbr-hospital-sw",
    "lbr,  barts-whipps, lbr-hospital-sw"
  })
  void dischargeTeamForBoroughAndHospital(String borough, String hospital, String team) {
    assertThat(evaluate("homefirst-discharge-team-routing", Map.of("borough", borough, "hospital", hospital)))
        .isEqualTo("\"" + team + "\"");
  }

  /**
   * A patient who needs nothing new: walks unaided, clear-headed, someone at home, a suitable home,
   * no package of care, wants to go home. Each case below changes one fact of it.
   */
  static Map<String, Object> nothingNewNeeded() {
    Map<String, Object> facts = new HashMap<>();
    facts.put("fastTrack", false);
    facts.put("livesAlone", false);
    facts.put("carerAvailable", true);
    facts.put("cognition", "no-concerns");
    facts.put("mobility", "independent");
    facts.put("recentFalls", false);
    facts.put("infection", "none");
    facts.put("homeEnvironment", "suitable");
    facts.put("carePackage", "none");
    facts.put("patientWishes", "home");
    return facts;
  }

  private static Object value(String text) {
    return "true".equals(text) || "false".equals(text) ? Boolean.valueOf(text) : text;
  }

  @ParameterizedTest(name = "{0} = {1} suggests pathway {2}")
  @CsvSource(delimiter = '|', textBlock = """
      -               | -                | 0
      fastTrack       | true             | 3
      mobility        | walking-aid      | 0
      mobility        | help-of-one      | 1
      mobility        | help-of-two      | 2
      cognition       | delirium         | 1
      cognition       | impairment       | 1
      recentFalls     | true             | 1
      infection       | treated          | 0
      infection       | needs-care       | 1
      homeEnvironment | needs-adaptation | 1
      homeEnvironment | unsuitable       | 2
      carePackage     | restart          | 0
      carePackage     | needs-more       | 1
      livesAlone      | true             | 0
      carerAvailable  | false            | 0
      patientWishes   | undecided        | 0
      patientWishes   | care-home        | 1
      """)
  void oneTriageFactChangesTheSuggestedPathway(String fact, String changedTo, int pathway) {
    Map<String, Object> facts = nothingNewNeeded();
    if (!"-".equals(fact)) {
      assertThat(facts).containsKey(fact);
      facts.put(fact, value(changedTo));
    }
    assertThat(evaluate("homefirst-triage-pathway-suggestion", facts)).isEqualTo(String.valueOf(pathway));
  }

  @ParameterizedTest(name = "{0} suggests pathway {1}")
  @CsvSource(delimiter = '|', textBlock = """
      mobility=help-of-two cognition=impairment              | 3
      mobility=help-of-two cognition=delirium                | 2
      cognition=delirium livesAlone=true carerAvailable=false | 2
      cognition=delirium livesAlone=true carerAvailable=true  | 1
      mobility=walking-aid livesAlone=true carerAvailable=false | 1
      mobility=walking-aid livesAlone=true carerAvailable=true  | 0
      homeEnvironment=unsuitable mobility=help-of-one        | 2
      fastTrack=true mobility=independent                    | 3
      patientWishes=care-home mobility=help-of-two           | 2
      """)
  void factsTogetherSuggestAPathway(String changes, int pathway) {
    Map<String, Object> facts = nothingNewNeeded();
    for (String change : changes.split(" +")) {
      String[] pair = change.split("=");
      assertThat(facts).containsKey(pair[0]);
      facts.put(pair[0], value(pair[1]));
    }
    assertThat(evaluate("homefirst-triage-pathway-suggestion", facts)).isEqualTo(String.valueOf(pathway));
  }

  @Test
  void factsNotRecordedSuggestNoNewSupport() {
    // A journey triaged before the facts were asked (or by an API client sending only Fast Track)
    assertThat(evaluate("homefirst-triage-pathway-suggestion", Map.of("fastTrack", false))).isEqualTo("0");
  }

  @ParameterizedTest(name = "pathway 1 in {0} is provided by {1}")
  @CsvSource({"lbbd, lbbd-crisis", "lbh, nelft-reablement", "lbr, lbr-reablement"})
  void reablementServiceForBorough(String borough, String team) {
    assertThat(evaluate("homefirst-reablement-service", Map.of("borough", borough))).isEqualTo("\"" + team + "\"");
  }

  @ParameterizedTest(name = "voluntary support in {0} is {1}")
  @CsvSource({"lbbd, redcross-hnh", "lbh, redcross-hnh", "lbr, ageuk-escort", "elsewhere, none"})
  void voluntaryServiceForBorough(String borough, String service) {
    assertThat(evaluate("homefirst-voluntary-service", Map.of("borough", borough))).isEqualTo("\"" + service + "\"");
  }

  @ParameterizedTest(name = "s117 in {0}: ICB share {1}%")
  @CsvSource({"lbbd, 50", "lbh, 50", "lbr, 50"})
  void section117SplitForBorough(String borough, int icbShare) {
    assertThat(evaluate("homefirst-s117-apportionment", Map.of("borough", borough))).isEqualTo(String.valueOf(icbShare));
  }
}
