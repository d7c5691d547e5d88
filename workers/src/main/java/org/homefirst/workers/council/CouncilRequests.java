package org.homefirst.workers.council;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.worker.JobClient;
import io.camunda.zeebe.spring.client.annotation.JobWorker;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerJobs;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;

/**
 * The council job types: {@code homefirst.council.request-care-package}, {@code -interim-bed},
 * {@code -placement} and {@code -long-term-care}. Each sends its request to the council of the
 * patient's {@code borough} (once per job) and completes as soon as the council holds it; the
 * model then waits for message {@code homefirst.partner-decided} correlated by the request's key,
 * which a council's callback or {@link CouncilDecisions} brings. A council that declines in its
 * answer to the request itself gets the BPMN error {@code homefirst.rejected} with
 * {@code rejectionReason} and {@code rejectedBy}.
 */
public class CouncilRequests {

  /** The variables these workers read. */
  public record Variables(String referralId, String nhsNumber, String givenName, String familyName,
      String dateOfBirth, String borough, String hospital, String ward, String careHomeChoice) {}

  private final Councils councils;
  private final CouncilProperties properties;
  private final PartnerDecisions decisions;

  public CouncilRequests(Councils councils, CouncilProperties properties, PartnerDecisions decisions) {
    this.councils = councils;
    this.properties = properties;
    this.decisions = decisions;
  }

  @JobWorker(type = "homefirst.council.request-care-package", autoComplete = false,
      fetchVariables = {"referralId", "nhsNumber", "givenName", "familyName", "dateOfBirth", "borough", "hospital",
          "ward", "careHomeChoice"})
  public void requestCarePackage(JobClient client, ActivatedJob job) {
    run(client, job, RequestType.CARE_PACKAGE);
  }

  @JobWorker(type = "homefirst.council.request-interim-bed", autoComplete = false,
      fetchVariables = {"referralId", "nhsNumber", "givenName", "familyName", "dateOfBirth", "borough", "hospital",
          "ward", "careHomeChoice"})
  public void requestInterimBed(JobClient client, ActivatedJob job) {
    run(client, job, RequestType.INTERIM_BED);
  }

  @JobWorker(type = "homefirst.council.request-placement", autoComplete = false,
      fetchVariables = {"referralId", "nhsNumber", "givenName", "familyName", "dateOfBirth", "borough", "hospital",
          "ward", "careHomeChoice"})
  public void requestPlacement(JobClient client, ActivatedJob job) {
    run(client, job, RequestType.PLACEMENT);
  }

  @JobWorker(type = "homefirst.council.request-long-term-care", autoComplete = false,
      fetchVariables = {"referralId", "nhsNumber", "givenName", "familyName", "dateOfBirth", "borough", "hospital",
          "ward", "careHomeChoice"})
  public void requestLongTermCare(JobClient client, ActivatedJob job) {
    run(client, job, RequestType.LONG_TERM_CARE);
  }

  private void run(JobClient client, ActivatedJob job, RequestType type) {
    PartnerJobs.run(client, job, properties.jobBackoff(),
        () -> handle(type, job.getVariablesAsType(Variables.class), job.getKey()));
  }

  /**
   * Requests (once per job key) and returns {@code <kind>ReferralId} (the council's id) and
   * {@code <kind>RequestKey} (the correlation key of the decision); kind: {@code carePackage},
   * {@code interimBed}, {@code placement}, {@code longTermCare}.
   *
   * @throws io.camunda.zeebe.spring.common.exception.ZeebeBpmnError {@code homefirst.rejected} when the council
   *     declined in its answer to the request (or a job run again finds it declined)
   */
  public Map<String, Object> handle(RequestType type, Variables v, long jobKey) {
    if (v.referralId() == null) {
      throw new IllegalArgumentException("council request needs the variable referralId");
    }
    CouncilAdultSocialCare council = councils.of(v.borough());
    Map<String, String> details = new LinkedHashMap<>();
    if (v.careHomeChoice() != null) {
      details.put("careHomeChoice", v.careHomeChoice());
    }
    CouncilAdultSocialCare.Request request = new CouncilAdultSocialCare.Request(UUID.fromString(v.referralId()), type,
        NhsNumber.parse(v.nhsNumber()), v.givenName(), v.familyName(),
        v.dateOfBirth() == null ? null : LocalDate.parse(v.dateOfBirth()), v.hospital(), v.ward(), details);
    PartnerReferral requested = council.request(request, jobKey);
    decisions.onRequested(requested);
    return Map.of(prefix(type) + "ReferralId", requested.downstreamId(),
        prefix(type) + "RequestKey", requested.idempotencyKey());
  }

  static String prefix(RequestType type) {
    String[] words = type.code().split("-");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }
}
