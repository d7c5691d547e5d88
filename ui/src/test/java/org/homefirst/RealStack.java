package org.homefirst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Test settings for the whole stack: the real Zeebe broker (in a fresh state folder, on free
 * ports) and a real embedded PostgreSQL. One Spring context, and so one broker, is shared by all
 * integration tests of a run.
 */
public final class RealStack {

  private static final Path ENGINE_STATE;
  private static final int[] PORTS = new int[5];

  static {
    try {
      ENGINE_STATE = Files.createTempDirectory("homefirst-engine-");
      for (int i = 0; i < PORTS.length; i++) {
        try (ServerSocket s = new ServerSocket(0)) {
          PORTS[i] = s.getLocalPort();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RealStack() {}

  public static void register(DynamicPropertyRegistry registry) {
    registry.add("homefirst.engine.data-directory", ENGINE_STATE::toString);
    registry.add("homefirst.engine.gateway-port", () -> PORTS[0]);
    registry.add("homefirst.engine.rest-port", () -> PORTS[1]);
    registry.add("homefirst.engine.command-port", () -> PORTS[2]);
    registry.add("homefirst.engine.internal-port", () -> PORTS[3]);
    registry.add("homefirst.engine.monitoring-port", () -> PORTS[4]);
    String home = System.getProperty("homefirst.engine.home");
    if (home != null) {
      registry.add("homefirst.engine.home", () -> home);
    }
  }
}
