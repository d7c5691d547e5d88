package org.homefirst.workers.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.homefirst.workers.council.CouncilProperties;
import org.homefirst.workers.nelft.NelftProperties;
import org.homefirst.workers.voluntary.VoluntaryProperties;
import org.junit.jupiter.api.Test;

/**
 * Partner settings end up in logs (Spring prints bound properties on failures, and we log the
 * settings in use): they say whether a key is set, never the key.
 */
class SecretsNotPrintedTest {

  private static final String KEY = "live-key-4f1c9a";
  private static final String SECRET = "callback-secret-77d2";

  @Test
  void partnerSettingsShowWhetherAKeyIsSetButNotTheKey() {
    Duration s = Duration.ofSeconds(1);
    NelftProperties nelft = new NelftProperties(URI.create("https://fhir.nelft.example/R4"), s, 3, s, KEY, s, s, false, 0, s);
    VoluntaryProperties voluntary = new VoluntaryProperties(URI.create("https://vol.example"), s, 3, s, KEY, s, s, false, 0, Map.of());
    CouncilProperties council = new CouncilProperties(s, 3, s, s, s, false, s,
        Map.of("lbh", new CouncilProperties.Borough(URI.create("https://asc.havering.example"), KEY, SECRET)));

    for (Object settings : new Object[] {nelft, nelft.http(), voluntary, voluntary.http(), council, council.http(KEY)}) {
      assertThat(settings.toString()).doesNotContain(KEY).doesNotContain(SECRET).contains("apiKey=(set)");
    }
    assertThat(council.toString()).contains("sharedSecret=(set)").contains("https://asc.havering.example");
    assertThat(new NelftProperties(null, s, 3, s, null, s, s, true, 0, s).toString()).contains("apiKey=(none)");
  }
}
