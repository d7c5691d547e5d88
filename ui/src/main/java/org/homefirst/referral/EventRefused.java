package org.homefirst.referral;

/** The person may see the patient but not record this event for them; the reason in their words. */
public class EventRefused extends RuntimeException {
  EventRefused(String message) {
    super(message);
  }
}
