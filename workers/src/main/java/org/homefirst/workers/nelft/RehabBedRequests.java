package org.homefirst.workers.nelft;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.worker.JobClient;
import io.camunda.zeebe.spring.client.annotation.JobWorker;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.partners.AwaitingPartner;
import org.homefirst.workers.partners.PartnerJobs;
import org.homefirst.workers.partners.PartnerRejection;

/**
 * {@code homefirst.nelft.request-rehab-bed}: asks NELFT's Intensive Rehabilitation Service for a
 * community rehab bed and completes when NELFT accepts. A rejection becomes the BPMN error
 * {@code homefirst.rejected} (with {@code rejectionReason}); while NELFT has not decided, the job
 * comes back every poll interval.
 */
public class RehabBedRequests {

  public static final String JOB_TYPE = "homefirst.nelft.request-rehab-bed";

  /** The variables this worker reads. */
  public record Variables(String referralId, String nhsNumber, String givenName, String familyName,
      String dateOfBirth, String hospital, String ward) {}

  private final NelftCommunitySystem nelft;
  private final NelftProperties properties;

  public RehabBedRequests(NelftCommunitySystem nelft, NelftProperties properties) {
    this.nelft = nelft;
    this.properties = properties;
  }

  @JobWorker(type = JOB_TYPE, autoComplete = false,
      fetchVariables = {"referralId", "nhsNumber", "givenName", "familyName", "dateOfBirth", "hospital", "ward"})
  public void requestRehabBed(JobClient client, ActivatedJob job) {
    PartnerJobs.run(client, job, properties.jobBackoff(),
        () -> handle(job.getVariablesAsType(Variables.class), job.getKey()));
  }

  /**
   * Refers (once per job key) and returns the result variables {@code rehabBedReferralId} and
   * {@code rehabBedStatus} once NELFT has accepted.
   *
   * @throws io.camunda.zeebe.spring.common.exception.ZeebeBpmnError {@code homefirst.rejected} when NELFT rejects
   * @throws AwaitingPartner while NELFT has not decided
   */
  public Map<String, Object> handle(Variables v, long jobKey) {
    if (v.referralId() == null) {
      throw new IllegalArgumentException(JOB_TYPE + " needs the variable referralId");
    }
    NelftCommunitySystem.Referral referral = new NelftCommunitySystem.Referral(
        UUID.fromString(v.referralId()), NhsNumber.parse(v.nhsNumber()), v.givenName(), v.familyName(),
        v.dateOfBirth() == null ? null : LocalDate.parse(v.dateOfBirth()), v.hospital(), v.ward(),
        NelftCommunitySystem.Service.IRS_BED);
    NelftCommunitySystem.Progress progress = nelft.refer(referral, jobKey);
    return switch (progress.status()) {
      case ACCEPTED, IN_PROGRESS, COMPLETED -> Map.of(
          "rehabBedReferralId", progress.downstreamId(),
          "rehabBedStatus", progress.status().code());
      case REJECTED -> throw PartnerRejection.of("NELFT", progress.reason());
      case CANCELLED -> throw PartnerRejection.of("NELFT",
          progress.reason() == null ? "NELFT cancelled the referral" : progress.reason());
      case REQUESTED -> throw new AwaitingPartner("waiting for NELFT to accept or reject referral "
          + progress.downstreamId(), properties.pollInterval());
    };
  }
}
