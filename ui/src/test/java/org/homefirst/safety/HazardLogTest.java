package org.homefirst.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hazard log (docs/safety/hazard-log.md) names, for every hazard, the tests that prove its
 * controls. A test renamed or removed would leave a control claimed but unproven: this fails then.
 */
class HazardLogTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*Test)#([a-z][A-Za-z0-9]*)`");
  private static final Pattern HAZARD_ROW = Pattern.compile("^\\| (H\\d+) \\|.*$", Pattern.MULTILINE);

  @Test
  void everyHazardNamesTestsAndEveryNamedTestExists() throws IOException {
    String log = Files.readString(ROOT.resolve("docs/safety/hazard-log.md"));

    assertThat(HAZARD_ROW.matcher(log).results().count()).as("hazards in the log").isGreaterThanOrEqualTo(10);
    assertThat(problems(log)).as("hazards without tests, and tests named that do not exist").isEmpty();
  }

  @Test
  void aMissingTestOrAHazardWithoutTestsIsCaught() throws IOException {
    String log = """
        | H1 | proven | `HazardLogTest#everyHazardNamesTestsAndEveryNamedTestExists` |
        | H2 | renamed | `HazardLogTest#noSuchTest`, `NoSuchClassTest#anything` |
        | H3 | unproven | no test named |
        """;

    assertThat(problems(log)).containsExactly("H2: HazardLogTest#noSuchTest", "H2: NoSuchClassTest#anything",
        "H3: no test named");
  }

  /** For each hazard row: the tests it names that do not exist, or that it names none. */
  private static List<String> problems(String log) throws IOException {
    Map<String, Path> testClasses = testClasses();
    List<String> problems = new ArrayList<>();
    Matcher row = HAZARD_ROW.matcher(log);
    while (row.find()) {
      Matcher test = TEST.matcher(row.group());
      boolean named = false;
      while (test.find()) {
        named = true;
        Path source = testClasses.get(test.group(1));
        if (source == null || !Pattern.compile("\\bvoid " + test.group(2) + "\\(").matcher(
            Files.readString(source)).find()) {
          problems.add(row.group(1) + ": " + test.group(1) + "#" + test.group(2));
        }
      }
      if (!named) {
        problems.add(row.group(1) + ": no test named");
      }
    }
    return problems;
  }

  private static Map<String, Path> testClasses() throws IOException {
    Map<String, Path> classes = new TreeMap<>();
    for (String module : List.of("processes", "workers", "ui")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/test/java"))) {
        files.filter(p -> p.getFileName().toString().endsWith("Test.java"))
            .forEach(p -> classes.put(p.getFileName().toString().replace(".java", ""), p));
      }
    }
    return classes;
  }
}
