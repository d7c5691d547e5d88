package org.homefirst.processes;

import java.util.Set;

/** BPMN error codes workers throw ({@code handleBpmnError}) for a business refusal. */
public final class Errors {

  /** A partner refused the request; pass {@code rejectionReason} and {@code rejectedBy} with it. */
  public static final String REJECTED = "homefirst.rejected";

  public static final Set<String> ALL = Set.of(REJECTED);

  private Errors() {}
}
