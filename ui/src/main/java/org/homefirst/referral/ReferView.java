package org.homefirst.referral;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyView;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Refer a patient by hand (a ward's phone call, a referral taken on the ward round): the same
 * intake and checks as the API (Modulus 11, known borough and hospital, one open referral per
 * patient), with the errors beside the fields and nothing stored unless the journey starts.
 */
@Route(value = "refer", layout = MainLayout.class)
@PageTitle("Refer a patient | Home First")
@PermitAll
public class ReferView extends VerticalLayout {

  private final ReferralIntake intake;
  final TextField nhsNumber = new TextField("NHS number");
  final TextField givenName = new TextField("Given name");
  final TextField familyName = new TextField("Family name");
  final DatePicker dateOfBirth = new DatePicker("Date of birth");
  final Select<Borough> borough = new Select<>();
  final TextField postcode = new TextField("Home postcode");
  final Select<Hospital> hospital = new Select<>();
  final TextField ward = new TextField("Ward");
  final DateTimePicker admittedAt = new DateTimePicker("Admitted");
  final DateTimePicker dischargeReadyAt = new DateTimePicker("Discharge ready (if known)");
  final Button refer = new Button("Refer patient");
  final VerticalLayout outcome = new VerticalLayout();
  private final Map<String, HasValidation> fields = new LinkedHashMap<>();
  private static final Map<String, String> EMPTY = Map.of(
      "dateOfBirth", "enter the date of birth",
      "borough", "choose the borough where the patient lives",
      "hospital", "choose the hospital",
      "admittedAt", "enter when the patient was admitted");

  public ReferView(ReferralIntake intake, Clock clock) {
    this.intake = intake;
    add(new H2("Refer a patient"),
        new Paragraph("Starts the patient's discharge journey: the discharge team for their borough and hospital gets "
            + "the triage task. Wards' systems can send the same referral to the API (see README)."));
    nhsNumber.setHelperText("10 digits, spaces allowed (e.g. 943 476 5919)");
    nhsNumber.setAutofocus(true);
    dateOfBirth.setLocale(java.util.Locale.UK);
    dateOfBirth.setMax(LocalDate.now(clock.withZone(Formats.LONDON)));
    borough.setLabel("Borough of residence");
    borough.setItems(Borough.values());
    borough.setItemLabelGenerator(Borough::label);
    postcode.setHelperText("e.g. IG1 1AA; for Redbridge residents it chooses the locality team after discharge");
    postcode.setMaxLength(10);
    hospital.setLabel("Hospital");
    hospital.setItems(Hospital.values());
    hospital.setItemLabelGenerator(Hospital::label);
    admittedAt.setLocale(java.util.Locale.UK);
    dischargeReadyAt.setLocale(java.util.Locale.UK);
    dischargeReadyAt.setHelperText("Leave empty while the patient still meets the criteria to reside");
    for (var required : java.util.List.of(nhsNumber, givenName, familyName, ward)) {
      required.setRequiredIndicatorVisible(true);
    }
    dateOfBirth.setRequiredIndicatorVisible(true);
    borough.setRequiredIndicatorVisible(true);
    hospital.setRequiredIndicatorVisible(true);
    admittedAt.setRequiredIndicatorVisible(true);
    fields.put("nhsNumber", nhsNumber);
    fields.put("givenName", givenName);
    fields.put("familyName", familyName);
    fields.put("dateOfBirth", dateOfBirth);
    fields.put("borough", borough);
    fields.put("postcode", postcode);
    fields.put("hospital", hospital);
    fields.put("ward", ward);
    fields.put("admittedAt", admittedAt);
    fields.put("dischargeReadyAt", dischargeReadyAt);
    FormLayout form = new FormLayout(nhsNumber, dateOfBirth, givenName, familyName, borough, postcode, hospital, ward,
        admittedAt, dischargeReadyAt);
    form.setMaxWidth("52rem");
    fields.forEach((id, f) -> ((com.vaadin.flow.component.Component) f).getElement().setAttribute("data-field", id));
    refer.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    refer.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
    refer.addClickListener(e -> refer());
    outcome.setPadding(false);
    add(form, refer, outcome);
  }

  private void refer() {
    fields.values().forEach(f -> f.setInvalid(false));
    outcome.removeAll();
    TeamMember me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    try {
      Referral r = intake.receive(request(), me);
      show("Referral received; the journey has started", false);
      outcome.add(new Paragraph("Referred " + r.patientName() + " (NHS " + Formats.nhsNumber(r.nhsNumber()) + ")."),
          new HorizontalLayout(new RouterLink("Open the journey", JourneyView.class, r.id().toString()),
              new Button("Refer another patient", e -> clear())));
    } catch (InvalidReferral invalid) {
      invalid.fieldErrors().forEach((id, message) -> {
        HasValidation f = fields.get(id);
        if (f != null) {
          // The API's wording names formats and codes; an empty picker needs plainer words.
          boolean empty = ((com.vaadin.flow.component.HasValue<?, ?>) f).isEmpty();
          f.setErrorMessage(empty && EMPTY.containsKey(id) ? EMPTY.get(id) : message);
          f.setInvalid(true);
        }
      });
      show("Some answers need attention; nothing was stored", true);
    } catch (DuplicateReferral duplicate) {
      show("This patient already has an open referral; nothing was stored", true);
      nhsNumber.setErrorMessage("already has an open referral");
      nhsNumber.setInvalid(true);
      if (duplicate.existingId() != null) {
        outcome.add(new RouterLink("Open the patient's current journey", JourneyView.class, duplicate.existingId().toString()));
      } else {
        outcome.add(new Paragraph("The open referral is not one your teams can see; the patient's discharge team"
            + " can tell you more."));
      }
    } catch (EngineUnavailable down) {
      show("The workflow engine is not reachable; nothing was stored. Try again shortly.", true);
    }
  }

  private ReferralRequest request() {
    return new ReferralRequest(
        nhsNumber.getValue(),
        givenName.getValue(),
        familyName.getValue(),
        dateOfBirth.getValue() == null ? null : dateOfBirth.getValue().toString(),
        borough.getValue() == null ? null : borough.getValue().code(),
        hospital.getValue() == null ? null : hospital.getValue().code(),
        ward.getValue(),
        instant(admittedAt.getValue()),
        instant(dischargeReadyAt.getValue()),
        postcode.getValue());
  }

  private static String instant(LocalDateTime local) {
    return local == null ? null : local.atZone(Formats.LONDON).toInstant().toString();
  }

  private void clear() {
    for (var f : fields.values()) {
      ((com.vaadin.flow.component.HasValue<?, ?>) f).clear();
      f.setInvalid(false);
    }
    outcome.removeAll();
    nhsNumber.focus();
  }

  private static void show(String text, boolean error) {
    Notification n = Notification.show(text, 5000, Notification.Position.BOTTOM_START);
    n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
  }
}
