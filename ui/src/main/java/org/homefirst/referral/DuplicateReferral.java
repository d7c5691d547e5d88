package org.homefirst.referral;

import java.util.UUID;

/**
 * The patient already has an open referral; a second one would split the journey in two. The open
 * referral is named only to someone who may see it; otherwise {@link #existingId()} is null.
 */
public class DuplicateReferral extends RuntimeException {

  private final UUID existingId;

  DuplicateReferral(UUID existingId) {
    super(existingId == null ? "Patient already has an open referral"
        : "Patient already has an open referral " + existingId);
    this.existingId = existingId;
  }

  /** The open referral, or null when the person told may not see it. */
  public UUID existingId() {
    return existingId;
  }
}
