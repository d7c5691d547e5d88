package org.homefirst.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Runs the real Zeebe broker (the Camunda 8.6 distribution) as a child process of the
 * application, with its state on disk and the Home First exporter writing to our database.
 *
 * <p>A separate process rather than an in-JVM engine because the broker is a Spring Boot
 * application of its own, needs Java 21 and has dependencies that clash with ours; this is also
 * how it runs in production, so the same exporter and configuration are exercised.
 */
public class EmbeddedEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final EngineSettings settings;
  private final String exporterUrl;
  private final String exporterUser;
  private final String exporterPassword;
  private Process process;

  EmbeddedEngine(EngineSettings settings, String exporterUrl, String exporterUser, String exporterPassword) {
    this.settings = settings;
    this.exporterUrl = exporterUrl;
    this.exporterUser = exporterUser;
    this.exporterPassword = exporterPassword;
  }

  static EmbeddedEngine forDatabase(EngineSettings settings, DataSource dataSource, Environment env) {
    try (Connection c = dataSource.getConnection()) {
      return new EmbeddedEngine(
          settings,
          c.getMetaData().getURL(),
          c.getMetaData().getUserName(),
          env.getProperty("spring.datasource.password", ""));
    } catch (SQLException e) {
      throw new IllegalStateException("The engine needs the database, which is not reachable", e);
    }
  }

  /** Starts the broker and waits until it is ready to take commands. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    Path distribution = distribution().toAbsolutePath();
    Path exporterJar = settings.home().resolve("exporters/homefirst-exporter.jar");
    if (!Files.isRegularFile(exporterJar)) {
      throw new IllegalStateException(
          "Home First exporter not found at " + exporterJar.toAbsolutePath()
              + ": build the project first (see README)");
    }
    for (int port : new int[] {settings.gatewayPort(), settings.monitoringPort(), settings.commandPort()}) {
      if (inUse(port)) {
        // Otherwise we would talk to whatever holds the port and think our broker is ready.
        throw new IllegalStateException(
            "Port " + port + " is already in use: is another Home First or Zeebe broker running? "
                + "Stop it, or change homefirst.engine.*-port");
      }
    }
    try {
      Path data = settings.dataDirectory().toAbsolutePath();
      Files.createDirectories(data);
      Path config = data.resolve("broker.yaml");
      try (InputStream in = getClass().getResourceAsStream("/engine/broker.yaml")) {
        Files.copy(in, config, StandardCopyOption.REPLACE_EXISTING);
      }
      ProcessBuilder pb =
          new ProcessBuilder(distribution.resolve("bin/broker").toString())
              .directory(distribution.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("broker.log").toFile()));
      Map<String, String> env = pb.environment();
      env.put("JAVA_HOME", javaHome());
      env.put("JAVA_OPTS", settings.javaOptions());
      env.put("SPRING_CONFIG_LOCATION", "file:" + config);
      env.put("ZEEBE_BROKER_DATA_DIRECTORY", data.resolve("state").toString());
      env.put("ZEEBE_BROKER_NETWORK_HOST", "127.0.0.1");
      env.put("ZEEBE_BROKER_GATEWAY_NETWORK_HOST", "127.0.0.1");
      env.put("ZEEBE_BROKER_GATEWAY_NETWORK_PORT", String.valueOf(settings.gatewayPort()));
      env.put("ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT", String.valueOf(settings.commandPort()));
      env.put("ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT", String.valueOf(settings.internalPort()));
      env.put("SERVER_PORT", String.valueOf(settings.restPort()));
      env.put("SERVER_ADDRESS", "127.0.0.1");
      env.put("MANAGEMENT_SERVER_PORT", String.valueOf(settings.monitoringPort()));
      env.put("ZEEBE_BROKER_EXPORTERS_HOMEFIRST_JARPATH", exporterJar.toAbsolutePath().toString());
      env.put("ZEEBE_BROKER_EXPORTERS_HOMEFIRST_CLASSNAME", "org.homefirst.exporter.HomeFirstExporter");
      env.put("ZEEBE_BROKER_EXPORTERS_HOMEFIRST_ARGS_URL", exporterUrl);
      env.put("ZEEBE_BROKER_EXPORTERS_HOMEFIRST_ARGS_USER", exporterUser);
      env.put("ZEEBE_BROKER_EXPORTERS_HOMEFIRST_ARGS_PASSWORD", exporterPassword);
      log.info(
          "Starting Zeebe broker {} (gRPC 127.0.0.1:{}, REST :{}, state {}, log {})",
          distribution.getFileName(),
          settings.gatewayPort(),
          settings.restPort(),
          data,
          data.resolve("broker.log"));
      process = pb.start();
      awaitReady();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the Zeebe broker", e);
    }
  }

  /** Stops the broker gracefully; its state stays on disk. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.toHandle().descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    log.info("Zeebe broker stopped");
    process = null;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(settings.startupTimeout());
    URI ready = URI.create("http://127.0.0.1:" + settings.monitoringPort() + "/actuator/health/readiness");
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The Zeebe broker exited with code " + process.exitValue() + "; see "
                + settings.dataDirectory().toAbsolutePath().resolve("broker.log"));
      }
      if (status(ready) == 200) {
        log.info("Zeebe broker is ready");
        return;
      }
      sleep(Duration.ofMillis(500));
    }
    stop();
    throw new IllegalStateException(
        "The Zeebe broker was not ready within " + settings.startupTimeout() + "; see "
            + settings.dataDirectory().toAbsolutePath().resolve("broker.log"));
  }

  private static boolean inUse(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int status(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(2000);
      int code = c.getResponseCode();
      c.disconnect();
      return code;
    } catch (IOException e) {
      return -1;
    }
  }

  private Path distribution() {
    Path home = settings.home();
    if (home == null || !Files.isDirectory(home)) {
      throw new IllegalStateException(
          "Zeebe distribution folder not found: " + home + " (set homefirst.engine.home; the build lays it out under ui/target/zeebe)");
    }
    try (Stream<Path> children = Files.list(home)) {
      List<Path> found = new ArrayList<>(children.filter(p -> p.getFileName().toString().startsWith("camunda-zeebe-")).toList());
      if (found.isEmpty()) {
        throw new IllegalStateException("No camunda-zeebe-* distribution in " + home.toAbsolutePath());
      }
      Path dist = found.get(0);
      dist.resolve("bin/broker").toFile().setExecutable(true);
      return dist;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String javaHome() {
    if (settings.javaHome() != null && !settings.javaHome().isBlank()) {
      return settings.javaHome();
    }
    if (Runtime.version().feature() < 21) {
      throw new IllegalStateException(
          "The Zeebe broker needs Java 21 or newer; set homefirst.engine.java-home");
    }
    return System.getProperty("java.home");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
