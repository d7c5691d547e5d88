package org.homefirst.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.homefirst.inbox.TeamMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may do what. The API is for systems: OAuth2 client credentials (JWT access tokens, scopes
 * {@link ApiScopes}), and HTTP Basic with the demo users where {@code homefirst.security.api-clients.basic}
 * allows it (demo and tests); it keeps no session. The Vaadin UI uses a login form (demo) or OpenID
 * Connect ({@code homefirst.security.login=oidc}). A person's or a client's teams become
 * {@code GROUP_<team>} authorities, which decide the queues and patients they see; teams from an
 * identity provider come only through the allow-list ({@link TeamMapping}).
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration extends VaadinWebSecurity {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  private final DemoUsers users;
  private final IdentitySettings identity;
  private final EngineRestAccess engineRest;
  private final Environment environment;

  SecurityConfiguration(DemoUsers users, IdentitySettings identity, EngineRestAccess engineRest,
      Environment environment) {
    this.users = users;
    this.identity = identity;
    this.engineRest = engineRest;
    this.environment = environment;
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
        .headers(SecurityHeaders.apis())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .build();
  }

  /**
   * The intake and events API: each call needs the scope of what it does; anything else under
   * {@code /api} is refused until a rule names it.
   */
  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> tokens, TeamMapping teams) throws Exception {
    PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(path.matcher("/api/**"))
        .authorizeHttpRequests(a -> a
            .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/referrals")).hasAuthority(ApiScopes.REFER)
            .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/referrals/*/events"))
            .hasAuthority(ApiScopes.RECORD_EVENTS)
            .requestMatchers(path.matcher(HttpMethod.GET, "/api/**")).hasAuthority(ApiScopes.READ)
            .anyRequest().denyAll())
        .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .headers(SecurityHeaders.apis())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable());
    JwtDecoder decoder = tokens.getIfAvailable();
    if (decoder != null) {
      ApiClientTokens clients = new ApiClientTokens(teams, identity.apiClients());
      http.oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(clients)));
    } else {
      log.info("No API client tokens are taken (spring.security.oauth2.resourceserver.jwt.* is not set)");
    }
    if (identity.apiClients().basic()) {
      http.httpBasic(b -> b.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
    }
    return http.build();
  }

  /** Partner webhooks: no user session; each call carries its own signature (checked there). */
  @Bean
  @Order(0)
  SecurityFilterChain partnerCallbacks(HttpSecurity http) throws Exception {
    return http.securityMatcher("/partners/**")
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .headers(SecurityHeaders.apis())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(c -> c.disable())
        .build();
  }

  @Override
  protected void configure(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health/**").permitAll());
    http.headers(SecurityHeaders.pages());
    super.configure(http);
    if (users.oidc()) {
      setOAuth2LoginPage(http, "/oauth2/authorization/nhs-cis2");
    } else {
      setLoginView(http, LoginView.class);
    }
  }

  /**
   * The worker process's account and, in the demo profile only, the demo's staff. Passwords are
   * compared as configured and never re-encoded: Spring's upgrade to bcrypt on first use made every
   * API call cost a bcrypt check (63 ms of CPU), which capped intake at 14-18 referrals a second.
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
    boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
    if (!demo && !users.demoUsers().isEmpty()) {
      log.warn("homefirst.security.demo-users is set outside the demo profile: nobody signs in with those accounts");
    }
    for (DemoUsers.User u : demo ? users.demoUsers() : List.<DemoUsers.User>of()) {
      // A demo user on the API acts as a client with every scope (identity.apiClients().basic).
      manager.createUser(
          User.withUsername(u.username())
              .password(u.password())
              .authorities(Stream.concat(u.teams().stream().map(t -> TeamMember.TEAM_PREFIX + t), ApiScopes.ALL.stream())
                  .toArray(String[]::new))
              .build());
    }
    return manager::loadUserByUsername;
  }

  /** Turns the groups claim of a person's OpenID Connect token into teams, through the allow-list. */
  @Bean
  GrantedAuthoritiesMapper teamsFromToken(TeamMapping teams) {
    String claim = users.groupsClaim() == null ? "groups" : users.groupsClaim();
    return (Collection<? extends GrantedAuthority> authorities) -> {
      Set<GrantedAuthority> mapped = new HashSet<>();
      for (GrantedAuthority a : authorities) {
        // Scopes of the sign-in are not the API's, and teams come from the allow-list only.
        if (!a.getAuthority().startsWith("SCOPE_") && !a.getAuthority().startsWith(TeamMember.TEAM_PREFIX)) {
          mapped.add(a);
        }
        if (a instanceof OidcUserAuthority oidc) {
          teams.teamsOf(oidc.getAttributes().get(claim))
              .forEach(t -> mapped.add(new SimpleGrantedAuthority(TeamMember.TEAM_PREFIX + t)));
        }
      }
      return mapped;
    };
  }
}
