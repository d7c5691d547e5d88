package org.homefirst.partners;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.homefirst.workers.council.CouncilCallbacks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where councils post the outcome of a request (webhook). No user signs in here: each call is
 * authenticated by its HMAC signature with the borough's shared secret ({@link CouncilCallbacks}
 * checks it, its timestamp and that it was not received before). The body is read here as raw
 * bytes, and no more of it than the limit: a longer one is refused with 413 before any of it is
 * parsed. Refusals are answered in {@code application/problem+json} with fixed texts that never
 * repeat what was sent; a genuine decision is answered 204, recorded and published to the journey
 * waiting for it (message {@code homefirst.partner-decided} on the request's key).
 */
@RestController
class CouncilCallbackApi {

  private static final Logger log = LoggerFactory.getLogger(CouncilCallbackApi.class);

  private final ObjectMapper json = new ObjectMapper();
  private final CouncilCallbacks callbacks;

  CouncilCallbackApi(CouncilCallbacks callbacks) {
    this.callbacks = callbacks;
  }

  @PostMapping(path = "/partners/council/{borough}/callbacks", consumes = "*/*")
  ResponseEntity<String> receive(
      @PathVariable String borough,
      @RequestHeader(name = CouncilCallbacks.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = CouncilCallbacks.SIGNATURE_HEADER, required = false) String signature,
      HttpServletRequest request) throws IOException {
    int limit = callbacks.maxBodyBytes();
    CouncilCallbacks.Result result;
    if (request.getContentLengthLong() > limit) {
      result = callbacks.tooLarge(borough);
    } else {
      byte[] body = readUpTo(request, limit + 1);
      result = body.length > limit ? callbacks.tooLarge(borough)
          : callbacks.receive(borough, body, timestamp, signature);
    }
    CouncilCallbacks.Verdict verdict = result.verdict();
    if (verdict == CouncilCallbacks.Verdict.APPLIED) {
      return ResponseEntity.noContent().build();
    }
    return problem(verdict.httpStatus(), verdict.answer());
  }

  /**
   * Our own failure: the council is to send it again later (the poll finds the decision anyway).
   * Answered here rather than by the error page, which would repeat the request's path.
   */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<String> failed(RuntimeException e) {
    log.error("A council callback could not be handled", e);
    return problem(503, "Home First could not take the callback now; send it again later.");
  }

  /** Written here, whatever the caller accepts, so that no path, header or body of theirs is in it. */
  private ResponseEntity<String> problem(int status, String detail) {
    ObjectNode problem = json.createObjectNode()
        .put("type", "about:blank")
        .put("title", HttpStatus.valueOf(status).getReasonPhrase())
        .put("status", status)
        .put("detail", detail);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.toString());
  }

  /** At most {@code max} bytes of the body: enough to know it is too long without reading the rest. */
  private static byte[] readUpTo(HttpServletRequest request, int max) throws IOException {
    try (InputStream in = request.getInputStream()) {
      return in.readNBytes(max);
    }
  }
}
