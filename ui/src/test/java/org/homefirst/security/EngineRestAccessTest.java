package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;

/**
 * The engine's REST API serves the worker process and nothing else: its account reaches the
 * external-task endpoints only; staff, wrong passwords and anonymous callers reach nothing.
 */
class EngineRestAccessTest extends StackTest {

  @Test
  void theWorkerAccountFetchesExternalTasks() {
    var response = call("POST", "/engine-rest/external-task/fetchAndLock", "test-worker", "test-worker-secret",
        "{\"workerId\":\"rest-access-test\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"no-such-topic\","
            + "\"lockDuration\":1000}]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[]");
  }

  @Test
  void theWorkerAccountReachesNothingElse() {
    assertThat(call("GET", "/engine-rest/process-definition", "test-worker", "test-worker-secret", null).statusCode())
        .isEqualTo(403);
    assertThat(call("GET", "/engine-rest/task", "test-worker", "test-worker-secret", null).statusCode())
        .isEqualTo(403);
    assertThat(call("POST", "/engine-rest/message", "test-worker", "test-worker-secret",
        "{\"messageName\":\"homefirst.patient-died\"}").statusCode()).isEqualTo(403);
  }

  @Test
  void staffWrongPasswordsAndAnonymousCallersAreRefused() {
    assertThat(call("POST", "/engine-rest/external-task/fetchAndLock", "manager", "demo",
        "{\"workerId\":\"x\",\"maxTasks\":1,\"topics\":[]}").statusCode()).isEqualTo(403);
    assertThat(call("GET", "/engine-rest/external-task", "test-worker", "wrong", null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/engine-rest/external-task", null, null, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/engine-rest/engine", null, null, null).statusCode()).isIn(401, 403);
  }

  private HttpResponse<String> call(String method, String path, String user, String password, String json) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Content-Type", "application/json")
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
      if (user != null) {
        request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()));
      }
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
