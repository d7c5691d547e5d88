package org.homefirst.workers.council;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;

/**
 * The council job types: {@code homefirst.council.request-care-package}, {@code -interim-bed},
 * {@code -placement}, {@code -long-term-care} and {@code -telecare} (assistive technology: pendant
 * alarm, key safe; {@code telecareEquipment} says what). Each sends its request to the council of the
 * patient's {@code borough} (once per job) and completes as soon as the council holds it; the
 * model then waits for message {@code homefirst.partner-decided} correlated by the request's key,
 * which a council's callback or {@link CouncilDecisions} brings. A council that declines in its
 * answer to the request itself gets the BPMN error {@code homefirst.rejected} with
 * {@code rejectionReason} and {@code rejectedBy}.
 */
public class CouncilRequests implements JobTopics {

  private static final List<String> VARIABLES = List.of("referralId", "nhsNumber", "givenName", "familyName",
      "dateOfBirth", "borough", "hospital", "ward", "careHomeChoice", "telecareEquipment");

  /** The variables these workers read. */
  public record Variables(String referralId, String nhsNumber, String givenName, String familyName,
      String dateOfBirth, String borough, String hospital, String ward, String careHomeChoice,
      String telecareEquipment) {

    /** Without telecare equipment (every request but telecare). */
    public Variables(String referralId, String nhsNumber, String givenName, String familyName, String dateOfBirth,
        String borough, String hospital, String ward, String careHomeChoice) {
      this(referralId, nhsNumber, givenName, familyName, dateOfBirth, borough, hospital, ward, careHomeChoice, null);
    }
  }

  private final Councils councils;
  private final CouncilProperties properties;
  private final PartnerDecisions decisions;

  public CouncilRequests(Councils councils, CouncilProperties properties, PartnerDecisions decisions) {
    this.councils = councils;
    this.properties = properties;
    this.decisions = decisions;
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(worker("homefirst.council.request-care-package", RequestType.CARE_PACKAGE),
        worker("homefirst.council.request-interim-bed", RequestType.INTERIM_BED),
        worker("homefirst.council.request-placement", RequestType.PLACEMENT),
        worker("homefirst.council.request-long-term-care", RequestType.LONG_TERM_CARE),
        worker("homefirst.council.request-telecare", RequestType.TELECARE));
  }

  private JobWorker worker(String topic, RequestType type) {
    return JobWorker.of(topic, VARIABLES, properties.jobBackoff(),
        job -> handle(type, job.variablesAs(Variables.class), job.key()));
  }

  /**
   * Requests (once per job key) and returns {@code <kind>ReferralId} (the council's id) and
   * {@code <kind>RequestKey} (the correlation key of the decision); kind: {@code carePackage},
   * {@code interimBed}, {@code placement}, {@code longTermCare}, {@code telecare}.
   *
   * @throws org.homefirst.workers.jobs.BpmnRefusal {@code homefirst.rejected} when the council
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
    if (type == RequestType.TELECARE && v.telecareEquipment() != null) {
      details.put("equipment", v.telecareEquipment());
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
