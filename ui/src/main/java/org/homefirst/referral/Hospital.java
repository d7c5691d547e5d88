package org.homefirst.referral;

import java.util.Optional;

/** The acute hospital the patient is in, and the team of its ward staff (docs/domain.md). */
public enum Hospital implements Coded {
  BHRUT_KGH("bhrut-kgh", "King George Hospital (BHRUT)", "bhrut", "bhrut-therapy"),
  BHRUT_QUEENS("bhrut-queens", "Queen's Hospital (BHRUT)", "bhrut", "bhrut-therapy"),
  BARTS_WHIPPS("barts-whipps", "Whipps Cross (Barts Health)", "barts-whipps", "barts-whipps-therapy");

  private final String code;
  private final String label;
  private final String wardTeam;
  private final String therapyTeam;

  Hospital(String code, String label, String wardTeam, String therapyTeam) {
    this.code = code;
    this.label = label;
    this.wardTeam = wardTeam;
    this.therapyTeam = therapyTeam;
  }

  /**
   * The team of the trust's ward therapists (physiotherapists, occupational therapists): they may
   * do a trusted assessment for the patients of this hospital, beside the discharge team.
   */
  public String therapyTeam() {
    return therapyTeam;
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
