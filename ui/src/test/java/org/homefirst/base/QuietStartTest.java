package org.homefirst.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;

/**
 * Starting the application logs what its user needs and nothing to worry them: where to open it,
 * and no warning or error but the few listed here, each with why a user needs it. Read from the
 * start of the shared test context, captured from its first moment by {@link StartLog}.
 */
class QuietStartTest extends StackTest {

  /** Warnings a user needs at start, by the words they contain, each with why. */
  private static final List<String> NEEDED = List.of(
      // the demo's partners are simulators: nothing reaches a real NHS, council or voluntary system,
      // and the line says which setting changes that
      "go to the local NELFT simulator",
      "go to local council simulators",
      "go to the local simulator at",
      "go to the local GP simulator",
      "go to the local GOV.UK Notify simulator",
      // Spring Boot's test support only (two JSON libraries on the test class path), never in a real start
      "DuplicateJsonObjectContextCustomizer - Found multiple occurrences of org.json.JSONObject");

  @Test
  void theStartLogSaysWhereToOpenTheApplicationAndWarnsOfNothingElse() {
    String url = StartLog.READY + " http://localhost:" + port + "/";
    List<String> start = StartLog.starts().stream()
        .filter(lines -> lines.stream().anyMatch(line -> line.contains(url)))
        .findFirst().orElseThrow(() -> new AssertionError("no captured start says " + url + ": " + StartLog.starts()));
    System.out.println("start log, warnings and the ready line:\n  " + String.join("\n  ", start));

    assertThat(start).filteredOn(line -> !line.contains(StartLog.READY))
        .as("warnings and errors while starting")
        .allSatisfy(line -> assertThat(NEEDED).anyMatch(line::contains));
  }
}
