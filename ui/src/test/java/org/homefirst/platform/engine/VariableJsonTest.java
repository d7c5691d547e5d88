package org.homefirst.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;

/** Engine variables as the journey page and the inbox read them: JSON, as Zeebe exported them. */
class VariableJsonTest {

  @Test
  void plainValuesBecomeJson() {
    assertThat(EngineProjection.json(event("string", null, "Ward 7", null))).isEqualTo("\"Ward 7\"");
    assertThat(EngineProjection.json(event("long", 2L, null, null))).isEqualTo("2");
    assertThat(EngineProjection.json(event("boolean", 1L, null, null))).isEqualTo("true");
    assertThat(EngineProjection.json(event("null", null, null, null))).isEqualTo("null");
    assertThat(EngineProjection.json(event("date", 0L, null, null))).isEqualTo("\"1970-01-01T00:00:00Z\"");
  }

  @Test
  void listsAndMapsTheModelsBuildBecomeJsonHoweverTheJdkSerialisedThem() throws Exception {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("pathway", 2L);
    step.put("reason", "step up/down after review");
    List<Object> history = new ArrayList<>(List.of(step));

    assertThat(EngineProjection.json(event("serializable", null, null, bytes(history))))
        .isEqualTo("[{\"pathway\":2,\"reason\":\"step up/down after review\"}]");
    assertThat(EngineProjection.json(event("serializable", null, null, bytes(List.of(1L, 2L))))).isEqualTo("[1,2]");
  }

  @Test
  void objectsOfOtherClassesAreNotRead() throws Exception {
    assertThat(EngineProjection.json(event("serializable", null, null, bytes(new Foreign())))).isEqualTo("null");
  }

  record Foreign() implements Serializable {}

  private static HistoricVariableUpdateEventEntity event(String serializer, Long longValue, String text, byte[] bytes) {
    HistoricVariableUpdateEventEntity e = new HistoricVariableUpdateEventEntity();
    e.setSerializerName(serializer);
    e.setLongValue(longValue);
    e.setTextValue(text);
    e.setByteValue(bytes);
    e.setVariableName("v");
    return e;
  }

  private static byte[] bytes(Object value) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(value);
    }
    return out.toByteArray();
  }
}
