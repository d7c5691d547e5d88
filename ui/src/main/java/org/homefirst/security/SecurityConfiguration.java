package org.homefirst.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.homefirst.inbox.TeamMember;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may do what. The intake API uses HTTP Basic (demo) and is stateless; the Vaadin UI uses a
 * login form (demo) or OpenID Connect ({@code homefirst.security.login=oidc}). A person's teams
 * become {@code GROUP_<team>} authorities, which decide the queues they see.
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration extends VaadinWebSecurity {

  private final DemoUsers users;
  private final EngineRestAccess engineRest;

  SecurityConfiguration(DemoUsers users, EngineRestAccess engineRest) {
    this.users = users;
    this.engineRest = engineRest;
  }

  /**
   * The engine's REST API serves the separate worker process only: external tasks (fetch and lock,
   * complete, failure, BPMN error, extend lock) for the worker account; every other endpoint, and
   * everyone else, is refused. The engine's web apps are not part of Home First.
   */
  @Bean
  @Order(0)
  SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
    // Path matchers, not Spring MVC's: the engine's REST API is a servlet of its own (Jersey).
    PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
    return http.securityMatcher(path.matcher("/engine-rest/**"))
        .authorizeHttpRequests(a -> a
            .requestMatchers(path.matcher("/engine-rest/external-task/**")).hasAuthority(EngineRestAccess.WORKER)
            .anyRequest().denyAll())
        .httpBasic(b -> b.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return http.securityMatcher("/api/**")
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .httpBasic(b -> b.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .build();
  }

  /** Partner webhooks: no user session; each call carries its own signature (checked there). */
  @Bean
  @Order(0)
  SecurityFilterChain partnerCallbacks(HttpSecurity http) throws Exception {
    return http.securityMatcher("/partners/**")
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .build();
  }

  @Override
  protected void configure(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health/**").permitAll());
    super.configure(http);
    if (users.oidc()) {
      setOAuth2LoginPage(http, "/oauth2/authorization/nhs-cis2");
    } else {
      setLoginView(http, LoginView.class);
    }
  }

  /**
   * The demo's staff and the worker process's account. Passwords are compared as configured and
   * never re-encoded: Spring's upgrade to bcrypt on first use made every API call cost a bcrypt
   * check (63 ms of CPU), which capped intake at 14-18 referrals a second.
   */
  @Bean
  UserDetailsService demoUserDetails() {
    InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
    if (engineRest.open()) {
      manager.createUser(User.withUsername(engineRest.workerUsername())
          .password("{noop}" + engineRest.workerPassword())
          .authorities(EngineRestAccess.WORKER)
          .build());
    }
    for (DemoUsers.User u : users.demoUsers()) {
      manager.createUser(
          User.withUsername(u.username())
              .password(u.password())
              .authorities(u.teams().stream().map(t -> TeamMember.TEAM_PREFIX + t).toArray(String[]::new))
              .build());
    }
    return manager::loadUserByUsername;
  }

  /** Turns the teams claim of an OpenID Connect token into team authorities. */
  @Bean
  GrantedAuthoritiesMapper teamsFromToken() {
    String claim = users.groupsClaim() == null ? "groups" : users.groupsClaim();
    return (Collection<? extends GrantedAuthority> authorities) -> {
      Set<GrantedAuthority> mapped = new HashSet<>(authorities);
      for (GrantedAuthority a : authorities) {
        if (a instanceof OidcUserAuthority oidc && oidc.getAttributes().get(claim) instanceof Collection<?> teams) {
          teams.forEach(t -> mapped.add(new SimpleGrantedAuthority(TeamMember.TEAM_PREFIX + t)));
        }
      }
      return mapped;
    };
  }
}
