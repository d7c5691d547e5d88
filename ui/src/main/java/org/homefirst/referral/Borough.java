package org.homefirst.referral;

import java.util.Optional;

/** Borough of residence: decides which council and which discharge team take the referral. */
public enum Borough implements Coded {
  LBBD("lbbd", "Barking and Dagenham"),
  LBH("lbh", "Havering"),
  LBR("lbr", "Redbridge");

  private final String code;
  private final String label;

  Borough(String code, String label) {
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

  public static Optional<Borough> ofCode(String code) {
    return Coded.find(values(), code);
  }
}
