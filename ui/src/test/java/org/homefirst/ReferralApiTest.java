package org.homefirst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intake API over real HTTP: its contract, every error case, and that errors store nothing. */
class ReferralApiTest extends StackTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void createsAReferralAndStartsItsJourney() throws Exception {
    String nhs = validNhsNumber();
    HttpResponse<String> created = post(referralJson(nhs, "lbr", "barts-whipps"), "ward.nurse");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = json.readTree(created.body());
    assertThat(body.get("status").asText()).isEqualTo("OPEN");
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/api/v1/referrals/" + body.get("id").asText());

    JsonNode referral =
        eventually(
            "the triage task to be exported",
            () -> {
              JsonNode r = read(get(location, "ward.nurse").body());
              return r.get("openTasks").isEmpty() ? null : r;
            });
    assertThat(referral.get("nhsNumber").asText()).isEqualTo(nhs);
    assertThat(referral.get("borough").asText()).isEqualTo("lbr");
    JsonNode task = referral.get("openTasks").get(0);
    assertThat(task.get("name").asText()).isEqualTo("Triage referral");
    assertThat(task.get("candidateGroups").get(0).asText()).isEqualTo("lbr-hospital-sw");
    assertThat(task.get("dueAt").isNull()).isFalse();
    List<String> kinds = new ArrayList<>();
    referral.get("history").forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).contains("REFERRAL_RECEIVED", "ELEMENT_ACTIVATED");
    assertThat(referral.get("history").get(0).get("actor").asText()).isEqualTo("ward.nurse");
  }

  @Test
  void rejectsAnNhsNumberFailingModulus11AndStoresNothing() throws Exception {
    HttpResponse<String> response = post(referralJson("9434765918", "lbh", "bhrut-kgh"), "ward.nurse");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    JsonNode problem = json.readTree(response.body());
    assertThat(fields(problem)).containsExactly("nhsNumber");
    assertThat(problem.get("errors").get(0).get("message").asText()).contains("Modulus 11");
    assertThat(referralsFor("9434765918")).isZero();
  }

  @Test
  void namesEveryMissingOrBadField() throws Exception {
    HttpResponse<String> response =
        post(
            """
            {"nhsNumber":"123","givenName":" ","dateOfBirth":"02/03/1941","borough":"lbx",
             "hospital":"st-elsewhere","ward":"Ward 7","admittedAt":"yesterday"}""",
            "ward.nurse");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = json.readTree(response.body());
    assertThat(fields(problem))
        .containsExactlyInAnyOrder(
            "nhsNumber", "givenName", "familyName", "dateOfBirth", "borough", "hospital", "admittedAt");
    assertThat(problem.toString()).contains("unknown borough 'lbx'").contains("unknown hospital 'st-elsewhere'");
  }

  @Test
  void rejectsMalformedJson() throws Exception {
    HttpResponse<String> response = post("{\"nhsNumber\": ", "ward.nurse");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(fields(json.readTree(response.body()))).containsExactly("body");
  }

  @Test
  void refusesASecondOpenReferralForThePatientNamingTheFirst() throws Exception {
    String nhs = validNhsNumber();
    String first = json.readTree(post(referralJson(nhs, "lbbd", "bhrut-kgh"), "ward.nurse").body()).get("id").asText();

    HttpResponse<String> second = post(referralJson(nhs, "lbbd", "bhrut-queens"), "ward.nurse");

    assertThat(second.statusCode()).isEqualTo(409);
    JsonNode problem = json.readTree(second.body());
    assertThat(problem.get("existingReferralId").asText()).isEqualTo(first);
    assertThat(problem.get("existingReferral").asText()).isEqualTo("/api/v1/referrals/" + first);
    assertThat(referralsFor(nhs)).isEqualTo(1);
  }

  @Test
  void requiresAuthentication() throws Exception {
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/referrals"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(referralJson(validNhsNumber(), "lbh", "bhrut-kgh")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrongPassword = send(get("/api/v1/referrals/x", "ward.nurse", "nope"));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
  }

  @Test
  void unknownReferralIsNotFound() throws Exception {
    assertThat(get("/api/v1/referrals/3f6c1a52-0000-4000-8000-000000000000", "ward.nurse").statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/referrals/not-a-uuid", "ward.nurse").statusCode()).isEqualTo(404);
  }

  private int referralsFor(String nhs) {
    return db.sql("select count(*) from referral where nhs_number = ?").param(nhs).query(Integer.class).single();
  }

  private static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(String body, String user) {
    return postReferral(body, user);
  }

  private HttpResponse<String> get(String path, String user) {
    try {
      return send(get(path, user, "demo"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder get(String path, String user, String password) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user, password))
        .GET();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
