package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;

/**
 * The intake API over real HTTP applies the one access rule (ReferralAccess): another
 * organisation's patient is answered exactly as an unknown one, for reads and writes, and every
 * attempt is audited; reads that succeed are audited too; the duplicate answer names the open
 * referral only to someone who may see it; a death or a declined support is recorded only by the
 * ward staff or the patient's discharge team. Demo users: ward.nurse (BHRUT ward staff),
 * jad.coordinator (JAD, the discharge team of Havering residents at BHRUT), lbr.socialworker
 * (Redbridge hospital social work, no part in a Havering resident's care).
 */
class PatientAccessApiTest extends StackTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anotherOrganisationsPatientReadsAsUnknownAndTheAttemptIsAudited() throws Exception {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");
    UUID unknown = UUID.randomUUID();

    HttpResponse<String> refused = call("GET", "/api/v1/referrals/" + id, "lbr.socialworker", null);
    HttpResponse<String> missing = call("GET", "/api/v1/referrals/" + unknown, "lbr.socialworker", null);

    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body()).doesNotContain("Ada", "Jones", "lbh");
    assertThat(refused.body().replace(id.toString(), "ID")).isEqualTo(missing.body().replace(unknown.toString(), "ID"));
    assertThat(refused.headers().firstValue("Content-Type")).isEqualTo(missing.headers().firstValue("Content-Type"));
    assertThat(audit("lbr.socialworker", "REFUSED_ACCESS", id)).containsExactly("API: read referral");
    assertThat(audit("lbr.socialworker", "REFUSED_ACCESS", unknown))
        .containsExactly("API: read referral (no such referral)");
  }

  @Test
  void readsThatSucceedAreAuditedForWardStaffTheReferrerAndTheDischargeTeam() throws Exception {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");
    eventually("the triage task for JAD", () -> db.sql(
            "select count(*) from user_task t join referral r on r.process_instance_key = t.root_instance_key"
                + " where r.id = ? and 'jad' = any(t.candidate_groups)")
        .param(id).query(Integer.class).single() > 0);

    assertThat(call("GET", "/api/v1/referrals/" + id, "ward.nurse", null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/api/v1/referrals/" + id, "jad.coordinator", null).statusCode()).isEqualTo(200);

    assertThat(audit("ward.nurse", "VIEW_PATIENT", id)).containsExactly("API: read referral");
    assertThat(audit("jad.coordinator", "VIEW_PATIENT", id)).containsExactly("API: read referral");
  }

  @Test
  void anotherOrganisationsPatientCannotBeWrittenToAndTheAttemptIsAudited() throws Exception {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");
    String review = """
        {"type":"criteria-to-reside-reviewed","values":{"meetsCriteriaToReside":false}}""";

    HttpResponse<String> refused = call("POST", "/api/v1/referrals/" + id + "/events", "lbr.socialworker", review);
    UUID unknown = UUID.randomUUID();
    HttpResponse<String> missing = call("POST", "/api/v1/referrals/" + unknown + "/events", "lbr.socialworker",
        review);

    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.body().replace(id.toString(), "ID")).isEqualTo(missing.body().replace(unknown.toString(), "ID"));
    assertThat(audit("lbr.socialworker", "REFUSED_ACCESS", id))
        .containsExactly("record criteria-to-reside-reviewed on the journey");
    assertThat(db.sql("select count(*) from journey_event where referral_id = ? and kind like 'EVENT_%'")
        .param(id).query(Integer.class).single()).as("nothing reached the journey").isZero();
    assertThat(db.sql("select count(*) from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(id).query(Integer.class).single()).isZero();

    assertThat(call("POST", "/api/v1/referrals/" + id + "/events", "ward.nurse", review).statusCode())
        .as("the patient's ward may").isEqualTo(202);
  }

  @Test
  void theDuplicateAnswerNamesTheOpenReferralOnlyToThoseWhoMaySeeIt() throws Exception {
    String nhs = validNhsNumber();
    UUID first = refer(nhs, "lbh", "bhrut-kgh");

    HttpResponse<String> stranger = postReferral(referralJson(nhs, "lbh", "bhrut-kgh"), "lbr.socialworker");
    HttpResponse<String> ward = postReferral(referralJson(nhs, "lbh", "bhrut-queens"), "ward.nurse");

    assertThat(stranger.statusCode()).isEqualTo(409);
    assertThat(stranger.body()).doesNotContain(first.toString());
    JsonNode neutral = json.readTree(stranger.body());
    assertThat(neutral.has("existingReferralId")).isFalse();
    assertThat(neutral.has("existingReferral")).isFalse();
    assertThat(neutral.get("detail").asText()).contains("already has an open referral").contains("not one you can see");
    assertThat(audit("lbr.socialworker", "REFUSED_ACCESS", first))
        .containsExactly("refer a patient who already has an open referral");

    assertThat(ward.statusCode()).isEqualTo(409);
    assertThat(json.readTree(ward.body()).get("existingReferralId").asText()).isEqualTo(first.toString());
    assertThat(db.sql("select count(*) from referral where nhs_number = ?").param(nhs).query(Integer.class).single())
        .isEqualTo(1);
  }

  /**
   * lbr.socialworker referred a Havering resident, so may see them, but is neither BHRUT ward staff
   * nor JAD (the patient's discharge team): a death from them is refused with 403 and audited, and
   * the journey goes on; from the ward it is taken.
   */
  @Test
  void aDeathIsRecordedOnlyByTheWardOrTheDischargeTeam() throws Exception {
    var referred = postReferral(referralJson(validNhsNumber(), "lbh", "bhrut-kgh"), "lbr.socialworker");
    assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
    UUID id = UUID.fromString(json.readTree(referred.body()).get("id").asText());
    long root = db.sql("select process_instance_key from referral where id = ?").param(id).query(Long.class).single();
    eventually("the triage task", () -> active(root, "Task_Triage"));
    String died = """
        {"type":"patient-died","values":{}}""";
    String declined = """
        {"type":"patient-declined","values":{"declinedSupport":"Declined a package of care"}}""";

    HttpResponse<String> death = call("POST", "/api/v1/referrals/" + id + "/events", "lbr.socialworker", died);
    HttpResponse<String> decline = call("POST", "/api/v1/referrals/" + id + "/events", "lbr.socialworker", declined);

    assertThat(call("GET", "/api/v1/referrals/" + id, "lbr.socialworker", null).statusCode())
        .as("the referrer may see the patient").isEqualTo(200);
    for (HttpResponse<String> refused : java.util.List.of(death, decline)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(json.readTree(refused.body()).get("detail").asText())
          .startsWith("Only the ward staff and the patient's discharge team (BHRUT wards, JAD (Joint Assessment"
              + " and Discharge)) may record");
    }
    assertThat(audit("lbr.socialworker", "REFUSED_ACCESS", id)).hasSize(2)
        .allMatch(d -> d.endsWith("neither ward staff of the patient's hospital nor the patient's discharge team"));
    assertThat(active(root, "Task_Triage")).as("the journey goes on").isTrue();

    assertThat(call("POST", "/api/v1/referrals/" + id + "/events", "ward.nurse", died).statusCode()).isEqualTo(202);
    eventually("the triage task to be withdrawn", () -> !active(root, "Task_Triage"));
    assertThat(db.sql("select count(*) from audit_event where referral_id = ? and action = 'RECORD_EVENT'"
        + " and actor = 'ward.nurse' and detail like 'patient-died%'").param(id).query(Integer.class).single())
        .isEqualTo(1);
  }

  @Test
  void theDischargeTeamMayRecordADeclinedSupport() throws Exception {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-queens");
    long root = db.sql("select process_instance_key from referral where id = ?").param(id).query(Long.class).single();
    eventually("the triage task", () -> active(root, "Task_Triage"));

    HttpResponse<String> response = call("POST", "/api/v1/referrals/" + id + "/events", "jad.coordinator", """
        {"type":"patient-declined","values":{"declinedSupport":"Declined reablement; advice given"}}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private java.util.List<String> audit(String actor, String action, UUID referral) {
    return db.sql("select detail from audit_event where actor = ? and action = ? and referral_id = ? order by id")
        .params(actor, action, referral).query(String.class).list();
  }

  private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
