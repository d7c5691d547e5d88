package org.homefirst.processes;

import java.util.Set;

/**
 * External-task topics of the models (the former Zeebe job types), so that every worker subscribes
 * to a constant and a test can prove each topic has a worker. Named {@code homefirst.<system>.<action>}.
 */
public final class Topics {

  public static final String PHARMACY_REQUEST_TTA = "homefirst.pharmacy.request-tta";
  public static final String TRANSPORT_BOOK_TRANSPORT = "homefirst.transport.book-transport";
  public static final String VOLUNTARY_REQUEST_SUPPORT = "homefirst.voluntary.request-support";
  public static final String REABLEMENT_REQUEST_SERVICE = "homefirst.reablement.request-service";
  public static final String COUNCIL_REQUEST_CARE_PACKAGE = "homefirst.council.request-care-package";
  public static final String EQUIPMENT_ORDER_EQUIPMENT = "homefirst.equipment.order-equipment";
  public static final String COUNCIL_REQUEST_LONG_TERM_CARE = "homefirst.council.request-long-term-care";
  public static final String NELFT_REQUEST_REHAB_BED = "homefirst.nelft.request-rehab-bed";
  public static final String COUNCIL_REQUEST_INTERIM_BED = "homefirst.council.request-interim-bed";
  public static final String CHC_COMMISSION_FAST_TRACK_CARE = "homefirst.chc.commission-fast-track-care";
  public static final String CHC_COMMISSION_PLACEMENT = "homefirst.chc.commission-placement";
  public static final String CHC_ARRANGE_FNC = "homefirst.chc.arrange-fnc";
  public static final String COUNCIL_REQUEST_PLACEMENT = "homefirst.council.request-placement";
  /** Handyperson scheme (key safe, hazards at home), through the voluntary services' referral API. */
  public static final String HANDYPERSON_REQUEST_VISIT = "homefirst.handyperson.request-visit";
  /** Assistive technology / telecare (pendant alarm, key safe) from the borough council. */
  public static final String COUNCIL_REQUEST_TELECARE = "homefirst.council.request-telecare";
  /** The external task on the message throw event {@code Event_PatientDischarged} of the discharge. */
  public static final String JOURNEY_PUBLISH_PATIENT_DISCHARGED = "homefirst.journey.publish-patient-discharged";
  public static final String NOTIFICATIONS_NOTIFY_DISCHARGE = "homefirst.notifications.notify-discharge";
  public static final String NOTIFICATIONS_NOTIFY_JOURNEY_COMPLETE = "homefirst.notifications.notify-journey-complete";
  public static final String NOTIFICATIONS_NOTIFY_DEATH = "homefirst.notifications.notify-death";
  public static final String JOURNEY_CANCEL_SERVICE_REQUESTS = "homefirst.journey.cancel-service-requests";

  public static final Set<String> ALL = Set.of(PHARMACY_REQUEST_TTA, TRANSPORT_BOOK_TRANSPORT,
      VOLUNTARY_REQUEST_SUPPORT, REABLEMENT_REQUEST_SERVICE, COUNCIL_REQUEST_CARE_PACKAGE, EQUIPMENT_ORDER_EQUIPMENT,
      COUNCIL_REQUEST_LONG_TERM_CARE, NELFT_REQUEST_REHAB_BED, COUNCIL_REQUEST_INTERIM_BED,
      CHC_COMMISSION_FAST_TRACK_CARE, CHC_COMMISSION_PLACEMENT, CHC_ARRANGE_FNC, COUNCIL_REQUEST_PLACEMENT,
      JOURNEY_PUBLISH_PATIENT_DISCHARGED, NOTIFICATIONS_NOTIFY_DISCHARGE, NOTIFICATIONS_NOTIFY_JOURNEY_COMPLETE,
      NOTIFICATIONS_NOTIFY_DEATH, JOURNEY_CANCEL_SERVICE_REQUESTS, HANDYPERSON_REQUEST_VISIT, COUNCIL_REQUEST_TELECARE);

  /** Partner requests whose workers may throw {@link Errors#REJECTED}: each is caught in the models. */
  public static final Set<String> MAY_BE_REJECTED = Set.of(VOLUNTARY_REQUEST_SUPPORT, REABLEMENT_REQUEST_SERVICE,
      NELFT_REQUEST_REHAB_BED, COUNCIL_REQUEST_INTERIM_BED, COUNCIL_REQUEST_CARE_PACKAGE,
      COUNCIL_REQUEST_LONG_TERM_CARE, COUNCIL_REQUEST_PLACEMENT, HANDYPERSON_REQUEST_VISIT, COUNCIL_REQUEST_TELECARE);

  private Topics() {}
}
