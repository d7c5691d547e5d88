package org.homefirst.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the engine's REST API ({@code /engine-rest}): only the separate worker process, with
 * its own account, and only the external-task endpoints. No account configured (the default) means
 * nobody: the API is closed.
 *
 * @param workerUsername the worker process's account ({@code HOMEFIRST_WORKERS_ENGINE_REST_USERNAME})
 * @param workerPassword its password, from the environment only ({@code HOMEFIRST_WORKERS_ENGINE_REST_PASSWORD})
 */
@ConfigurationProperties("homefirst.engine.rest")
public record EngineRestAccess(String workerUsername, String workerPassword) {

  /** The authority of the worker account. */
  public static final String WORKER = "ENGINE_WORKER";

  boolean open() {
    return workerUsername != null && !workerUsername.isBlank() && workerPassword != null && !workerPassword.isBlank();
  }
}
