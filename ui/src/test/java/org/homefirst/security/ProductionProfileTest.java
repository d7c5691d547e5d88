package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.homefirst.HomeFirstApplication;
import org.homefirst.workers.council.LocalCouncils;
import org.homefirst.workers.notifications.GpNotifications;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The whole application started with the production profile alone and the settings a deployment
 * gives ({@link StartupChecksTest#PRODUCTION}), on a PostgreSQL reached over TLS with
 * {@code sslmode=verify-full}: no demo user, no demo data, no simulator; staff sign in with OpenID
 * Connect; HTTP Basic opens no API. Only the identity provider's discovery is replaced (a
 * registration with the same https endpoints, as the real one has no test instance to ask).
 */
class ProductionProfileTest {

  @TempDir static Path folder;

  private static TlsPostgres database;
  private static ConfigurableApplicationContext app;
  private static int port;

  /** NHS CIS2 as the discovery document would describe it; nothing is fetched. */
  static class StaffIdentityProvider {
    @Bean
    ClientRegistrationRepository clientRegistrationRepository() {
      String cis2 = StartupChecksTest.PRODUCTION.get("HOMEFIRST_OIDC_ISSUER");
      return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("nhs-cis2")
          .clientId("homefirst").clientSecret("oidc-secret")
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid", "profile")
          .authorizationUri(cis2 + "/authorize").tokenUri(cis2 + "/token").jwkSetUri(cis2 + "/jwks")
          .userInfoUri(cis2 + "/userinfo").userNameAttributeName("sub").issuerUri(cis2)
          .build());
    }
  }

  @BeforeAll
  static void startProduction() throws Exception {
    database = TlsPostgres.start(folder);
    Map<String, String> settings = new LinkedHashMap<>(StartupChecksTest.PRODUCTION);
    settings.put("HOMEFIRST_DB_URL", database.verifyFullUrl());
    settings.put("HOMEFIRST_DB_USER", "homefirst_app");
    settings.put("HOMEFIRST_DB_OWNER", "homefirst_owner");
    settings.put("spring.profiles.active", "production");
    settings.put("server.port", "0");
    settings.put("vaadin.productionMode", "true");
    // Not the engine name "default" that the other tests' application in this JVM holds.
    settings.put("operaton.bpm.process-engine-name", "production");
    settings.put("homefirst.workers.worker-id", "production-profile-test");
    List<String> arguments = new ArrayList<>();
    settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    app = new SpringApplicationBuilder(HomeFirstApplication.class, StaffIdentityProvider.class)
        .registerShutdownHook(false).run(arguments.toArray(String[]::new));
    port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void onlyTheProductionProfileIsActive() {
    assertThat(app.getEnvironment().getActiveProfiles()).containsExactly("production");
  }

  @Test
  void noDemoUserCanSignIn() {
    UserDetailsService accounts = app.getBean(UserDetailsService.class);
    for (String demo : List.of("manager", "ward.nurse", "jad.coordinator", "designer")) {
      assertThatThrownBy(() -> accounts.loadUserByUsername(demo)).as(demo)
          .isInstanceOf(UsernameNotFoundException.class);
    }
    assertThat(app.getBean(DemoUsers.class).demoUsers()).isEmpty();
  }

  @Test
  void noSimulatorAndNoDemoDataIsRunning() {
    List<String> objects = Arrays.stream(app.getBeanFactory().getSingletonNames())
        .map(name -> app.getBeanFactory().getSingleton(name)).filter(Objects::nonNull)
        .map(bean -> bean.getClass().getName()).toList();
    assertThat(objects).noneMatch(type -> type.startsWith("org.homefirst.simulators."))
        .noneMatch(type -> type.startsWith("org.homefirst.demo."));
    LocalCouncils councils = app.getBean(LocalCouncils.class);
    for (String borough : List.of("lbbd", "lbh", "lbr")) {
      assertThat(councils.simulator(borough)).as(borough).isEmpty();
    }
    assertThat(app.getBean(GpNotifications.class).endpoint())
        .isEqualTo(URI.create("https://gp.homefirst.example/gp-connect/documents"));
  }

  @Test
  void theDatabaseIsReachedOverVerifiedTls() {
    JdbcClient db = app.getBean(JdbcClient.class);

    assertThat(db.sql("select ssl from pg_stat_ssl where pid = pg_backend_pid()").query(Boolean.class).single())
        .isTrue();
  }

  @Test
  void staffSignInWithOpenIdConnectAndBasicOpensNoApi() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
        .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isIn(302, 303);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/nhs-cis2");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.PAGES);

    HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(
            "http://localhost:" + port + "/api/v1/referrals/00000000-0000-0000-0000-000000000000"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ward.nurse:demo".getBytes()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(401);
  }
}
