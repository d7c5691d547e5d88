package org.homefirst.workers.council;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.homefirst.workers.partners.PartnerAnswers;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a council's decision pushed to us (webhook), the usual way a council decision reaches
 * a journey ({@link CouncilDecisions} polls for the ones that never come). Each callback is signed
 * with the borough's {@code shared-secret}: {@code X-HomeFirst-Timestamp: <unix seconds>} and
 * {@code X-HomeFirst-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + the raw body bytes>}.
 * It is refused, logged and changes nothing when it is longer than the body limit (413, before
 * anything of it is parsed), unsigned or forged (401), signed with a timestamp outside the replay
 * window (401), a signed callback received before ({@link CallbackNonces}, 409), about a referral
 * we never made (404), or not a decision in the API's terms (400). A genuine first decision is
 * recorded in {@code partner_referral} and published to the waiting journey by
 * {@link PartnerDecisions}; later news about a decided referral is only recorded.
 *
 * <p>Answers and logs never repeat what the caller sent: each verdict has one fixed text. The HTTP
 * endpoint that hands requests to {@link #receive} belongs to the application.
 */
public class CouncilCallbacks {

  public static final String SIGNATURE_HEADER = "X-HomeFirst-Signature";
  public static final String TIMESTAMP_HEADER = "X-HomeFirst-Timestamp";

  /** What became of a callback: the HTTP status and the one text it is answered with. */
  public enum Verdict {
    APPLIED(204, "Decision received."),
    TOO_LARGE(413, "The callback is larger than this endpoint accepts."),
    FORGED(401, "The callback is not signed as agreed with Home First."),
    STALE(401, "The callback's signed timestamp is outside the accepted window; sign it again with the current time."),
    REPLAYED(409, "This signed callback was received before; it is not applied again."),
    UNKNOWN_REFERRAL(404, "The callback is about a referral Home First did not make to this council."),
    BAD_DATA(400, "The callback is not a decision as the API describes it (an id and a known status).");

    private final int httpStatus;
    private final String answer;

    Verdict(int httpStatus, String answer) {
      this.httpStatus = httpStatus;
      this.answer = answer;
    }

    public int httpStatus() {
      return httpStatus;
    }

    /** The text the caller is answered with: fixed, never anything it sent. */
    public String answer() {
      return answer;
    }
  }

  /** A verdict, with the reason we log (our words only) for a refusal. */
  public record Result(Verdict verdict, String message) {}

  private static final Logger log = LoggerFactory.getLogger(CouncilCallbacks.class);
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
  private static final Pattern SIGNATURE = Pattern.compile("sha256=[0-9a-fA-F]{64}");

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, String> secrets;
  private final CouncilCallbackProperties limits;
  private final CallbackNonces nonces;
  private final Clock clock;
  private final PartnerReferrals referrals;
  private final PartnerExchanges exchanges;
  private final PartnerDecisions decisions;

  /** @param secrets shared secret per borough */
  public CouncilCallbacks(Map<String, String> secrets, CouncilCallbackProperties limits, CallbackNonces nonces,
      PartnerReferrals referrals, PartnerExchanges exchanges, PartnerDecisions decisions) {
    this.secrets = Map.copyOf(secrets);
    this.limits = limits;
    this.nonces = nonces;
    this.clock = exchanges.clock();
    this.referrals = referrals;
    this.exchanges = exchanges;
    this.decisions = decisions;
  }

  /** Signs a callback as a council does (for the simulators and tests): the signature header's value. */
  public static String sign(String secret, String timestamp, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(mac(secret, timestamp, body));
  }

  /** The largest body {@link #receive} takes; the endpoint reads no more than this, plus one byte. */
  public int maxBodyBytes() {
    return (int) limits.maxBody().toBytes();
  }

  /** Refuses a callback whose body is over the limit, for an endpoint that stopped reading it. */
  public Result tooLarge(String borough) {
    return refuse(borough, Verdict.TOO_LARGE, "body over " + maxBodyBytes() + " bytes, not read");
  }

  /**
   * Checks and applies one callback.
   *
   * @param body the raw bytes as received, not decoded
   * @param timestamp the {@link #TIMESTAMP_HEADER} as received
   * @param signature the {@link #SIGNATURE_HEADER} as received
   */
  public Result receive(String borough, byte[] body, String timestamp, String signature) {
    long started = System.nanoTime();
    if (body.length > maxBodyBytes()) {
      return tooLarge(borough);
    }
    String secret = secrets.get(borough);
    if (secret == null || secret.isBlank()) {
      return refuse(borough, Verdict.FORGED, "no shared secret for this borough");
    }
    if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) {
      return refuse(borough, Verdict.FORGED, "no timestamp, or not in unix seconds");
    }
    if (signature == null || !SIGNATURE.matcher(signature).matches()) {
      return refuse(borough, Verdict.FORGED, "no signature, or not sha256=<64 hex digits>");
    }
    byte[] expected = mac(secret, timestamp, body);
    if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring("sha256=".length())))) {
      return refuse(borough, Verdict.FORGED, "signature does not match");
    }
    Instant now = clock.instant();
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(signedAt, now).abs().compareTo(limits.replayWindow()) > 0) {
      return refuse(borough, Verdict.STALE, "signed timestamp more than " + limits.replayWindow() + " from our clock");
    }
    String nonce = HexFormat.of().formatHex(expected);
    if (!nonces.firstTime(borough, nonce, signedAt.plus(limits.replayWindow()), now)) {
      return refuse(borough, Verdict.REPLAYED, "signed callback received before");
    }
    try {
      return apply(borough, body, started);
    } catch (RuntimeException e) {
      // our failure, not the council's: its retry of the same signed callback is to be taken
      nonces.forget(borough, nonce);
      throw e;
    }
  }

  private Result apply(String borough, byte[] body, long started) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      return refuse(borough, Verdict.BAD_DATA, "body is not JSON");
    }
    if (node == null || !node.isObject() || !node.path("id").isTextual() || node.path("id").asText().isBlank()) {
      return refuse(borough, Verdict.BAD_DATA, "no referral id");
    }
    String id = node.path("id").asText();
    String code = node.path("status").asText(null);
    CouncilAdultSocialCare.Status status = CouncilAdultSocialCare.status(code);
    if (status == null) {
      return refuse(borough, Verdict.BAD_DATA, "unknown status");
    }
    PartnerReferral known = referrals.byDownstreamId(CouncilAdultSocialCare.system(borough), id).orElse(null);
    if (known == null) {
      return refuse(borough, Verdict.UNKNOWN_REFERRAL, "no referral of ours has that id");
    }
    JsonNode reason = node.path("reason");
    String reasonText = reason.isMissingNode() || reason.isNull() ? null : reason.asText();
    String correlationId = node.path("correlationId").asText(null);
    exchanges.record(new PartnerExchanges.Exchange(known.system(), "callback", known.idempotencyKey(),
        PartnerAnswers.isShortCode(correlationId) ? correlationId : UUID.randomUUID().toString(), known.referralId(), 1,
        "callback status=" + code, 204, "ok", null, (System.nanoTime() - started) / 1_000_000, exchanges.now()));
    if (status != CouncilAdultSocialCare.Status.RECEIVED) {
      String stored = CouncilAdultSocialCare.stored(status);
      if (!decisions.decided(known, stored, reasonText, null, null)) {
        // decided before (the first word counts): keep the council's latest news on the record only
        referrals.updateStatus(known.idempotencyKey(), stored, reasonText);
      }
    }
    return new Result(Verdict.APPLIED, Verdict.APPLIED.answer());
  }

  private static byte[] mac(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** Logs a refusal in our words (the borough only when it is one we know, never what was sent). */
  private Result refuse(String borough, Verdict verdict, String why) {
    log.warn("Refused a council callback for {} ({}): {}",
        secrets.containsKey(borough) ? "council-" + borough : "an unknown borough", verdict, why);
    return new Result(verdict, why);
  }
}
