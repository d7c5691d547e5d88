package org.homefirst.console;

import java.util.ArrayList;
import java.util.List;

/** The part of the caseload a return covers; a null part means all (all boroughs, hospitals, pathways). */
record ReturnScope(String borough, String hospital, Integer pathway) {

  static final ReturnScope ALL = new ReturnScope(null, null, null);

  String words() {
    List<String> parts = new ArrayList<>();
    parts.add(borough == null ? "all boroughs" : "borough " + borough);
    if (hospital != null) {
      parts.add("hospital " + hospital);
    }
    if (pathway != null) {
      parts.add("pathway " + pathway);
    }
    return String.join(", ", parts);
  }
}
