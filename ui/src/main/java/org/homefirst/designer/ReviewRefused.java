package org.homefirst.designer;

/** A review or deployment step refused for the draft's state or content, in the user's words. */
class ReviewRefused extends RuntimeException {
  ReviewRefused(String message) {
    super(message);
  }
}
