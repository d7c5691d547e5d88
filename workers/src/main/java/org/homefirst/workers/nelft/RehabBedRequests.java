package org.homefirst.workers.nelft;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;

/**
 * {@code homefirst.nelft.request-rehab-bed}: asks NELFT's Intensive Rehabilitation Service for a
 * community rehab bed (once per job) and completes as soon as NELFT holds the request, with
 * {@code rehabBedReferralId} and {@code rehabBedRequestKey}. NELFT decides later: the model waits
 * for message {@code homefirst.partner-decided} correlated by that key, which
 * {@link NelftDecisions} delivers when it reads the decision.
 */
public class RehabBedRequests implements JobTopics {

  public static final String JOB_TYPE = "homefirst.nelft.request-rehab-bed";

  /** The variables this worker reads. */
  public record Variables(String referralId, String nhsNumber, String givenName, String familyName,
      String dateOfBirth, String hospital, String ward) {}

  private final NelftCommunitySystem nelft;
  private final NelftProperties properties;
  private final PartnerDecisions decisions;

  public RehabBedRequests(NelftCommunitySystem nelft, NelftProperties properties, PartnerDecisions decisions) {
    this.nelft = nelft;
    this.properties = properties;
    this.decisions = decisions;
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(JobWorker.of(JOB_TYPE,
        List.of("referralId", "nhsNumber", "givenName", "familyName", "dateOfBirth", "hospital", "ward"),
        properties.jobBackoff(), job -> handle(job.variablesAs(Variables.class), job.key())));
  }

  /**
   * Refers (once per job key) and returns {@code rehabBedReferralId} (NELFT's ServiceRequest id)
   * and {@code rehabBedRequestKey} (the correlation key of the decision).
   *
   * @throws org.homefirst.workers.jobs.BpmnRefusal {@code homefirst.rejected} when the
   *     referral is already known to be rejected (a job run again after NELFT decided)
   */
  public Map<String, Object> handle(Variables v, long jobKey) {
    if (v.referralId() == null) {
      throw new IllegalArgumentException(JOB_TYPE + " needs the variable referralId");
    }
    NelftCommunitySystem.Referral referral = new NelftCommunitySystem.Referral(
        UUID.fromString(v.referralId()), NhsNumber.parse(v.nhsNumber()), v.givenName(), v.familyName(),
        v.dateOfBirth() == null ? null : LocalDate.parse(v.dateOfBirth()), v.hospital(), v.ward(),
        NelftCommunitySystem.Service.IRS_BED);
    PartnerReferral requested = nelft.refer(referral, jobKey);
    decisions.onRequested(requested);
    return Map.of("rehabBedReferralId", requested.downstreamId(), "rehabBedRequestKey", requested.idempotencyKey());
  }
}
