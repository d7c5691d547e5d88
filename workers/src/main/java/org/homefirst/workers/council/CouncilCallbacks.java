package org.homefirst.workers.council;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a council's decision pushed to us (webhook), the usual way a council decision reaches
 * a journey ({@link CouncilDecisions} polls for the ones that never come). The body is signed:
 * {@code X-Council-Signature: sha256=<hex HMAC-SHA256 of the raw body>} with the borough's
 * {@code shared-secret}. A forged or unsigned callback, a callback about a referral we never made,
 * or one with an unknown status is refused, logged, and changes nothing: nothing is recorded or
 * published. A genuine first decision is recorded in {@code partner_referral} and published to
 * the waiting journey by {@link PartnerDecisions}; later news about a decided referral is only
 * recorded. The HTTP endpoint that hands requests to {@link #receive} belongs to the application.
 */
public class CouncilCallbacks {

  public static final String SIGNATURE_HEADER = "X-Council-Signature";

  /** What became of a callback, and the HTTP status to answer it with. */
  public enum Verdict {
    APPLIED(204), FORGED(401), UNKNOWN_REFERRAL(404), BAD_DATA(400);

    private final int httpStatus;

    Verdict(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  public record Result(Verdict verdict, String message) {}

  private static final Logger log = LoggerFactory.getLogger(CouncilCallbacks.class);

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, String> secrets;
  private final PartnerReferrals referrals;
  private final PartnerExchanges exchanges;
  private final PartnerDecisions decisions;

  /** @param secrets shared secret per borough */
  public CouncilCallbacks(Map<String, String> secrets, PartnerReferrals referrals, PartnerExchanges exchanges,
      PartnerDecisions decisions) {
    this.secrets = Map.copyOf(secrets);
    this.referrals = referrals;
    this.exchanges = exchanges;
    this.decisions = decisions;
  }

  /** Signs a body as a council does (for the simulators and tests). */
  public static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  public Result receive(String borough, String body, String signature) {
    long started = System.nanoTime();
    String secret = secrets.get(borough);
    if (secret == null || secret.isBlank()) {
      return refuse(Verdict.FORGED, "no shared secret is configured for council-" + borough);
    }
    if (signature == null || !MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.UTF_8),
        signature.trim().getBytes(StandardCharsets.UTF_8))) {
      return refuse(Verdict.FORGED, "callback for council-" + borough + " without a valid " + SIGNATURE_HEADER);
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      return refuse(Verdict.BAD_DATA, "callback from council-" + borough + " is not JSON: " + e.getOriginalMessage());
    }
    String id = node.path("id").asText(null);
    String code = node.path("status").asText(null);
    CouncilAdultSocialCare.Status status = CouncilAdultSocialCare.status(code);
    if (id == null) {
      return refuse(Verdict.BAD_DATA, "callback from council-" + borough + " names no referral id");
    }
    if (status == null) {
      return refuse(Verdict.BAD_DATA, "callback from council-" + borough + " has unknown status '" + code + "'");
    }
    PartnerReferral known = referrals.byDownstreamId(CouncilAdultSocialCare.system(borough), id).orElse(null);
    if (known == null) {
      return refuse(Verdict.UNKNOWN_REFERRAL, "callback from council-" + borough + " about referral " + id
          + " that Home First never made");
    }
    JsonNode reason = node.path("reason");
    String reasonText = reason.isMissingNode() || reason.isNull() ? null : reason.asText();
    exchanges.record(new PartnerExchanges.Exchange(known.system(), "callback", known.idempotencyKey(),
        node.path("correlationId").asText(UUID.randomUUID().toString()), known.referralId(), 1,
        "callback status=" + code, 204, "ok", null, (System.nanoTime() - started) / 1_000_000, exchanges.now()));
    if (status != CouncilAdultSocialCare.Status.RECEIVED) {
      String stored = CouncilAdultSocialCare.stored(status);
      if (!decisions.decided(known, stored, reasonText, null, null)) {
        // decided before (the first word counts): keep the council's latest news on the record only
        referrals.updateStatus(known.idempotencyKey(), stored, reasonText);
      }
    }
    return new Result(Verdict.APPLIED, "council-" + borough + " referral " + id + " is " + code);
  }

  private static Result refuse(Verdict verdict, String message) {
    log.warn("Refused a council callback ({}): {}", verdict, message);
    return new Result(verdict, message);
  }
}
