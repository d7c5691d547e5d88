package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import org.homefirst.inbox.SlaRules;
import org.homefirst.referral.SlaTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SLA targets page on the server (Karibu-Testing): a manager sees every target, gets a wrong
 * entry explained in words, is told the effect before confirming, and the change is in force for
 * new journeys; a coordinator is refused.
 */
class SlaTargetsViewTest extends ConsoleViewTest {

  @Autowired SlaTargets targets;
  @Autowired SlaRules rules;
  @Autowired ConsoleAccess console;

  @AfterEach
  void forgetChangedTargets() {
    db.sql("delete from sla_target").update();
  }

  @Test
  void aManagerChangesATargetAfterSeeingItsEffect() {
    SlaTargetsView view = open("manager", "managers");
    assertThat(view.getElement().hasAttribute("data-refused")).isFalse();
    assertThat(GridKt._size(view.grid)).isEqualTo(SlaTargets.EDITABLE.size());
    SlaTargets.Target triage = GridKt._get(view.grid, SlaTargets.EDITABLE.indexOf("triageWithin"));
    assertThat(GridKt._getFormattedRow(view.grid, SlaTargets.EDITABLE.indexOf("triageWithin")))
        .contains("Triage within 24 h of referral", "Default in force");

    view.choose(triage);
    view.value.setValue("12 hours");
    view.check();
    assertThat(view.value.isInvalid()).isTrue();
    assertThat(view.value.getErrorMessage()).contains("is not a duration").contains("PT24H");
    assertThat(view.confirm.isVisible()).isFalse();

    view.value.setValue("PT12H");
    view.check();
    assertThat(view.value.isInvalid()).isFalse();
    assertThat(view.effect.getText()).contains("Triage within 12 h of referral", "instead of 24 h",
        "Journeys already running keep their clocks");
    assertThat(targets.inForce()).as("nothing changed before confirming").containsEntry("triageWithin", "PT24H");

    view.confirm();
    assertThat(targets.inForce()).containsEntry("triageWithin", "PT12H");
    assertThat(rules.of("Task_Triage")).contains("Triage within 12 h of referral");
    assertThat(GridKt._getFormattedRow(view.grid, SlaTargets.EDITABLE.indexOf("triageWithin")))
        .anySatisfy(cell -> assertThat(cell).startsWith("By manager, "));
  }

  @Test
  void aCoordinatorIsRefused() {
    SlaTargetsView view = open("jad.coordinator", "jad");
    assertThat(view.getElement().hasAttribute("data-refused")).isTrue();
    assertThat(view.grid.getParent()).isEmpty();
  }

  private SlaTargetsView open(String user, String team) {
    signIn(user, team);
    SlaTargetsView view = new SlaTargetsView(targets, rules, console);
    UI.getCurrent().add(view);
    view.open();
    return view;
  }
}
