package org.homefirst.processes;

import java.util.Set;

/**
 * Process ids of the Home First models, for the application to start and look up instances by
 * name instead of by string literal. {@code ModelContractTest} holds them to the models and README.
 */
public final class Processes {

  /** The main process: one instance per referral, started with the referral id as business key. */
  public static final String DISCHARGE_JOURNEY = "homefirst-discharge-journey";
  public static final String TRUSTED_ASSESSMENT = "homefirst-trusted-assessment";
  public static final String DISCHARGE = "homefirst-discharge";
  public static final String PATHWAY_0 = "homefirst-pathway-0";
  public static final String PATHWAY_1 = "homefirst-pathway-1";
  public static final String PATHWAY_2 = "homefirst-pathway-2";
  public static final String PATHWAY_3 = "homefirst-pathway-3";
  public static final String CHC = "homefirst-chc";
  public static final String SECTION_117 = "homefirst-section-117";
  public static final String SLA_ESCALATION = "homefirst-sla-escalation";
  /** Handyperson, telecare and voluntary support at home, called by pathways 0 and 1. */
  public static final String HOME_SERVICES = "homefirst-home-services";

  public static final Set<String> ALL = Set.of(DISCHARGE_JOURNEY, TRUSTED_ASSESSMENT, DISCHARGE, PATHWAY_0,
      PATHWAY_1, PATHWAY_2, PATHWAY_3, CHC, SECTION_117, SLA_ESCALATION,
      HOME_SERVICES);

  private Processes() {}
}
