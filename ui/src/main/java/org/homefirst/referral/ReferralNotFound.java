package org.homefirst.referral;

import java.util.UUID;

/** No referral with that id. */
public class ReferralNotFound extends RuntimeException {
  ReferralNotFound(UUID id) {
    this(id.toString());
  }

  ReferralNotFound(String id) {
    super("No referral " + id);
  }
}
