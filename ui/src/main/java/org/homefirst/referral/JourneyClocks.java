package org.homefirst.referral;

import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SLA clocks a journey runs on (ISO 8601 durations keyed by process variable name), passed to
 * every new journey. Defaults come from domain guidance and each locality can change them in
 * configuration ({@code homefirst.clocks.*}) without touching a model; managers change the SLA
 * targets among them in the console ({@link SlaTargets}).
 */
@ConfigurationProperties("homefirst")
public class JourneyClocks {

  private Map<String, String> clocks = new TreeMap<>();

  public Map<String, String> getClocks() {
    return clocks;
  }

  public void setClocks(Map<String, String> clocks) {
    this.clocks = new TreeMap<>(clocks);
  }

  @PostConstruct
  void check() {
    clocks.forEach(
        (name, value) -> {
          try {
            if (value.startsWith("PT")) {
              Duration.parse(value);
            } else {
              Period.parse(value.contains("T") ? value.substring(0, value.indexOf('T')) : value);
            }
          } catch (RuntimeException e) {
            throw new IllegalStateException(
                "homefirst.clocks." + name + " = '" + value + "' is not an ISO 8601 duration (e.g. PT24H, P2D)");
          }
        });
  }
}
