package org.homefirst.workers.notifications;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Builds the FHIR R4 document bundle (UK Core style) for a {@link GpNotice}: a {@code Bundle} of
 * type document whose first entry is the {@code Composition}, then the {@code Patient} (NHS
 * number) and the author {@code Organization} (ODS code). Ids derive from the job key, so a
 * retried job sends the very same document.
 */
final class GpDocuments {

  static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
  static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
  private static final String SNOMED = "http://snomed.info/sct";

  /** Trust ODS code and name per acute site. */
  private static final Map<String, String[]> TRUSTS = Map.of(
      "bhrut-kgh", new String[] {"RF4", "Barking, Havering and Redbridge University Hospitals NHS Trust"},
      "bhrut-queens", new String[] {"RF4", "Barking, Havering and Redbridge University Hospitals NHS Trust"},
      "barts-whipps", new String[] {"R1H", "Barts Health NHS Trust"});

  private final FhirContext fhir = FhirContext.forR4Cached();

  String json(GpNotice notice, long jobKey) {
    return fhir.newJsonParser().encodeResourceToString(bundle(notice, jobKey));
  }

  Bundle bundle(GpNotice notice, long jobKey) {
    String patientUrl = urn(jobKey, "patient");
    String authorUrl = urn(jobKey, "author");
    Date date = Date.from(notice.date());

    Patient patient = new Patient();
    patient.getMeta().addProfile("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient");
    patient.addIdentifier(new Identifier().setSystem(NHS_NUMBER).setValue(notice.nhsNumber()));
    patient.addName().setFamily(notice.familyName()).addGiven(notice.givenName());
    if (notice.dateOfBirth() != null) {
      patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(LocalDate.parse(notice.dateOfBirth()).toString()));
    }

    String[] trust = TRUSTS.getOrDefault(notice.hospital(), new String[] {"unknown", "Referring hospital"});
    Organization author = new Organization();
    author.getMeta().addProfile("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization");
    author.addIdentifier(new Identifier().setSystem(ODS_CODE).setValue(trust[0]));
    author.setName(trust[1]);

    Composition composition = new Composition();
    composition.getMeta().addProfile("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Composition");
    composition.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(urn(jobKey, "composition")));
    composition.setStatus(Composition.CompositionStatus.FINAL);
    CodeableConcept type = new CodeableConcept().setText(notice.title());
    if (notice.dischargeSummary()) {
      type.addCoding(new Coding(SNOMED, "373942005", "Discharge summary"));
    }
    composition.setType(type);
    composition.setSubject(new Reference(patientUrl));
    composition.setDate(date);
    composition.addAuthor(new Reference(authorUrl).setDisplay(trust[1]));
    composition.setTitle(notice.title());
    for (GpNotice.Section s : notice.sections()) {
      Composition.SectionComponent section = composition.addSection();
      section.setTitle(s.title());
      Narrative text = new Narrative();
      text.setStatus(Narrative.NarrativeStatus.GENERATED);
      text.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + escape(s.text()) + "</p></div>");
      section.setText(text);
    }

    Bundle bundle = new Bundle();
    bundle.getMeta().addProfile("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Bundle");
    bundle.setType(Bundle.BundleType.DOCUMENT);
    bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(urn(jobKey, "bundle")));
    bundle.setTimestamp(date);
    add(bundle, urn(jobKey, "composition"), composition);
    add(bundle, patientUrl, patient);
    add(bundle, authorUrl, author);
    return bundle;
  }

  private static void add(Bundle bundle, String fullUrl, Resource resource) {
    bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
  }

  private static String urn(long jobKey, String part) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(("homefirst-job-" + jobKey + "/" + part).getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
