package org.homefirst.workers.partners;

import org.homefirst.workers.jobs.NotRetryable;

/**
 * A partner answered with something we cannot trust: malformed FHIR or JSON, an unknown code, a
 * reply about a referral we never made, or a refusal of our request as invalid. Nothing is
 * stored from it; the job goes straight to an incident (retrying would get the same answer) with
 * this message, for an operator to look at.
 */
public class PartnerDataRejected extends NotRetryable {

  public PartnerDataRejected(String message) {
    super(message);
  }

  public PartnerDataRejected(String message, Throwable cause) {
    super(message, cause);
  }
}
