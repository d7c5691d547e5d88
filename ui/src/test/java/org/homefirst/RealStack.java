package org.homefirst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
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
        PORTS[i] = freePortBelowEphemeralRange(i);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RealStack() {}

  /**
   * A free port below the range the OS hands out for port 0 (32768 and up on Linux), so the web
   * server, the database and the simulators, which all ask for port 0, can never be given one of
   * the broker's ports in the time between picking it here and the broker binding it.
   */
  private static int freePortBelowEphemeralRange(int index) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20000 + ThreadLocalRandom.current().nextInt(12000);
      if (java.util.Arrays.stream(PORTS, 0, index).anyMatch(p -> p == port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket(port)) {
        return s.getLocalPort();
      } catch (IOException inUse) {
        // taken: try another
      }
    }
    throw new IOException("no free port found between 20000 and 32000 for the test broker");
  }

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
