package org.homefirst.workers.jobs;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code homefirst.workers.*}: which runner serves the job workers and how.
 *
 * @param mode {@code embedded} (in the application, the default), {@code remote} (a worker process
 *     over the engine's REST API) or {@code off}
 * @param threads how many jobs run at once on this node
 * @param idlePollInterval the embedded runner's wait after a fetch found nothing (it fetches again at
 *     once while there is work)
 * @param workerId this node's name to the engine; unique per node (host and a random part) unless set
 * @param engineRest the remote runner's engine REST API
 */
@ConfigurationProperties("homefirst.workers")
public record JobRunnerProperties(@DefaultValue("embedded") Mode mode, @DefaultValue("4") int threads,
    @DefaultValue("PT0.2S") Duration idlePollInterval, String workerId, @DefaultValue EngineRest engineRest) {

  public enum Mode { EMBEDDED, REMOTE, OFF }

  public JobRunnerProperties {
    if (threads < 1) {
      throw new IllegalArgumentException("homefirst.workers.threads must be at least 1");
    }
    if (workerId == null || workerId.isBlank()) {
      workerId = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
  }

  /**
   * @param url the engine's REST API, e.g. {@code https://homefirst.internal/engine-rest}
   * @param username a user allowed the external-task endpoints only (from the environment)
   * @param password its password (from the environment; never logged)
   * @param longPoll how long a fetch waits at the engine for work before answering empty
   */
  public record EngineRest(URI url, String username, String password, @DefaultValue("PT20S") Duration longPoll) {

    @Override
    public String toString() {
      return "EngineRest[url=" + url + ", username=" + username + ", password=" + (password == null ? null : "***")
          + ", longPoll=" + longPoll + "]";
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "worker";
    }
  }
}
