package org.homefirst;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.homefirst.inbox.TeamMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the tests that run the whole application on the real engine (Operaton, embedded) and a
 * real PostgreSQL. One Spring context is shared by all integration tests of a run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
public abstract class StackTest {

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient db;

  protected static final TeamMember JAD = new TeamMember("jad.coordinator", java.util.Set.of("jad"));
  protected static final TeamMember REDBRIDGE = new TeamMember("lbr.socialworker", java.util.Set.of("lbr-hospital-sw"));
  /** The demo's ward nurse: ward staff of BHRUT's hospitals, who refers patients. */
  protected static final TeamMember WARD = new TeamMember("ward.nurse", java.util.Set.of("bhrut"));

  /**
   * A whole triage form's answers for a patient who needs nothing new (pathway 0), with the given
   * changes (pairs of fact and answer), as the inbox requires every fact.
   */
  public static java.util.Map<String, Object> triageAnswers(Object... changes) {
    java.util.Map<String, Object> answers = new java.util.HashMap<>(java.util.Map.of("fastTrack", false,
        "livesAlone", false, "carerAvailable", true, "cognition", "no-concerns", "mobility", "independent",
        "recentFalls", false, "infection", "none", "homeEnvironment", "suitable", "carePackage", "none",
        "patientWishes", "home"));
    answers.put("section117", false);
    for (int i = 0; i < changes.length; i += 2) {
      answers.put((String) changes[i], changes[i + 1]);
    }
    return answers;
  }

  /** A whole trusted assessment: the assessor's profession and a finding in every domain. */
  public static java.util.Map<String, Object> assessmentAnswers(String profession) {
    java.util.Map<String, Object> answers = new java.util.HashMap<>();
    answers.put("assessorProfession", profession);
    org.homefirst.processes.ProcessVariables.ASSESSMENT_DOMAINS.forEach(d -> answers.put(d.variable(), "no needs"));
    answers.put("assessmentMobility", "Walks with a frame indoors; transfers with help of one");
    answers.put("assessmentPersonalCare", "Needs help washing and dressing twice a day");
    answers.put("assessmentHome", "Two steps at the front door; key safe needed");
    return answers;
  }

  /** A random NHS number that passes the Modulus 11 check, so tests never collide. */
  public static String validNhsNumber() {
    while (true) {
      StringBuilder digits = new StringBuilder();
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        int d = ThreadLocalRandom.current().nextInt(10);
        digits.append(d);
        sum += d * (10 - i);
      }
      int check = 11 - sum % 11;
      if (check == 11) {
        check = 0;
      }
      if (check != 10) {
        return digits.append(check).toString();
      }
    }
  }

  /** Waits for something done asynchronously (a worker, a timer, a poll of a partner). */
  protected static <T> T eventually(String what, Supplier<T> probe) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null && !Boolean.FALSE.equals(value)) {
        return value;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return fail("Gave up waiting for " + what);
  }

  /** Posts a referral to the intake API over HTTP, as a ward's system would. */
  protected java.net.http.HttpResponse<String> postReferral(String body, String user) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/referrals"))
                  .header("Content-Type", "application/json")
                  .header(
                      "Authorization",
                      "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Posts a valid referral and returns its id. */
  protected java.util.UUID refer(String nhsNumber, String borough, String hospital) {
    var response = postReferral(referralJson(nhsNumber, borough, hospital), "ward.nurse");
    org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String location = response.headers().firstValue("Location").orElseThrow();
    return java.util.UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
  }

  protected static String referralJson(String nhsNumber, String borough, String hospital) {
    return """
        {"nhsNumber":"%s","givenName":"Ada","familyName":"Jones","dateOfBirth":"1941-03-02",
         "borough":"%s","hospital":"%s","ward":"Ward 7","admittedAt":"2026-11-20T09:30:00Z"}"""
        .formatted(nhsNumber, borough, hospital);
  }

  /** Whether an element of the journey (or of a process it called) is active now. */
  protected boolean active(long root, String elementId) {
    return db.sql("""
            select count(*) from journey_event e where e.root_instance_key = ? and e.element_id = ?
              and e.kind = 'ELEMENT_ACTIVATED'
              and not exists (select 1 from journey_event d where d.instance_key = e.instance_key
                and d.element_id = e.element_id and d.kind in ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED') and d.id > e.id)""")
        .param(root).param(elementId).query(Integer.class).single() > 0;
  }
}
