package org.homefirst.referral;

/** The workflow engine could not start the journey; the referral was not stored. */
public class EngineUnavailable extends RuntimeException {
  EngineUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
