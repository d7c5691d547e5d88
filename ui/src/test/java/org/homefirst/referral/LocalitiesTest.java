package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.console.ConsoleRefused;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Redbridge community handoffs go to the locality team for the patient's postcode: the referral
 * keeps the postcode (normalised) and its locality, the journey gets the locality's team; an
 * unknown or missing postcode goes to the community triage queue with a note; managers change the
 * table, audited.
 */
class LocalitiesTest extends StackTest {

  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));

  @Autowired Localities localities;
  @Autowired ReferralIntake intake;

  @AfterEach
  void restoreSeed() {
    db.sql("delete from locality_postcode where changed_by = 'manager'").update();
    db.sql("insert into locality_postcode (prefix, locality_id, changed_by, changed_at) values ('IG5', 'fairlop', 'seed', now())"
        + " on conflict (prefix) do update set locality_id = 'fairlop', changed_by = 'seed'").update();
  }

  private Referral referFrom(String borough, String postcode) {
    return intake.receive(new ReferralRequest(validNhsNumber(), "Ada", "Jones", "1941-03-02", borough, "bhrut-kgh",
        "Ward 7", "2026-11-20T09:30:00Z", null, postcode), "ward.nurse");
  }

  private Object journeyVariable(Referral r, String name) {
    return db.sql("select value::jsonb #>> '{}' from process_variable where instance_key = ? and name = ?")
        .params(r.processInstanceKey(), name).query(String.class).optional().orElse(null);
  }

  @Test
  void aRedbridgeResidentsPostcodeChoosesTheLocalityTeam() {
    Referral r = referFrom("lbr", " ig3 8ab");

    assertThat(r.postcode()).isEqualTo("IG3 8AB");
    assertThat(r.locality()).isEqualTo("seven-kings");
    assertThat(journeyVariable(r, "localityTeam")).isEqualTo("lbr-locality-seven-kings");
    assertThat(journeyVariable(r, "postcode")).isEqualTo("IG3 8AB");
    assertThat(intake.homeAndLocality(r)).contains("Home postcode IG3 8AB · community handoffs: Seven Kings locality team");
  }

  @Test
  void aSectorOfItsOwnWinsOverItsDistrict() {
    assertThat(localities.place(Borough.LBR, "IG2 6AB")).hasValueSatisfying(p -> {
      assertThat(p.locality().id()).isEqualTo("fairlop");
      assertThat(p.note()).isEqualTo("postcode IG2 6AB, sector IG2 6 in the locality table");
    });
    assertThat(localities.place(Borough.LBR, "IG2 5AB")).hasValueSatisfying(
        p -> assertThat(p.locality().id()).isEqualTo("cranbrook-loxford"));
  }

  @Test
  void anUnknownOrMissingPostcodeGoesToCommunityTriageWithANote() {
    Referral unknown = referFrom("lbr", "SW1A 1AA");
    Referral none = referFrom("lbr", null);

    assertThat(unknown.locality()).isEqualTo(Localities.TRIAGE);
    assertThat(journeyVariable(unknown, "localityTeam")).isEqualTo("lbr-community-triage");
    assertThat(db.sql("select detail from journey_event where referral_id = ? and kind = 'LOCALITY_CHOSEN'")
        .param(unknown.id()).query(String.class).single())
        .isEqualTo("Community handoffs go to Redbridge community triage: postcode SW1A 1AA is not in the locality table;"
            + " the community triage team finds the locality.");
    assertThat(none.locality()).isEqualTo(Localities.TRIAGE);
    assertThat(intake.homeAndLocality(none))
        .contains("No home postcode · community handoffs: Redbridge community triage (no locality for this postcode yet)");
  }

  @Test
  void outsideRedbridgeThereIsNoLocality() {
    Referral r = referFrom("lbh", "RM1 3AB");

    assertThat(r.postcode()).isEqualTo("RM1 3AB");
    assertThat(r.locality()).isNull();
    assertThat(journeyVariable(r, "localityTeam")).isNull();
  }

  @Test
  void aPostcodeThatIsNotOneRefusesTheReferralWithAClearMessage() {
    assertThatThrownBy(() -> referFrom("lbr", "IG1"))
        .isInstanceOfSatisfying(InvalidReferral.class, e -> assertThat(e.fieldErrors())
            .isEqualTo(Map.of("postcode", "\u201cIG1\u201d is not a UK postcode: write it like IG1 1AA or RM6 4XY")));
  }

  @Test
  void aManagerMovesADistrictToAnotherLocalityAudited() {
    localities.assign(MANAGER, " ig5 ", "wanstead");

    assertThat(localities.place(Borough.LBR, "IG5 0AB")).hasValueSatisfying(
        p -> assertThat(p.locality().id()).isEqualTo("wanstead"));
    assertThat(db.sql("select detail from audit_event where action = 'CHANGE_LOCALITY' and actor = 'manager'"
        + " order by id desc limit 1").query(String.class).single()).isEqualTo("IG5: fairlop -> wanstead (new referrals)");
    assertThat(localities.mappings()).anySatisfy(m -> {
      assertThat(m.prefix()).isEqualTo("IG5");
      assertThat(m.changedBy()).isEqualTo("manager");
    });
  }

  @Test
  void onlyManagersChangeTheTableAndOnlyToALocality() {
    assertThatThrownBy(() -> localities.assign(JAD, "IG5", "wanstead")).isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> localities.assign(MANAGER, "IG5 0AB", "wanstead"))
        .hasMessage("\u201cIG5 0AB\u201d is not a postcode district or sector: write IG1 or IG1 4");
    assertThatThrownBy(() -> localities.assign(MANAGER, "IG5", Localities.TRIAGE))
        .hasMessage("Choose one of the four localities");
    assertThat(localities.place(Borough.LBR, "IG5 0AB")).hasValueSatisfying(
        p -> assertThat(p.locality().id()).isEqualTo("fairlop"));
  }
}
