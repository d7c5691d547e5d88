package org.homefirst.referral;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouterLink;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.homefirst.StackTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Referring a patient by hand (Karibu-Testing, real intake, engine and database): errors beside
 * the fields and nothing stored; a valid referral starts the journey; the same patient again is
 * refused with a link to the open journey, a link only those who may see that journey get.
 */
class ReferViewTest extends StackTest {

  @Autowired ReferralIntake intake;
  @Autowired Clock clock;

  @BeforeEach
  void vaadin() {
    MockVaadin.setup(new Routes().autoDiscoverViews("org.homefirst"));
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("jad.coordinator", "demo", "GROUP_jad"));
  }

  @AfterEach
  void done() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  @Test
  void aPostcodeThatIsNotOneIsMarkedBesideItsFieldAndAGoodOneIsKeptInItsUsualForm() {
    ReferView view = new ReferView(intake, clock);
    UI.getCurrent().add(view);
    String nhs = validNhsNumber();
    view.nhsNumber.setValue(nhs);
    view.givenName.setValue("Winifred");
    view.familyName.setValue("Clarke");
    view.dateOfBirth.setValue(LocalDate.of(1939, 8, 17));
    view.borough.setValue(Borough.LBR);
    view.postcode.setValue("IG3");
    view.hospital.setValue(Hospital.BHRUT_KGH);
    view.ward.setValue("Ward 4");
    view.admittedAt.setValue(LocalDateTime.now().minusDays(2).withNano(0));

    ButtonKt._click(view.refer);
    assertThat(view.postcode.isInvalid()).isTrue();
    assertThat(view.postcode.getErrorMessage()).isEqualTo("\u201cIG3\u201d is not a UK postcode: write it like IG1 1AA or RM6 4XY");
    assertThat(db.sql("select count(*) from referral where nhs_number = ?").param(nhs).query(Integer.class).single()).isZero();

    view.postcode.setValue("ig3 8ab");
    ButtonKt._click(view.refer);
    assertThat(db.sql("select postcode || ' ' || locality from referral where nhs_number = ?").param(nhs)
        .query(String.class).single()).isEqualTo("IG3 8AB seven-kings");
  }

  @Test
  void aCoordinatorRefersAPatientTakenByPhone() {
    ReferView view = new ReferView(intake, clock);
    UI.getCurrent().add(view);
    String nhs = validNhsNumber();

    view.nhsNumber.setValue(nhs.substring(0, 9) + ((nhs.charAt(9) - '0' + 1) % 10));
    view.givenName.setValue("Ada");
    ButtonKt._click(view.refer);
    assertThat(view.nhsNumber.isInvalid()).isTrue();
    assertThat(view.nhsNumber.getErrorMessage()).contains("Modulus 11");
    assertThat(view.familyName.isInvalid()).isTrue();
    assertThat(view.borough.getErrorMessage()).isEqualTo("choose the borough where the patient lives");
    assertThat(view.admittedAt.getErrorMessage()).isEqualTo("enter when the patient was admitted");
    assertThat(view.givenName.getValue()).as("nothing typed is lost").isEqualTo("Ada");
    assertThat(db.sql("select count(*) from referral where given_name = 'Ada' and nhs_number like ?")
        .param(nhs.substring(0, 9) + "%").query(Integer.class).single()).isZero();

    view.nhsNumber.setValue(nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6));
    view.familyName.setValue("Jones");
    view.dateOfBirth.setValue(LocalDate.of(1941, 3, 2));
    view.borough.setValue(Borough.LBR);
    view.hospital.setValue(Hospital.BHRUT_KGH);
    view.ward.setValue("Ward 12");
    view.admittedAt.setValue(LocalDateTime.now().minusDays(2).withNano(0));
    ButtonKt._click(view.refer);

    assertThat(_find(view.outcome, RouterLink.class)).extracting(RouterLink::getText).containsExactly("Open the journey");
    Referral referral = intake.find(db.sql("select id from referral where nhs_number = ?").param(nhs)
        .query(java.util.UUID.class).single()).orElseThrow();
    assertThat(referral.processInstanceKey()).isNotNull();
    assertThat(referral.borough()).isEqualTo(Borough.LBR);
    eventually("the triage task for Redbridge's team", () -> db.sql(
            "select count(*) from user_task where root_instance_key = ? and 'lbr-hospital-sw' = any(candidate_groups)")
        .param(referral.processInstanceKey()).query(Integer.class).single() == 1);

    ButtonKt._click(view.refer);
    assertThat(view.nhsNumber.getErrorMessage()).isEqualTo("already has an open referral");
    assertThat(_find(view.outcome, RouterLink.class)).extracting(RouterLink::getText)
        .containsExactly("Open the patient's current journey");
    assertThat(db.sql("select count(*) from referral where nhs_number = ?").param(nhs).query(Integer.class).single()).isEqualTo(1);
  }

  /** A Havering resident at BHRUT referred by the ward: a Redbridge social worker may not see that journey. */
  @Test
  void theOpenReferralOfSomeoneElsesPatientIsNotLinked() {
    String nhs = validNhsNumber();
    refer(nhs, "lbh", "bhrut-kgh");
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken("lbr.socialworker", "demo", "GROUP_lbr-hospital-sw"));
    ReferView view = new ReferView(intake, clock);
    UI.getCurrent().add(view);

    view.nhsNumber.setValue(nhs);
    view.givenName.setValue("Ada");
    view.familyName.setValue("Jones");
    view.dateOfBirth.setValue(LocalDate.of(1941, 3, 2));
    view.borough.setValue(Borough.LBH);
    view.hospital.setValue(Hospital.BHRUT_KGH);
    view.ward.setValue("Ward 7");
    view.admittedAt.setValue(LocalDateTime.now().minusDays(1).withNano(0));
    ButtonKt._click(view.refer);

    assertThat(view.nhsNumber.getErrorMessage()).isEqualTo("already has an open referral");
    assertThat(_find(view.outcome, RouterLink.class)).isEmpty();
    assertThat(view.outcome.getElement().getTextRecursively()).contains("not one your teams can see");
  }
}
