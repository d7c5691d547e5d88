package org.homefirst.workers.partners;

import java.util.Map;
import org.homefirst.workers.jobs.BpmnRefusal;

/**
 * The partner decided against the request (no capacity, not eligible): a business outcome the
 * models handle with an error boundary event. Error code {@value #ERROR_CODE}, variables
 * {@code rejectionReason} and {@code rejectedBy}.
 */
public final class PartnerRejection {

  public static final String ERROR_CODE = "homefirst.rejected";

  private PartnerRejection() {}

  public static BpmnRefusal of(String system, String reason) {
    String text = reason == null || reason.isBlank() ? system + " rejected the request" : reason;
    return new BpmnRefusal(ERROR_CODE, system + " rejected the request: " + text,
        Map.of("rejectionReason", text, "rejectedBy", system));
  }
}
