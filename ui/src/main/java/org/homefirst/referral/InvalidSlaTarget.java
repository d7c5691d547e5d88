package org.homefirst.referral;

/** An SLA target a manager entered that cannot be used, with what to write instead. */
public class InvalidSlaTarget extends RuntimeException {
  InvalidSlaTarget(String message) {
    super(message);
  }
}
