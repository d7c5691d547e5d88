package org.homefirst.workers.partners;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;

/**
 * How a partner's answer is read and what of it may be kept. The body is read up to a limit and
 * no further: an answer that says it is longer, or turns out longer, is given up at once (the
 * connection is dropped, the rest never read), so a partner cannot fill our memory. What we keep
 * of an answer, in {@code partner_exchange}, incidents and logs, is its status, a short code and
 * the correlation id, never its text: partners' answers quote patients' details.
 */
public final class PartnerAnswers {

  /** The longest answer read by default: 1 MB, far above any answer of the partners' APIs. */
  public static final int DEFAULT_LIMIT = 1024 * 1024;

  private static final Pattern SHORT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,39}");

  private PartnerAnswers() {}

  /** An answer's body as read: its bytes, or none when it was longer than the limit. */
  public record Body(byte[] bytes, boolean tooLarge) {
    static final Body TOO_LARGE = new Body(new byte[0], true);
  }

  /** Reads at most {@code limit} bytes of a body, and none of one whose Content-Length is over it. */
  public static HttpResponse.BodyHandler<Body> upTo(int limit) {
    return info -> new LimitedBody(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  /**
   * A code a partner sent (a status, an error code) as we may keep it: itself when it looks like a
   * code (up to 40 letters, digits and {@code . _ : -}), otherwise a remark that it was not one.
   */
  public static String shortCode(String value) {
    if (value == null) {
      return "(none)";
    }
    return isShortCode(value) ? value : "(not a code)";
  }

  /** Whether a value a partner sent looks like a code and so may be kept. */
  public static boolean isShortCode(String value) {
    return value != null && SHORT_CODE.matcher(value).matches();
  }

  private static final class LimitedBody implements HttpResponse.BodySubscriber<Body> {
    private final int limit;
    private final long declared;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    LimitedBody(int limit, long declared) {
      this.limit = limit;
      this.declared = declared;
    }

    @Override
    public CompletionStage<Body> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (declared > limit) {
        tooLarge();
      } else {
        subscription.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if ((long) bytes.size() + buffer.remaining() > limit) {
          tooLarge();
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(new Body(bytes.toByteArray(), false));
    }

    /** Stops reading: the client drops the connection rather than read the rest. */
    private void tooLarge() {
      subscription.cancel();
      bytes.reset();
      result.complete(Body.TOO_LARGE);
    }
  }
}
