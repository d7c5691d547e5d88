package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;

/**
 * Every answer carries the security headers, whichever filter chain served it: the pages (with a
 * policy Vaadin runs under: InboxInBrowserTest and the other browser tests load the UI with it),
 * their scripts, the API, the partner webhook, the engine's REST API and the health check.
 */
class SecurityHeadersTest extends StackTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void pagesCarryThePagePolicyAndTheOtherHeaders() {
    HttpResponse<String> login = call("GET", "/login", null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertSecurityHeaders(login.headers(), SecurityHeaders.PAGES);
    String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy).contains("frame-ancestors 'none'", "object-src 'none'", "default-src 'self'");

    HttpResponse<String> signInFirst = call("GET", "/", null);
    assertThat(signInFirst.statusCode()).as("the inbox sends a stranger to sign in").isIn(302, 303);
    assertSecurityHeaders(signInFirst.headers(), SecurityHeaders.PAGES);

    assertSecurityHeaders(call("GET", "/actuator/health", null).headers(), SecurityHeaders.PAGES);
  }

  @Test
  void thePagesScriptsCarryThemToo() {
    String page = call("GET", "/login", null).body();
    Matcher script = Pattern.compile("src=\"\\.?/?(VAADIN/[^\"]+\\.js)\"").matcher(page);
    assertThat(script.find()).as("the sign-in page loads a script of the bundle: " + page).isTrue();

    HttpResponse<String> bundle = call("GET", "/" + script.group(1), null);

    assertThat(bundle.statusCode()).isEqualTo(200);
    assertSecurityHeaders(bundle.headers(), SecurityHeaders.PAGES);
  }

  @Test
  void apisCarryTheStrictPolicy() {
    String nurse = "Basic " + Base64.getEncoder().encodeToString("ward.nurse:demo".getBytes());
    HttpResponse<String> api = call("GET", "/api/v1/referrals/" + UUID.randomUUID(), nurse);
    assertThat(api.statusCode()).isEqualTo(404);
    assertSecurityHeaders(api.headers(), SecurityHeaders.APIS);

    assertSecurityHeaders(call("GET", "/api/v1/referrals/" + UUID.randomUUID(), null).headers(), SecurityHeaders.APIS);
    assertSecurityHeaders(call("POST", "/partners/council/lbh/callbacks", null).headers(), SecurityHeaders.APIS);
    assertSecurityHeaders(call("GET", "/engine-rest/engine", null).headers(), SecurityHeaders.APIS);
  }

  private static void assertSecurityHeaders(HttpHeaders headers, String policy) {
    assertThat(headers.firstValue("Content-Security-Policy")).hasValue(policy);
    assertThat(headers.firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
    assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
    assertThat(headers.firstValue("Permissions-Policy")).hasValue("camera=(), microphone=(), geolocation=()");
  }

  private HttpResponse<String> call(String method, String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
