package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import org.homefirst.referral.Borough;
import org.homefirst.referral.Localities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Redbridge localities page (Karibu-Testing): a manager sees the postcode table, gets a wrong
 * entry explained in words and moves a district to another locality for new referrals; a
 * coordinator is refused.
 */
class LocalitiesViewTest extends ConsoleViewTest {

  @Autowired Localities localities;
  @Autowired ConsoleAccess console;

  @AfterEach
  void restoreSeed() {
    db.sql("update locality_postcode set locality_id = 'fairlop', changed_by = 'seed' where prefix = 'IG6'").update();
  }

  @Test
  void aManagerMovesADistrictToAnotherLocality() {
    LocalitiesView view = open("manager", "managers");
    assertThat(view.getElement().hasAttribute("data-refused")).isFalse();
    assertThat(GridKt._size(view.grid)).isEqualTo(localities.mappings().size()).isGreaterThanOrEqualTo(17);

    view.prefix.setValue("IG6 0AB");
    view.locality.setValue(localities.locality("wanstead").orElseThrow());
    view.save();
    assertThat(view.prefix.isInvalid()).isTrue();
    assertThat(view.prefix.getErrorMessage()).isEqualTo("\u201cIG6 0AB\u201d is not a postcode district or sector: write IG1 or IG1 4");

    view.prefix.setValue("ig6");
    view.save();
    assertThat(view.prefix.isInvalid()).isFalse();
    assertThat(localities.place(Borough.LBR, "IG6 1AB")).hasValueSatisfying(
        p -> assertThat(p.locality().name()).isEqualTo("Wanstead and Woodford"));
  }

  @Test
  void aCoordinatorIsRefused() {
    LocalitiesView view = open("jad.coordinator", "jad");
    assertThat(view.getElement().hasAttribute("data-refused")).isTrue();
    assertThat(view.grid.getParent()).isEmpty();
  }

  private LocalitiesView open(String user, String team) {
    signIn(user, team);
    LocalitiesView view = new LocalitiesView(localities, console);
    UI.getCurrent().add(view);
    view.open();
    return view;
  }
}
