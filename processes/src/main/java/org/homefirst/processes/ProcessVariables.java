package org.homefirst.processes;

/**
 * Variables the application reads or writes by name outside a form or a worker's record. The full
 * list of variables is in {@code processes/README.md}.
 */
public final class ProcessVariables {

  /** The referral id: start variable and business key of every instance of a journey. */
  public static final String REFERRAL_ID = "referralId";

  /**
   * Local variable of each wait for {@link Messages#PARTNER_DECIDED}: the key of the request it
   * waits for (copied from e.g. {@code rehabBedRequestKey} when the wait starts).
   */
  public static final String PARTNER_REQUEST_KEY = "partnerRequestKey";

  private ProcessVariables() {}
}
