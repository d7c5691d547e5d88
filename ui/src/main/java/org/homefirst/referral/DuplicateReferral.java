package org.homefirst.referral;

import java.util.UUID;

/** The patient already has an open referral; a second one would split the journey in two. */
public class DuplicateReferral extends RuntimeException {

  private final UUID existingId;

  DuplicateReferral(UUID existingId) {
    super("Patient already has an open referral " + existingId);
    this.existingId = existingId;
  }

  public UUID existingId() {
    return existingId;
  }
}
