package org.homefirst.referral;

import java.util.function.Supplier;
import org.operaton.bpm.engine.IdentityService;

/**
 * Runs an engine command as the person or API client who asked for it, so what the engine records
 * of it (the discharge ready date's history) names them. The thread is anonymous again after.
 */
final class EngineUser {

  private EngineUser() {}

  static <T> T as(IdentityService identity, String user, Supplier<T> command) {
    identity.setAuthenticatedUserId(user);
    try {
      return command.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
