package org.homefirst.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Staff accounts for the demo profile only (see README). Production signs people in with OpenID
 * Connect (NHS CIS2) and reads their teams from a token claim.
 */
@ConfigurationProperties("homefirst.security")
public record DemoUsers(String login, String groupsClaim, List<User> demoUsers) {

  public record User(String username, String password, String name, List<String> teams) {}

  public List<User> demoUsers() {
    return demoUsers == null ? List.of() : demoUsers;
  }

  public boolean oidc() {
    return "oidc".equals(login);
  }
}
