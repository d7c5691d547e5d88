package org.homefirst.processes.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/** The FEEL script engine returns plain Java values, never Scala wrappers or FEEL types. */
class FeelScriptEngineTest {

  private final ScriptEngine feel = new FeelScriptEngineFactory().getScriptEngine();

  private Object eval(String expression, Map<String, Object> variables) throws ScriptException {
    return feel.eval(expression, new SimpleBindings(new HashMap<>(variables)));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void scalarsArePlainJava() throws ScriptException {
    assertThat(eval("\"declined\"", Map.of())).isEqualTo("declined");
    assertThat(eval("1 + 2", Map.of())).isInstanceOf(Long.class).isEqualTo(3L);
    assertThat(eval("x + 1", Map.of("x", 2))).isInstanceOf(Long.class).isEqualTo(3L);
    assertThat(eval("1 / 4", Map.of())).isInstanceOf(Double.class).isEqualTo(0.25);
    assertThat(eval("x = \"accepted\"", Map.of("x", "accepted"))).isEqualTo(true);
    assertThat(eval("null", Map.of())).isNull();
  }

  @Test
  void listsAndContextsArePlainJavaCollectionsInOrder() throws ScriptException {
    Object result = eval("append(if xs = null then [] else xs, {pathway: 2, reason: \"fell\", nested: [1, 2.5]})",
        Map.of("xs", List.of(Map.of("pathway", 1))));
    assertThat(result).isInstanceOf(java.util.ArrayList.class);
    List<?> list = (List<?>) result;
    assertThat(list).hasSize(2);
    assertThat(list.get(0)).isEqualTo(Map.of("pathway", 1L));
    assertThat(list.get(1)).isInstanceOf(java.util.LinkedHashMap.class);
    assertThat(List.<Object>copyOf(((Map<?, ?>) list.get(1)).keySet())).containsExactly("pathway", "reason", "nested");
    assertThat(((Map<?, ?>) list.get(1)).get("nested")).isEqualTo(List.of(1L, 2.5));
  }

  @Test
  void unknownVariablesAreNull() throws ScriptException {
    assertThat(eval("missing", Map.of())).isNull();
    assertThat(eval("missing = null", Map.of())).isEqualTo(true);
    assertThat(eval("if missing = null then 0 else missing", Map.of())).isEqualTo(0L);
  }

  @Test
  void datesTimesAndDurationsAreIsoStrings() throws ScriptException {
    assertThat(eval("date and time(at) + duration(after)", Map.of("at", "2026-11-23T11:00:00Z", "after", "P91D")))
        .isEqualTo("2027-02-22T11:00:00Z");
    assertThat(eval("date and time(\"2026-11-23T11:00:00+01:00\")", Map.of())).isEqualTo("2026-11-23T11:00:00+01:00");
    assertThat(eval("date and time(\"2026-11-23T11:00:00\")", Map.of())).isEqualTo("2026-11-23T11:00");
    assertThat(eval("date(\"2026-11-23\")", Map.of())).isEqualTo("2026-11-23");
    assertThat(eval("duration(\"PT72H\")", Map.of())).isEqualTo("P3D");
    assertThat(eval("duration(\"PT26H30M\")", Map.of())).isEqualTo("P1DT2H30M");
    assertThat(eval("duration(\"P1Y2M\")", Map.of())).isEqualTo("P1Y2M");
  }

  @Test
  void nowIsTheEnginesClock() throws ScriptException {
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse("2030-01-02T03:04:05Z")));
    assertThat(eval("string(now())", Map.of())).asString().startsWith("2030-01-02T03:04:05");
    assertThat(eval("now()", Map.of())).isEqualTo("2030-01-02T03:04:05Z");
  }

  @Test
  void aFailingExpressionIsAScriptError() throws ScriptException {
    assertThatThrownBy(() -> eval("1 +", Map.of())).isInstanceOf(ScriptException.class);
    assertThat(eval("date and time(\"not a date\")", Map.of())).as("FEEL: null, as on Zeebe").isNull();
  }
}
