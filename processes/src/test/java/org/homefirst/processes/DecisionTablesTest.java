package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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

  @ParameterizedTest(name = "fastTrack={0} 24h={1} bedRehab={2} newSupport={3} suggests pathway {4}")
  @CsvSource({
    "false, false, false, false, 0",
    "false, false, false, true,  1",
    "false, false, true,  false, 2",
    "false, false, true,  true,  2",
    "false, true,  false, false, 3",
    "false, true,  true,  true,  3",
    "true,  false, false, false, 3",
    "true,  true,  true,  true,  3"
  })
  void pathwaySuggestionFromTriageFindings(
      boolean fastTrack, boolean needs24HourCare, boolean needsBedBasedRehab, boolean needsNewSupport, int pathway) {
    assertThat(evaluate("homefirst-triage-pathway-suggestion",
            Map.of("fastTrack", fastTrack, "needs24HourCare", needs24HourCare,
                "needsBedBasedRehab", needsBedBasedRehab, "needsNewSupport", needsNewSupport)))
        .isEqualTo(String.valueOf(pathway));
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
