package org.homefirst.partners;

import static org.assertj.core.api.Assertions.assertThat;

import org.homefirst.inbox.TaskAnswers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.homefirst.StackTest;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.homefirst.referral.ReferralRequest;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilCallbacks;
import org.homefirst.workers.council.CouncilProperties;
import org.homefirst.workers.council.LocalCouncils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The council webhook over real HTTP, in the running application on the embedded engine: a signed
 * decision moves the waiting journey on (by message {@code homefirst.partner-decided}); forged,
 * replayed, stale, oversized, unknown and malformed callbacks change nothing, and no answer repeats
 * what was sent.
 */
class CouncilCallbackApiTest extends StackTest {

  @Autowired ReferralIntake intake;
  @Autowired TaskAnswers answers;
  @Autowired TaskInbox inbox;
  @Autowired LocalCouncils councils;
  @Autowired LocalCouncilWebhooks webhooks;
  @Autowired CouncilProperties councilSettings;

  /** The test profile's shared secret for Havering (application-test.yaml). */
  private static final String SECRET = "test-secret-lbh";

  @Test
  void refusesACallbackWithoutAValidSignature() throws Exception {
    String body = "{\"id\":\"CR-1\",\"status\":\"accepted\"}";

    assertThat(post("lbh", body, null).statusCode()).isEqualTo(401);
    assertThat(post("lbh", body, "guessed").statusCode()).isEqualTo(401);
    assertThat(changedReferrals()).isZero();
  }

  @Test
  void refusesASignedCallbackAboutAReferralWeNeverMadeOrWithBadData() throws Exception {
    // A referral id of its own: the same body signed in the same second by another test is a replay.
    String unknown = "{\"id\":\"CR-never-made-" + java.util.UUID.randomUUID() + "\",\"status\":\"accepted\"}";
    String badStatus = "{\"id\":\"CR-1\",\"status\":\"maybe\"}";

    assertThat(post("lbh", unknown, SECRET).statusCode()).isEqualTo(404);
    assertThat(post("lbh", badStatus, SECRET).statusCode()).isEqualTo(400);
    assertThat(post("lbh", "not json", SECRET).statusCode()).isEqualTo(400);
    assertThat(changedReferrals()).isZero();
  }

  @Test
  void refusesASignedCallbackSentAgainOrSignedTooLongAgo() throws Exception {
    String body = "{\"id\":\"CR-never-made-" + java.util.UUID.randomUUID() + "\",\"status\":\"accepted\"}";
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String signature = CouncilCallbacks.sign(SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8));

    assertThat(send("lbh", body.getBytes(StandardCharsets.UTF_8), timestamp, signature).statusCode()).isEqualTo(404);
    HttpResponse<String> replay = send("lbh", body.getBytes(StandardCharsets.UTF_8), timestamp, signature);
    String old = String.valueOf(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
    HttpResponse<String> stale = send("lbh", body.getBytes(StandardCharsets.UTF_8), old,
        CouncilCallbacks.sign(SECRET, old, body.getBytes(StandardCharsets.UTF_8)));

    assertThat(replay.statusCode()).isEqualTo(409);
    assertThat(replay.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(replay.body()).contains("received before");
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).contains("timestamp");
  }

  @Test
  void aBodyOverTheLimitIsRefusedWithA413() throws Exception {
    String body = "{\"id\":\"CR-1\",\"status\":\"accepted\",\"x\":\"" + "x".repeat(70 * 1024) + "\"}";

    HttpResponse<String> answer = post("lbh", body, SECRET);

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(changedReferrals()).isZero();
  }

