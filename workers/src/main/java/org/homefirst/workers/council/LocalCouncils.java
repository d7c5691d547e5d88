package org.homefirst.workers.council;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.homefirst.simulators.council.CouncilSimulator;

/**
 * The council simulators the application started (demo and tests, with
 * {@code homefirst.partners.council.simulate} on), closed with it. Each signs its callbacks with
 * the borough's configured {@code shared-secret}, or with a secret made for this run, which the
 * webhook then accepts. Tests reach a borough's simulator here to make it decline, slow down or
 * go down.
 */
public final class LocalCouncils implements AutoCloseable {

  final Map<String, CouncilSimulator> simulators = new LinkedHashMap<>();
  final Map<String, String> secrets = new LinkedHashMap<>();

  LocalCouncils() {}

  /** The simulator standing in for that borough's council, if the application started one. */
  public Optional<CouncilSimulator> simulator(String borough) {
    return Optional.ofNullable(simulators.get(borough));
  }

  /**
   * From now on every simulator posts its decisions, signed, to the webhook at
   * {@code callbackUrl.apply(borough)}, as a real council would (the pollers stay the safety net).
   */
  public void sendDecisionsTo(Function<String, URI> callbackUrl) {
    simulators.forEach((borough, simulator) -> simulator.sendCallbacks(callbackUrl.apply(borough), secrets.get(borough)));
  }

  static String newSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    simulators.values().forEach(CouncilSimulator::close);
  }
}
