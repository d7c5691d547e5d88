package org.homefirst.referral;

import java.util.Optional;

/** The acute hospital the patient is in. */
public enum Hospital implements Coded {
  BHRUT_KGH("bhrut-kgh", "King George Hospital (BHRUT)"),
  BHRUT_QUEENS("bhrut-queens", "Queen's Hospital (BHRUT)"),
  BARTS_WHIPPS("barts-whipps", "Whipps Cross (Barts Health)");

  private final String code;
  private final String label;

  Hospital(String code, String label) {
    this.code = code;
    this.label = label;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String label() {
    return label;
  }

  public static Optional<Hospital> ofCode(String code) {
    return Coded.find(values(), code);
  }
}
