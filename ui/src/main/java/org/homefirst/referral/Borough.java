package org.homefirst.referral;

import java.util.Arrays;
import java.util.Optional;

/** Borough of residence: decides which council and which discharge team take the referral. */
public enum Borough {
  LBBD("lbbd", "Barking and Dagenham"),
  LBH("lbh", "Havering"),
  LBR("lbr", "Redbridge");

  private final String code;
  private final String label;

  Borough(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Optional<Borough> ofCode(String code) {
    return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
  }
}
