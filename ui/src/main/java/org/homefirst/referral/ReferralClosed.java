package org.homefirst.referral;

import java.util.UUID;

/** The referral's journey has ended; events for it would be lost, so they are refused. */
public class ReferralClosed extends RuntimeException {
  ReferralClosed(UUID id, String status) {
    super("Referral " + id + " is " + status + ": its journey has ended");
  }
}
