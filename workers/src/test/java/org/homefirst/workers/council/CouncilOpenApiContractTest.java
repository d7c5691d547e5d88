package org.homefirst.workers.council;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI description in the repository says what the adapter sends and accepts. */
class CouncilOpenApiContractTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> schema(String name) throws IOException {
    try (InputStream in = CouncilOpenApiContractTest.class.getResourceAsStream("/openapi/council-adult-social-care.yaml")) {
      Map<String, Object> api = new Yaml().load(in);
      Map<String, Object> components = (Map<String, Object>) api.get("components");
      return (Map<String, Object>) ((Map<String, Object>) components.get("schemas")).get(name);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void referralTypesAreTheAdaptersRequestTypes() throws IOException {
    assertThat((List<Object>) schema("ReferralType").get("enum"))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(RequestType.values()).map(RequestType::code).toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void referralStatusesAreTheOnesTheAdapterAccepts() throws IOException {
    assertThat((List<Object>) schema("ReferralStatus").get("enum"))
        .containsExactlyInAnyOrderElementsOf(CouncilAdultSocialCare.STATUSES.keySet());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theWebhookIsDescribedWithTheHeadersItChecksAndTheSimulatorSends() throws IOException {
    try (InputStream in = CouncilOpenApiContractTest.class.getResourceAsStream("/openapi/council-adult-social-care.yaml")) {
      Map<String, Object> api = new Yaml().load(in);
      Map<String, Object> create = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) api
          .get("paths")).get("/referrals")).get("post");
      Map<String, Object> decision = (Map<String, Object>) ((Map<String, Object>) create.get("callbacks")).get("decision");
      Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) decision.values().iterator().next())
          .get("post");
      List<Object> headers = ((List<Map<String, Object>>) post.get("parameters")).stream()
          .filter(p -> "header".equals(p.get("in"))).map(p -> p.get("name")).toList();

      assertThat(headers).containsExactlyInAnyOrder(CouncilCallbacks.TIMESTAMP_HEADER, CouncilCallbacks.SIGNATURE_HEADER);
      assertThat(List.of(CouncilSimulator.TIMESTAMP_HEADER, CouncilSimulator.SIGNATURE_HEADER))
          .containsExactly(CouncilCallbacks.TIMESTAMP_HEADER, CouncilCallbacks.SIGNATURE_HEADER);
      assertThat(((Map<String, Object>) post.get("responses")).keySet())
          .contains("204", "400", "401", "404", "409", "413");
    }
  }
}