  /**
   * A caller that says it sends 100 MB and sends a few bytes: the answer comes at once, so the
   * endpoint never waited for, let alone parsed, the body.
   */
  @Test
  void aBodyDeclaredOverTheLimitIsRefusedBeforeAnyOfItIsRead() throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /partners/council/lbh/callbacks HTTP/1.1\r\nHost: localhost\r\n"
          + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{\"id\":").getBytes(
          StandardCharsets.US_ASCII));
      out.flush();
      String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();

      assertThat(statusLine).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void noAnswerRepeatsWhatWasSent() throws Exception {
    String marker = "ECHO9434765919";
    byte[] body = ("{\"id\":\"" + marker + "\",\"status\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
    String now = String.valueOf(Instant.now().getEpochSecond());
    List<HttpResponse<String>> answers = List.of(
        send("lbh", body, now, CouncilCallbacks.sign(SECRET, now, body)),
        send("lbh", body, now, "sha256=" + marker),
        send("lbh", body, marker, marker),
        send(marker, body, now, CouncilCallbacks.sign(SECRET, now, body)),
        send("lbh", ("{\"id\":\"" + marker + "\",\"status\":\"accepted\"}").getBytes(StandardCharsets.UTF_8), now,
            CouncilCallbacks.sign(SECRET, now, ("{\"id\":\"" + marker + "\",\"status\":\"accepted\"}").getBytes(
                StandardCharsets.UTF_8))),
        send("lbh", (marker + "x".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8), now, marker));

    assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(400, 401, 401, 401, 404, 413);
    assertThat(answers).allSatisfy(a -> {
      assertThat(a.body()).doesNotContain(marker).contains("\"detail\"");
      assertThat(a.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    });
  }

  @Test
  void aSignedDeclineReachesTheJourneyWaitingForTheCouncilAndAForgedOneDoesNot() throws Exception {
    Referral referral = assessedForPathwayThree("lbh", "Ada", "Jones");
    // Havering's simulator keeps the request pending (it would otherwise accept it by itself): the
    // callbacks below are the council's only word on it.
    havering().decideAutomatically(CouncilSimulator.Decision.PENDING, Duration.ZERO);
    String councilId = interimBedRequested(referral, "lbh");
    String decline = "{\"id\":\"" + councilId + "\",\"status\":\"declined\",\"reason\":\"No interim bed this week\"}";

    assertThat(post("lbh", decline, "guessed").statusCode()).isEqualTo(401);
    assertThat(db.sql("select status from partner_referral where downstream_id = ?").param(councilId)
        .query(String.class).single()).isEqualTo("requested");

    assertThat(post("lbh", decline, SECRET).statusCode()).isEqualTo(204);

    InboxTask resolve = eventually("the discharge team to decide on the declined bed", () -> inbox.openTasksOf(referral)
        .stream().filter(t -> t.elementId().equals("Task_ResolveInterimBedRejection")).findFirst().orElse(null));
    assertThat(db.sql("select status from partner_referral where downstream_id = ?").param(councilId)
        .query(String.class).single()).isEqualTo("rejected");
    assertThat(eventually("the council's reason on the decision task", () -> {
      Map<String, Object> shown = inbox.variablesOf(resolve);
      return "No interim bed this week".equals(shown.get("rejectionReason")) ? shown : null;
    })).containsEntry("rejectedBy", "council-lbh");
  }

  /**
   * The demo's wiring (homefirst.partners.council.simulator-callbacks): Redbridge's simulator,
   * which has no configured secret, posts its decision to our webhook signed with the secret made
   * for this run, the webhook accepts it, and the journey waiting for the council goes on.
   */
  @Test
  void aLocalCouncilSimulatorPostsItsDecisionToTheWebhookAsTheDemoDoes() {
    Referral referral = assessedForPathwayThree("lbr", "Ivy", "Carter");
    long root = referral.processInstanceKey();
    CouncilSimulator redbridge = councils.simulator("lbr").orElseThrow();
    redbridge.decideAutomatically(CouncilSimulator.Decision.PENDING, Duration.ZERO);
    webhooks.connect(port);
    String councilId = interimBedRequested(referral, "lbr");
    int answersBefore = redbridge.callbackAnswers().size();

    redbridge.accept(councilId);

    assertThat(redbridge.callbackAnswers().subList(answersBefore, redbridge.callbackAnswers().size()))
        .as("our webhook's answers to the simulator").containsExactly(204);
    assertThat(db.sql("select count(*) from partner_exchange where referral_id = ? and system = 'council-lbr' "
        + "and operation = 'callback' and outcome = 'ok'").param(referral.id()).query(Integer.class).single()).isEqualTo(1);
    eventually("the journey to go on from the council's acceptance", () -> db.sql(
            "select count(*) from journey_event where root_instance_key = ? and element_id = 'Task_AwaitInterimBedDecision' "
                + "and kind = 'ELEMENT_COMPLETED'")
        .param(root).query(Integer.class).single() == 1);
  }

  /** Back to the application's set-up: the simulators are shared with every test of the run. */
  @AfterEach
  void councilsDecideAsConfigured() {
    for (String borough : java.util.List.of("lbbd", "lbh", "lbr")) {
      councils.simulator(borough).orElseThrow()
          .decideAutomatically(CouncilSimulator.Decision.ACCEPT, councilSettings.simulatorDecideAfter());
    }
    councils.sendDecisionsTo(borough -> null);
  }

  private CouncilSimulator havering() {
    return councils.simulator("lbh").orElseThrow(() -> new AssertionError("no council simulator for lbh"));
  }

  /** A patient of that borough triaged to pathway 3, whose trusted assessment awaits review. */
  private Referral assessedForPathwayThree(String borough, String givenName, String familyName) {
    Referral referral = intake.receive(new ReferralRequest(validNhsNumber(), givenName, familyName, "1941-03-02", borough,
        "bhrut-kgh", "Ward 7", "2026-11-20T09:30:00Z", null), "ward.nurse");
    long root = referral.processInstanceKey();
    complete(root, "Task_Triage", Map.of("fastTrack", false, "mobility", "help-of-two", "cognition", "impairment", "section117", false));
    complete(root, "Task_ConfirmPathway", Map.of("pathway", 3));
    complete(root, "Task_TrustedAssessment", Map.of("trustedAssessment", "Needs 24-hour care"));
    return referral;
  }

  /** Accepts the assessment; returns the council's id of the interim bed request that follows. */
  private String interimBedRequested(Referral referral, String borough) {
    complete(referral.processInstanceKey(), "Task_ReviewAssessment", Map.of("assessmentAccepted", true));
    return eventually("the interim bed request at the council", () -> db.sql(
            "select downstream_id from partner_referral where referral_id = ? and system = ?")
        .param(referral.id()).param("council-" + borough).query(String.class).optional().orElse(null));
  }

  /** Completes the open user task of that element as its form would. */
  private void complete(long root, String elementId, Map<String, Object> values) {
    long key = eventually(elementId + " to be open", () -> db.sql(
            "select task_key from user_task where root_instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(root).param(elementId).query(Long.class).optional().orElse(null));
    answers.give(key, values);
  }

  private int changedReferrals() {
    return db.sql("select count(*) from partner_referral"
            + " where downstream_id = 'CR-1' or downstream_id like 'CR-never-made%'")
        .query(Integer.class).single();
  }

  /** Posts the body signed now with that secret (none: unsigned). */
  private HttpResponse<String> post(String borough, String body, String secret) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String now = String.valueOf(Instant.now().getEpochSecond());
    return send(borough, bytes, secret == null ? null : now,
        secret == null ? null : CouncilCallbacks.sign(secret, now, bytes));
  }

  private HttpResponse<String> send(String borough, byte[] body, String timestamp, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/partners/council/" + borough + "/callbacks"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (timestamp != null) {
      b.header(CouncilCallbacks.TIMESTAMP_HEADER, timestamp);
    }
    if (signature != null) {
      b.header(CouncilCallbacks.SIGNATURE_HEADER, signature);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
