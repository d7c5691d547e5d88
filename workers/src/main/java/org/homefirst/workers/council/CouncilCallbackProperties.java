package org.homefirst.workers.council;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits of the councils' webhook ({@code homefirst.partners.council.callbacks.*}).
 *
 * @param replayWindow how far a callback's signed timestamp may be from our clock, either way
 *     (clock skew and delivery time); a callback outside it is refused, one inside it is taken once
 * @param maxBody the largest body read; a longer one is refused (413) before any of it is parsed
 */
@ConfigurationProperties("homefirst.partners.council.callbacks")
public record CouncilCallbackProperties(
    @DefaultValue("PT5M") Duration replayWindow,
    @DefaultValue("64KB") DataSize maxBody) {

  public static final CouncilCallbackProperties DEFAULTS =
      new CouncilCallbackProperties(Duration.ofMinutes(5), DataSize.ofKilobytes(64));

  public CouncilCallbackProperties {
    if (replayWindow == null || replayWindow.isNegative() || replayWindow.isZero()) {
      throw new IllegalArgumentException("homefirst.partners.council.callbacks.replay-window must be positive");
    }
    if (maxBody == null || maxBody.toBytes() < 1 || maxBody.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("homefirst.partners.council.callbacks.max-body must be 1 byte to 2 GB");
    }
  }
}
