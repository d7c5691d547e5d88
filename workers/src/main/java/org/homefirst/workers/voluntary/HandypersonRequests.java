package org.homefirst.workers.voluntary;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;

/**
 * {@code homefirst.handyperson.request-visit}: refers the patient to the borough's handyperson
 * scheme (key safes, hazards at home; it gives priority to people about to leave hospital). The
 * schemes take referrals through the voluntary services' referral API as service
 * {@value #SERVICE}, so this is the same adapter, {@link VoluntaryServices}, with its idempotency
 * key, retries, e-mail fallback and simulator. Completes with {@code handypersonStatus}
 * {@code accepted} or {@code referred-by-email} and {@code handypersonReferralReference}; a decline
 * is the BPMN error {@code homefirst.rejected} with {@code rejectionReason}.
 */
public class HandypersonRequests implements JobTopics {

  public static final String JOB_TYPE = "homefirst.handyperson.request-visit";
  /** The handyperson schemes' service id on the voluntary services' referral API. */
  public static final String SERVICE = "handyperson";

  /** The variables this worker reads; {@code handypersonWork} is what the coordinator asks for. */
  public record Variables(String referralId, String handypersonWork, String nhsNumber, String givenName,
      String familyName, String borough, String hospital, String ward, String plannedDischargeAt) {}

  private final VoluntaryServices services;
  private final VoluntaryProperties properties;

  public HandypersonRequests(VoluntaryServices services, VoluntaryProperties properties) {
    this.services = services;
    this.properties = properties;
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(JobWorker.of(JOB_TYPE, List.of("referralId", "handypersonWork", "nhsNumber", "givenName",
        "familyName", "borough", "hospital", "ward", "plannedDischargeAt"), properties.jobBackoff(),
        job -> handle(job.variablesAs(Variables.class), job.key())));
  }

  public Map<String, Object> handle(Variables v, long jobKey) {
    if (v.referralId() == null) {
      throw new IllegalArgumentException(JOB_TYPE + " needs the variable referralId");
    }
    String work = v.handypersonWork() == null || v.handypersonWork().isBlank() ? "Home safety visit" : v.handypersonWork();
    VoluntaryServices.Progress progress = services.refer(new VoluntaryServices.Referral(UUID.fromString(v.referralId()),
        SERVICE, NhsNumber.parse(v.nhsNumber()), v.givenName(), v.familyName(), v.borough(), v.hospital(), v.ward(),
        v.plannedDischargeAt(), work), jobKey);
    return progress.completion("handypersonStatus", "handypersonReferralReference", SERVICE,
        "the handyperson scheme", properties.pollInterval());
  }
}
