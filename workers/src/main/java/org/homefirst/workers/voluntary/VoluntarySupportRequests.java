package org.homefirst.workers.voluntary;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;

/**
 * {@code homefirst.voluntary.request-support}: refers the patient to the borough's voluntary
 * service ({@code voluntaryService}: {@code redcross-hnh}, {@code ageuk-escort}, ...). Completes
 * with {@code voluntarySupportStatus} {@code accepted} or {@code referred-by-email} (API down, sent
 * to the service's inbox) and {@code voluntaryReferralReference}; a decline is the BPMN error
 * {@code homefirst.rejected} with {@code rejectionReason} (the model goes ahead with the discharge).
 */
public class VoluntarySupportRequests implements JobTopics {

  public static final String JOB_TYPE = "homefirst.voluntary.request-support";

  /** The variables this worker reads. */
  public record Variables(String referralId, String voluntaryService, String nhsNumber, String givenName,
      String familyName, String borough, String hospital, String ward, String plannedDischargeAt) {}

  private final VoluntaryServices services;
  private final VoluntaryProperties properties;

  public VoluntarySupportRequests(VoluntaryServices services, VoluntaryProperties properties) {
    this.services = services;
    this.properties = properties;
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(JobWorker.of(JOB_TYPE, List.of("referralId", "voluntaryService", "nhsNumber", "givenName",
        "familyName", "borough", "hospital", "ward", "plannedDischargeAt"), properties.jobBackoff(),
        job -> handle(job.variablesAs(Variables.class), job.key())));
  }

  public Map<String, Object> handle(Variables v, long jobKey) {
    if (v.referralId() == null) {
      throw new IllegalArgumentException(JOB_TYPE + " needs the variable referralId");
    }
    if (v.voluntaryService() == null || v.voluntaryService().isBlank() || "none".equals(v.voluntaryService())) {
      return Map.of("voluntarySupportStatus", "none");
    }
    VoluntaryServices.Progress progress = services.refer(new VoluntaryServices.Referral(UUID.fromString(v.referralId()),
        v.voluntaryService(), NhsNumber.parse(v.nhsNumber()), v.givenName(), v.familyName(), v.borough(), v.hospital(),
        v.ward(), v.plannedDischargeAt()), jobKey);
    return progress.completion("voluntarySupportStatus", "voluntaryReferralReference", v.voluntaryService(),
        v.voluntaryService(), properties.pollInterval());
  }
}
