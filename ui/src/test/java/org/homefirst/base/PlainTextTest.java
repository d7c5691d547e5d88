package org.homefirst.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What names, wards and notes may hold: readable text, nothing hidden (no stack needed). */
class PlainTextTest {

  @Test
  void namesInAnyScriptAndMarksThatOnlyHintDirectionAreFine() {
    assertThat(PlainText.problemInLine("Zoë O'Brien-Nyame", "the given name")).isNull();
    assertThat(PlainText.problemInLine("محمد\u200F علي", "the given name")).isNull();
    assertThat(PlainText.problemInLine("Ward \u2067٧\u2069 (east)", "the ward")).as("an isolate that is closed").isNull();
    assertThat(PlainText.problemInLine("Ada 👵", "the given name")).as("a character beyond 16 bits").isNull();
    assertThat(PlainText.problemInLine(null, "the ward")).isNull();
  }

  @Test
  void controlCharactersAreRefusedNamingTheFieldAndTheCharacter() {
    assertThat(PlainText.problemInLine("Ada\u0007", "the given name"))
        .startsWith("the given name contains a hidden control character (U+0007 at position 4)");
    assertThat(PlainText.problemInLine("Ward\u001B[2J 7", "the ward")).contains("U+001B");
    assertThat(PlainText.problemInLine("Jones\u0085", "the family name")).as("C1 controls too").contains("U+0085");
    assertThat(PlainText.problemInLine("Ward\n7", "the ward")).as("one line only").contains("U+000A");
    assertThat(PlainText.problemInText("Declined.\r\nAdvice given:\tleaflet", "the note")).isNull();
    assertThat(PlainText.problemInText("Declined\u0000", "the note")).contains("U+0000");
  }

  @Test
  void directionOverridesAndIsolatesMustBeClosedOnTheirLine() {
    assertThat(PlainText.problemInLine("Ada \u202Eseno", "the family name"))
        .startsWith("the family name contains a direction override (U+202E)");
    assertThat(PlainText.problemInLine("\u2067Ward 7", "the ward")).contains("U+2067");
    assertThat(PlainText.problemInLine("Ward 7\u202C", "the ward")).as("a closer with no opener").contains("U+202C");
    assertThat(PlainText.problemInLine("\u2067Ward 7\u202C", "the ward")).as("an isolate closed as an embedding")
        .contains("U+202C");
    assertThat(PlainText.problemInLine("\u202Bא\u202C", "the ward")).isNull();
    assertThat(PlainText.problemInText("line \u202E one\nline two \u202C", "the note"))
        .as("a line break ends an override: each line closes its own").isNotNull();
  }

  @Test
  void aBrokenCharacterIsRefused() {
    assertThat(PlainText.problemInLine("Ada\uD800", "the given name")).contains("broken character (U+D800)");
    assertThat(PlainText.problemInLine("\uDC00Ada", "the given name")).contains("U+DC00");
  }
}
