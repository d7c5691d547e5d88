package org.homefirst.console;

import java.util.ArrayList;
import java.util.List;
import org.homefirst.referral.Borough;
import org.homefirst.referral.Hospital;

/** The part of the caseload a return covers; a null part means all (all boroughs, hospitals, pathways). */
record ReturnScope(String borough, String hospital, Integer pathway) {

  static final ReturnScope ALL = new ReturnScope(null, null, null);

  String words() {
    List<String> parts = new ArrayList<>();
    parts.add(borough == null ? "all boroughs" : Borough.ofCode(borough).map(Borough::label).orElse(borough));
    if (hospital != null) {
      parts.add(Hospital.ofCode(hospital).map(Hospital::label).orElse(hospital));
    }
    if (pathway != null) {
      parts.add("pathway " + pathway);
    }
    return String.join(", ", parts);
  }
}
