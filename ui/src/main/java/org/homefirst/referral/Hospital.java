package org.homefirst.referral;

import java.util.Optional;

/** The acute hospital the patient is in, and the team of its ward staff (docs/domain.md). */
public enum Hospital implements Coded {
  BHRUT_KGH("bhrut-kgh", "King George Hospital (BHRUT)", "bhrut"),
  BHRUT_QUEENS("bhrut-queens", "Queen's Hospital (BHRUT)", "bhrut"),
  BARTS_WHIPPS("barts-whipps", "Whipps Cross (Barts Health)", "barts-whipps");

  private final String code;
  private final String label;
  private final String wardTeam;

  Hospital(String code, String label, String wardTeam) {
    this.code = code;
    this.label = label;
    this.wardTeam = wardTeam;
  }

  /** The team of the trust's ward staff (wards, therapists, discharge coordinators) at this hospital. */
  public String wardTeam() {
    return wardTeam;
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
