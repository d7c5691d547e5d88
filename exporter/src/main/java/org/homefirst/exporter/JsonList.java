package org.homefirst.exporter;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON string arrays the engine puts in user-task headers ({@code ["jad","chc"]}).
 * The exporter runs inside the broker with no JSON library of its own, and this is the only JSON
 * it needs to read.
 */
final class JsonList {

  private JsonList() {}

  static List<String> parse(String json) {
    List<String> values = new ArrayList<>();
    if (json == null) {
      return values;
    }
    String s = json.trim();
    if (!s.startsWith("[")) {
      // Older engines wrote a comma-separated list.
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
      return values;
    }
    int i = 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          value.append(s.charAt(i));
          i++;
        }
        values.add(value.toString());
      }
      i++;
    }
    return values;
  }
}
