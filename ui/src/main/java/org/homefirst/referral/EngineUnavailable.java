package org.homefirst.referral;

/**
 * The workflow engine could not take a referral or an event (it is down, or the journey stayed
 * busy); nothing was stored. The message names what was not taken, in the user's words; the
 * engine's own words are in the cause, for the log.
 */
public class EngineUnavailable extends RuntimeException {

  private final String what;

  /** @param what what was not taken, e.g. "the referral" or "the event patient-discharged" */
  EngineUnavailable(String what, Throwable cause) {
    super("The workflow engine could not take " + what + " just now; nothing was stored. Try again shortly.", cause);
    this.what = what;
  }

  public String what() {
    return what;
  }
}
