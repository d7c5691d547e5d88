package org.homefirst.console;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import java.util.Arrays;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Base of the console's view tests on the server (Karibu-Testing) with the real services: each
 * test gets a mock Vaadin UI, signs in with {@link #signIn}, and leaves nobody signed in.
 */
abstract class ConsoleViewTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @BeforeEach
  void mockVaadin() {
    MockVaadin.setup(ROUTES);
  }

  @AfterEach
  void tearDownVaadinAndSignOut() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  /** Signs in as {@code user}, a member of {@code teams} (as the views read it from the security context). */
  static void signIn(String user, String... teams) {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "demo",
        Arrays.stream(teams).map(t -> TeamMember.TEAM_PREFIX + t).toArray(String[]::new)));
  }
}
