package org.homefirst.processes;

import java.util.Set;

/**
 * BPMN error codes: those workers throw ({@code handleBpmnError}) for a business refusal, and the
 * one the journey throws itself.
 */
public final class Errors {

  /** A partner refused the request; pass {@code rejectionReason} and {@code rejectedBy} with it. */
  public static final String REJECTED = "homefirst.rejected";

  /**
   * Thrown inside the journey only: the patient declined further assessment in hospital before
   * any service was requested, so pathway care starts again on pathway 1 (never from a worker).
   */
  public static final String ASSESS_AT_HOME_INSTEAD = "homefirst.assess-at-home-instead";

  public static final Set<String> ALL = Set.of(REJECTED, ASSESS_AT_HOME_INSTEAD);

  private Errors() {}
}
