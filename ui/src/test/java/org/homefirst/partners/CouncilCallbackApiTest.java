package org.homefirst.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.homefirst.StackTest;
import org.homefirst.workers.council.CouncilCallbacks;
import org.junit.jupiter.api.Test;

/** The council webhook over real HTTP: forged, unknown and malformed callbacks change nothing. */
class CouncilCallbackApiTest extends StackTest {

  /** The test profile's shared secret for Havering (application-test.yaml). */
  private static final String SECRET = "test-secret-lbh";

  @Test
  void refusesACallbackWithoutAValidSignature() throws Exception {
    String body = "{\"id\":\"CR-1\",\"status\":\"accepted\"}";

    assertThat(post("lbh", body, null).statusCode()).isEqualTo(401);
    assertThat(post("lbh", body, CouncilCallbacks.sign("guessed", body)).statusCode()).isEqualTo(401);
    assertThat(changedReferrals()).isZero();
  }

  @Test
  void refusesASignedCallbackAboutAReferralWeNeverMadeOrWithBadData() throws Exception {
    String unknown = "{\"id\":\"CR-never-made\",\"status\":\"accepted\"}";
    String badStatus = "{\"id\":\"CR-1\",\"status\":\"maybe\"}";
    String secret = SECRET;

    assertThat(post("lbh", unknown, CouncilCallbacks.sign(secret, unknown)).statusCode()).isEqualTo(404);
    assertThat(post("lbh", badStatus, CouncilCallbacks.sign(secret, badStatus)).statusCode()).isEqualTo(400);
    assertThat(post("lbh", "not json", CouncilCallbacks.sign(secret, "not json")).statusCode()).isEqualTo(400);
    assertThat(changedReferrals()).isZero();
  }

  private int changedReferrals() {
    return db.sql("select count(*) from partner_referral where downstream_id = 'CR-1' or downstream_id = 'CR-never-made'")
        .query(Integer.class).single();
  }

  private HttpResponse<String> post(String borough, String body, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/partners/council/" + borough + "/callbacks"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      b.header(CouncilCallbacks.SIGNATURE_HEADER, signature);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
