package org.homefirst.processes;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * Runs the process tests that exercise a model against a draft of it, for the designer workspace:
 * the same test classes Maven runs, on their own engine and embedded PostgreSQL, with the draft
 * deployed in place of the model's file ({@link ModelSource}). The workspace starts it in a JVM
 * of its own (the tests move the engine's static clock, which the live engine would share) with
 * the drafts' folder as system property {@value ModelSource#DRAFTS} and the drafted models'
 * file names as arguments, and reads its progress from standard output, one line per event:
 * {@code homefirst-tests total N}, {@code homefirst-tests passed CLASS<TAB>TEST} and
 * {@code homefirst-tests failed CLASS<TAB>TEST<TAB>WHY}, then {@code homefirst-tests end}.
 */
public final class DraftTestRun {

  /** What each line of progress starts with; anything else on standard output is the tests' own. */
  public static final String PREFIX = "homefirst-tests ";

  /**
   * The test classes that exercise each model: its own process test, and the tests that start a
   * process calling it (a journey test runs every pathway it routes to). {@code DraftTestRunTest}
   * holds it to the models and the test classes.
   */
  static final Map<String, List<Class<?>>> TESTS = Map.ofEntries(
      Map.entry("discharge-journey.bpmn", List.of(DischargeJourneyProcessTest.class, HomeServicesProcessTest.class)),
      Map.entry("trusted-assessment.bpmn", List.of(TrustedAssessmentProcessTest.class,
          DischargeJourneyProcessTest.class)),
      Map.entry("discharge.bpmn", List.of(DischargeProcessTest.class, DischargeJourneyProcessTest.class)),
      Map.entry("pathway-0.bpmn", List.of(Pathway0ProcessTest.class, HomeServicesProcessTest.class,
          DischargeJourneyProcessTest.class)),
      Map.entry("pathway-1.bpmn", List.of(Pathway1ProcessTest.class, LocalityHandoffProcessTest.class,
          HomeServicesProcessTest.class, DischargeJourneyProcessTest.class)),
      Map.entry("pathway-2.bpmn", List.of(Pathway2ProcessTest.class, DischargeJourneyProcessTest.class)),
      Map.entry("pathway-3.bpmn", List.of(Pathway3ProcessTest.class, DischargeJourneyProcessTest.class)),
      Map.entry("chc.bpmn", List.of(ChcProcessTest.class, Pathway3ProcessTest.class)),
      Map.entry("section-117.bpmn", List.of(Section117ProcessTest.class, DischargeJourneyProcessTest.class)),
      Map.entry("sla-escalation.bpmn", List.of(SlaEscalationProcessTest.class)),
      Map.entry("home-services.bpmn", List.of(HomeServicesProcessTest.class, Pathway0ProcessTest.class,
          Pathway1ProcessTest.class)),
      Map.entry("discharge-team-routing.dmn", List.of(DecisionTablesTest.class, DischargeJourneyProcessTest.class)),
      Map.entry("triage-pathway-suggestion.dmn", List.of(DecisionTablesTest.class,
          DischargeJourneyProcessTest.class)),
      Map.entry("reablement-service.dmn", List.of(DecisionTablesTest.class, Pathway1ProcessTest.class)),
      Map.entry("voluntary-service.dmn", List.of(DecisionTablesTest.class, HomeServicesProcessTest.class)),
      Map.entry("s117-apportionment.dmn", List.of(DecisionTablesTest.class, Section117ProcessTest.class)));

  private DraftTestRun() {}

  /** Arguments: the file names of the drafted models; their drafts are in the folder {@link ModelSource} names. */
  public static void main(String[] models) {
    PrintStream progress = System.out;
    // the tests' own printing goes to standard error, so standard output carries only the progress
    System.setOut(System.err);
    Set<Class<?>> classes = new LinkedHashSet<>();
    for (String model : models) {
      classes.addAll(TESTS.getOrDefault(model, List.of()));
    }
    List<ClassSelector> selectors = new ArrayList<>();
    classes.forEach(c -> selectors.add(selectClass(c)));
    if (selectors.isEmpty()) {
      progress.println(PREFIX + "total 0");
      progress.println(PREFIX + "end");
      progress.flush();
      System.exit(0);
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
    Launcher launcher = LauncherFactory.create();
    TestPlan plan = launcher.discover(request);
    progress.println(PREFIX + "total " + plan.countTestIdentifiers(TestIdentifier::isTest));
    progress.flush();
    launcher.execute(plan, new Progress(progress));
    progress.println(PREFIX + "end");
    progress.flush();
    // the shared test engine and its database close in the shutdown hook
    System.exit(0);
  }

  private static final class Progress implements TestExecutionListener {
    private final PrintStream out;

    Progress(PrintStream out) {
      this.out = out;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      if (test.isTest()) {
        out.println(PREFIX + "failed " + testClass(test) + "\t" + test.getDisplayName() + "\tnot run: "
            + oneLine(reason));
        out.flush();
      }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (test.isTest()) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
          out.println(PREFIX + "passed " + testClass(test) + "\t" + test.getDisplayName());
        } else {
          out.println(PREFIX + "failed " + testClass(test) + "\t" + test.getDisplayName() + "\t"
              + result.getThrowable().map(DraftTestRun::why).orElse(result.getStatus().toString()));
        }
        out.flush();
      } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        // a whole class failed before its tests ran (e.g. the engine refused the draft)
        out.println(PREFIX + "failed " + test.getDisplayName() + "\t(all its tests)\t"
            + result.getThrowable().map(DraftTestRun::why).orElse(result.getStatus().toString()));
        out.flush();
      }
    }

    private static String testClass(TestIdentifier test) {
      return test.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getJavaClass())
          .map(Class::getSimpleName).orElse("");
    }
  }

  /** Why a test failed, on one line: an assertion's own message, or the error and its cause. */
  static String why(Throwable failure) {
    if (failure instanceof AssertionError) {
      return oneLine(failure.getMessage());
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    if (root != failure) {
      why += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return oneLine(why);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }
}
