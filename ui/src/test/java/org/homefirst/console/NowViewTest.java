package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The Now page on the server (Karibu-Testing, real services): a lead clicks a figure and gets
 * the list of its patients; a coordinator who is not a lead gets a refusal in words, no figures.
 */
class NowViewTest extends ConsoleViewTest {

  @Autowired ApplicationContext context;

  @Test
  void aFigureOpensTheListOfItsPatientsAndNumbersUpdateInPlace() {
    UUID id = refer(validNhsNumber(), "lbr", "bhrut-kgh");
    eventually("the triage task", () -> db.sql("select count(*) from user_task t join referral r"
        + " on r.process_instance_key = t.root_instance_key where r.id = ? and t.state = 'CREATED'")
        .param(id).query(Integer.class).single() > 0);
    db.sql("update referral set admitted_at = ?, discharge_ready_at = ? where id = ?")
        .params(Timestamp.from(Instant.now().minus(Duration.ofDays(23))),
            Timestamp.from(Instant.now().minus(Duration.ofDays(22))), id)
        .update();

    NowView view = open("manager", "managers", "jad", "lbr-hospital-sw");
    long before = Long.parseLong(view.superStranded.getElement().getAttribute("aria-label").split(" ")[0]);
    assertThat(before).isPositive();
    view.superStranded.click();

    assertThat(view.drill.isVisible()).isTrue();
    assertThat(view.drillTitle.getText()).startsWith("Super-stranded");
    assertThat(java.util.stream.IntStream.range(0, GridKt._size(view.patients))
        .mapToObj(i -> GridKt._get(view.patients, i).referralId())).contains(id);

    db.sql("update referral set status = 'CANCELLED', closed_at = now() where id = ?").param(id).update();
    NowView.Figure same = view.superStranded;
    view.refresh();
    assertThat(view.superStranded).isSameAs(same);
    assertThat(view.superStranded.getElement().getAttribute("aria-label")).startsWith((before - 1) + " ");
  }

  @Test
  void aCoordinatorWhoIsNotALeadIsRefusedInWords() {
    NowView view = open("jad.coordinator", "jad");
    assertThat(view.getElement().getAttribute("data-refused")).isEqualTo("true");
    assertThat(view.figures.isAttached()).isFalse();
  }

  private NowView open(String user, String... teams) {
    signIn(user, teams);
    NowView view = context.getAutowireCapableBeanFactory().createBean(NowView.class);
    UI.getCurrent().add(view);
    return view;
  }
}
