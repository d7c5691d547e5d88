package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@value ReviewChanges#REFERENCES} true: every element id of the models in
 * {@code processes/} that the process tests or the application's code name as a string literal,
 * with where. The review of a draft reads it to call out removed ids something depends on. When
 * this fails, run it with {@code -DreferencedIds.update=true} to rewrite the list, and commit it.
 */
class ReferencedIdsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path LIST = ROOT.resolve("ui/src/main/resources/" + ReviewChanges.REFERENCES);
  private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
  private static final Pattern LITERAL = Pattern.compile("\"([A-Za-z][A-Za-z0-9_.-]*)\"");

  @Test
  void theListOfIdsNamedInCodeAndTestsIsUpToDate() throws IOException {
    String now = generate();
    if (Boolean.getBoolean("referencedIds.update")) {
      Files.writeString(LIST, now, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(LIST, StandardCharsets.UTF_8))
        .as("%s is stale: run this test with -DreferencedIds.update=true and commit it", LIST).isEqualTo(now);
    assertThat(now).as("the SLA rules name their tasks").contains("Task_Triage\tcode inbox/SlaRules\n")
        .contains("Timer_ReablementStartSla\tprocess test ");
  }

  @Test
  void theReviewReadsTheList() {
    assertThat(ReviewChanges.references().get("Task_Triage")).contains("code inbox/SlaRules");
  }

  static String generate() throws IOException {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> models = Files.list(ROOT.resolve("processes/src/main/resources/homefirst"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn"))
          .toList()) {
        Matcher m = ID.matcher(Files.readString(model));
        while (m.find()) {
          if (!m.group(1).endsWith("_di") && !m.group(1).startsWith("Definitions_")) {
            ids.add(m.group(1));
          }
        }
      }
    }
    Set<String> lines = new TreeSet<>();
    scan(ROOT.resolve("processes/src/test/java/org/homefirst/processes"), "process test ", ids, lines);
    scan(ROOT.resolve("ui/src/main/java/org/homefirst"), "code ", ids, lines);
    scan(ROOT.resolve("workers/src/main/java/org/homefirst"), "code workers ", ids, lines);
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }

  private static void scan(Path dir, String kind, Set<String> ids, Set<String> lines) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(dir)) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path source : sources) {
      String relative = dir.relativize(source).toString().replace('\\', '/').replace(".java", "");
      String where = kind.equals("process test ") ? relative.substring(relative.lastIndexOf('/') + 1) : relative;
      Matcher m = LITERAL.matcher(Files.readString(source));
      while (m.find()) {
        if (ids.contains(m.group(1)) && m.group(1).contains("_")) {
          lines.add(m.group(1) + "\t" + kind + where);
        }
      }
    }
  }
}
