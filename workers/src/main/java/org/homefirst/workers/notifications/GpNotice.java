package org.homefirst.workers.notifications;

import java.time.Instant;
import java.util.List;

/**
 * What a GP is told about a patient, in the journey's words; {@link GpNotifications} turns it
 * into the FHIR document the practice's system reads.
 *
 * @param title document title, e.g. "Discharge summary"
 * @param dischargeSummary true for the discharge summary (typed as one in the document)
 * @param hospital acute site code ({@code bhrut-kgh}, {@code bhrut-queens}, {@code barts-whipps})
 * @param sections titled paragraphs, in order
 */
public record GpNotice(
    String referralId,
    String title,
    boolean dischargeSummary,
    String nhsNumber,
    String givenName,
    String familyName,
    String dateOfBirth,
    String hospital,
    Instant date,
    List<Section> sections) {

  public record Section(String title, String text) {}
}
