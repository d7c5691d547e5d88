package org.homefirst.workers.reablement;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.council.CouncilAdultSocialCare;
import org.homefirst.workers.council.Councils;
import org.homefirst.workers.nelft.NelftCommunitySystem;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@code homefirst.reablement.request-service}: the pathway 1 service request to the borough's
 * reablement team ({@code reablementTeam} from the routing decision): {@code nelft-reablement}
 * (Havering) goes to NELFT as a FHIR ServiceRequest, {@code lbbd-crisis} and
 * {@code lbr-reablement} to the council of that borough (once per job). Completes as soon as the
 * service holds the request, with {@code reablementReferralId} and {@code reablementRequestKey};
 * the decision comes later as message {@code homefirst.partner-decided} correlated by that key
 * (NELFT's or the councils' decision pollers, a council's callback). A refusal in the answer to
 * the request itself is {@code homefirst.rejected} with {@code rejectionReason}.
 */
@Component
@EnableConfigurationProperties(ReablementProperties.class)
public class ReablementRequests implements JobTopics {

  public static final String JOB_TYPE = "homefirst.reablement.request-service";

  /** The variables this worker reads. */
  public record Variables(String referralId, String reablementTeam, String nhsNumber, String givenName,
      String familyName, String dateOfBirth, String hospital, String ward) {}

  private static final Map<String, String> COUNCIL_TEAMS = Map.of("lbbd-crisis", "lbbd", "lbr-reablement", "lbr");

  private final NelftCommunitySystem nelft;
  private final Councils councils;
  private final PartnerDecisions decisions;
  private final Duration jobBackoff;

  public ReablementRequests(NelftCommunitySystem nelft, Councils councils, PartnerDecisions decisions,
      ReablementProperties properties) {
    this.nelft = nelft;
    this.councils = councils;
    this.decisions = decisions;
    this.jobBackoff = properties.jobBackoff();
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(JobWorker.of(JOB_TYPE, List.of("referralId", "reablementTeam", "nhsNumber", "givenName",
        "familyName", "dateOfBirth", "hospital", "ward"), jobBackoff,
        job -> handle(job.variablesAs(Variables.class), job.key())));
  }

  public Map<String, Object> handle(Variables v, long jobKey) {
    if (v.referralId() == null) {
      throw new IllegalArgumentException(JOB_TYPE + " needs the variable referralId");
    }
    UUID referralId = UUID.fromString(v.referralId());
    NhsNumber nhsNumber = NhsNumber.parse(v.nhsNumber());
    LocalDate born = v.dateOfBirth() == null ? null : LocalDate.parse(v.dateOfBirth());
    PartnerReferral requested;
    if ("nelft-reablement".equals(v.reablementTeam())) {
      requested = nelft.refer(new NelftCommunitySystem.Referral(referralId, nhsNumber, v.givenName(), v.familyName(),
          born, v.hospital(), v.ward(), NelftCommunitySystem.Service.REABLEMENT), jobKey);
    } else {
      String borough = COUNCIL_TEAMS.get(v.reablementTeam());
      if (borough == null) {
        throw new IllegalArgumentException("No reablement service is known for team '" + v.reablementTeam()
            + "' (known: nelft-reablement, " + String.join(", ", COUNCIL_TEAMS.keySet()) + ")");
      }
      requested = councils.of(borough).request(new CouncilAdultSocialCare.Request(referralId,
          CouncilAdultSocialCare.RequestType.REABLEMENT, nhsNumber, v.givenName(), v.familyName(), born, v.hospital(),
          v.ward(), Map.of("team", v.reablementTeam())), jobKey);
    }
    decisions.onRequested(requested);
    return Map.of("reablementReferralId", requested.downstreamId(), "reablementRequestKey", requested.idempotencyKey());
  }
}
