package org.homefirst.partners;

import org.homefirst.workers.council.CouncilCallbacks;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where councils post the outcome of a request (webhook). No user signs in here: each call is
 * authenticated by the HMAC signature of its body with the borough's shared secret, and a forged,
 * unknown or malformed callback is refused and changes nothing. A genuine decision is recorded
 * and published to the journey waiting for it (message {@code homefirst.partner-decided} on the
 * request's key), so the journey goes on without waiting for the next poll of the council.
 */
@RestController
class CouncilCallbackApi {

  private final CouncilCallbacks callbacks;

  CouncilCallbackApi(CouncilCallbacks callbacks) {
    this.callbacks = callbacks;
  }

  @PostMapping(path = "/partners/council/{borough}/callbacks", consumes = "*/*")
  ResponseEntity<String> receive(
      @PathVariable String borough,
      @RequestBody(required = false) String body,
      @RequestHeader(name = CouncilCallbacks.SIGNATURE_HEADER, required = false) String signature) {
    CouncilCallbacks.Result result = callbacks.receive(borough, body == null ? "" : body, signature);
    return ResponseEntity.status(result.verdict().httpStatus()).body(result.message());
  }
}
