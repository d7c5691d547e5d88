package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The workspace's map of models to the tests that exercise them stays complete as models and tests are added. */
class DraftTestRunTest {

  @Test
  void everyModelHasTheTestsThatExerciseIt() {
    assertThat(DraftTestRun.TESTS.keySet()).containsExactlyInAnyOrderElementsOf(Journey.MODELS);
  }

  @Test
  void everyProcessTestIsRunForSomeModel() throws IOException {
    Set<String> mapped = new HashSet<>();
    DraftTestRun.TESTS.values().forEach(classes -> classes.forEach(c -> mapped.add(c.getSimpleName())));
    List<String> processTests;
    try (Stream<Path> files = Files.list(Path.of("src/test/java/org/homefirst/processes"))) {
      processTests = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith("ProcessTest.java"))
          .map(f -> f.substring(0, f.length() - ".java".length())).toList();
    }
    assertThat(processTests).isNotEmpty();
    assertThat(mapped).containsAll(processTests);
  }

  @Test
  void aFailedAssertionIsToldOnOneLine() {
    assertThat(DraftTestRun.why(new AssertionError("expected x to have passed Task_A,\n passed [Task_B]")))
        .isEqualTo("expected x to have passed Task_A, passed [Task_B]");
    assertThat(DraftTestRun.why(new IllegalStateException("no start", new RuntimeException("bad timer"))))
        .isEqualTo("IllegalStateException: no start (caused by RuntimeException: bad timer)");
  }
}
