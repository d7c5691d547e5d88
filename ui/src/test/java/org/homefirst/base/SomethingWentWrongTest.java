package org.homefirst.base;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.RouteConfiguration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A page that fails says so in words with a reference, never with the exception's text (no stack). */
class SomethingWentWrongTest {

  /** A page that fails the way a page does when the database or the engine is gone. */
  public static class Broken extends Div {
    public Broken() {
      throw new IllegalStateException("ENGINE-03083 could not execute statement; SQL [select * from act_ru_task]");
    }
  }

  @BeforeEach
  void vaadin() {
    MockVaadin.setup(new Routes(new HashSet<>(), new HashSet<>(Set.of(SomethingWentWrong.class)), true));
    // Registered here only: an annotated route would be found by the application's own scan too.
    RouteConfiguration.forApplicationScope().setRoute("broken", Broken.class);
  }

  @AfterEach
  void done() {
    MockVaadin.tearDown();
  }

  @Test
  void aFailingPageIsToldInWordsWithAReferenceAndWithoutTheExceptionsText() {
    UI.getCurrent().navigate("broken");

    SomethingWentWrong page = _get(SomethingWentWrong.class);
    String text = page.getElement().getTextRecursively();
    String reference = page.getElement().getAttribute("data-reference");
    assertThat(reference).hasSize(8);
    assertThat(text).contains("This page could not be shown", "Something went wrong on our side",
        "tell the service desk the reference " + reference);
    assertThat(text).doesNotContain("ENGINE-").doesNotContain("act_ru_task").doesNotContain("Exception");
  }
}
