package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Fail closed: the application's own configuration files (application.yaml and the profile's),
 * with the environment a deployment gives, through Spring Boot's start-up as far as the checks. No
 * profile, demo with production, and each insecure production setting stop it, naming the setting.
 */
class StartupChecksTest {

  /** A production deployment's environment, every setting as it should be. */
  static final Map<String, String> PRODUCTION = Map.ofEntries(
      Map.entry("HOMEFIRST_DB_URL",
          "jdbc:postgresql://db.homefirst.example:5432/homefirst?sslmode=verify-full&sslrootcert=/run/db-ca.crt"),
      Map.entry("HOMEFIRST_DB_USER", "homefirst"),
      Map.entry("HOMEFIRST_DB_PASSWORD", "database-password"),
      Map.entry("HOMEFIRST_DB_OWNER", "homefirst_owner"),
      Map.entry("HOMEFIRST_DB_OWNER_PASSWORD", "owner-password"),
      Map.entry("HOMEFIRST_OIDC_ISSUER", "https://cis2.homefirst.example/realms/Healthcare"),
      Map.entry("HOMEFIRST_OIDC_CLIENT_ID", "homefirst"),
      Map.entry("HOMEFIRST_OIDC_CLIENT_SECRET", "oidc-secret"),
      Map.entry("HOMEFIRST_API_ISSUER", "https://login.homefirst.example/realms/api"),
      Map.entry("HOMEFIRST_API_AUDIENCE", "homefirst-api"),
      Map.entry("HOMEFIRST_GP_URL", "https://gp.homefirst.example/gp-connect"),
      Map.entry("HOMEFIRST_GP_API_KEY", "gp-key"),
      Map.entry("HOMEFIRST_NELFT_FHIR_URL", "https://fhir.nelft.example/R4"),
      Map.entry("HOMEFIRST_NELFT_API_KEY", "nelft-key"),
      Map.entry("HOMEFIRST_COUNCIL_LBBD_URL", "https://asc.lbbd.example/api/v1"),
      Map.entry("HOMEFIRST_COUNCIL_LBBD_API_KEY", "lbbd-key"),
      Map.entry("HOMEFIRST_COUNCIL_LBBD_SECRET", "lbbd-secret"),
      Map.entry("HOMEFIRST_COUNCIL_LBH_URL", "https://asc.havering.example/api/v1"),
      Map.entry("HOMEFIRST_COUNCIL_LBH_API_KEY", "lbh-key"),
      Map.entry("HOMEFIRST_COUNCIL_LBH_SECRET", "lbh-secret"),
      Map.entry("HOMEFIRST_COUNCIL_LBR_URL", "https://asc.redbridge.example/api/v1"),
      Map.entry("HOMEFIRST_COUNCIL_LBR_API_KEY", "lbr-key"),
      Map.entry("HOMEFIRST_COUNCIL_LBR_SECRET", "lbr-secret"),
      Map.entry("HOMEFIRST_VOLUNTARY_URL", "https://referrals.voluntary.example/api"),
      Map.entry("HOMEFIRST_VOLUNTARY_API_KEY", "voluntary-key"),
      Map.entry("HOMEFIRST_NOTIFY_API_KEY",
          "homefirst-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"),
      Map.entry("HOMEFIRST_NOTIFY_EMAIL_TEMPLATE_ID", "f33517ff-2a88-4f6e-b855-c550268ce08a"),
      Map.entry("HOMEFIRST_NOTIFY_SMS_TEMPLATE_ID", "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"));

  /** An empty application: only configuration is read, and the checks run. */
  static class Nothing {}

  @Test
  void withoutAProfileItRefusesToStartAndSaysWhichProfilesThereAre() {
    UnsafeConfiguration refused = start(null, PRODUCTION);

    assertThat(refused).isNotNull();
    assertThat(refused.refusals()).singleElement().asString()
        .contains("no profile").contains("spring.profiles.active").contains("demo or production");
    FailureAnalysis analysis = new UnsafeConfigurationAnalyzer().analyze(refused);
    assertThat(analysis.getAction()).contains("demo: this machine", "production: real services", "test: with demo");
  }

  @Test
  void anUnknownProfileAloneIsNoProfile() {
    assertThat(start("prod", PRODUCTION).refusals()).singleElement().asString().contains("active: prod");
  }

  @Test
  void productionNeverRunsWithTheDemoOrTheTests() {
    assertThat(start("production,demo", PRODUCTION).refusals()).singleElement().asString()
        .contains("production profile cannot run with demo");
    assertThat(start("production,test", PRODUCTION).refusals()).singleElement().asString()
        .contains("production profile cannot run with test");
  }

  @Test
  void theDemoAndProductionWithSafeSettingsStart() {
    assertThat(start("demo", Map.of())).isNull();
    assertThat(start("demo,test", Map.of())).isNull();
    assertThat(start("production", PRODUCTION)).isNull();
  }

  @Test
  void aProfileGivenInCodeCountsAsOne() {
    // as the benchmark and ClusterTest start the application
    new SpringApplicationBuilder(Nothing.class).profiles("demo").web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF).logStartupInfo(false).registerShutdownHook(false).run().close();
  }

  static Stream<Arguments> insecureProductionSettings() {
    return Stream.of(
        Arguments.of("HOMEFIRST_DB_URL", "jdbc:postgresql://db.homefirst.example:5432/homefirst",
            "spring.datasource.url (HOMEFIRST_DB_URL) must ask for sslmode=verify-full"),
        Arguments.of("HOMEFIRST_DB_URL", "jdbc:postgresql://db.homefirst.example:5432/homefirst?sslmode=require",
            "spring.datasource.url (HOMEFIRST_DB_URL) must ask for sslmode=verify-full"),
        Arguments.of("HOMEFIRST_DB_URL",
            "jdbc:postgresql://db.homefirst.example/homefirst?sslmode=verify-full&sslmode=disable",
            "spring.datasource.url (HOMEFIRST_DB_URL) must ask for sslmode=verify-full"),
        Arguments.of("HOMEFIRST_DB_URL", null, "spring.datasource.url (HOMEFIRST_DB_URL) is not set"),
        Arguments.of("homefirst.database.embedded", "true", "homefirst.database.embedded must be false"),
        Arguments.of("HOMEFIRST_GP_URL", "http://gp.homefirst.example/gp-connect",
            "homefirst.partners.gp.base-url (HOMEFIRST_GP_URL) must be an https URL"),
        Arguments.of("HOMEFIRST_GP_API_KEY", null,
            "homefirst.partners.gp.api-key (HOMEFIRST_GP_API_KEY) is not set: the GP endpoint must authenticate us"),
        Arguments.of("HOMEFIRST_NELFT_FHIR_URL", "http://fhir.nelft.example/R4",
            "homefirst.partners.nelft.base-url (HOMEFIRST_NELFT_FHIR_URL) must be an https URL"),
        Arguments.of("HOMEFIRST_COUNCIL_LBH_URL", "http://asc.havering.example/api/v1",
            "homefirst.partners.council.boroughs.lbh.base-url (HOMEFIRST_COUNCIL_LBH_URL) must be an https URL"),
        Arguments.of("HOMEFIRST_COUNCIL_LBR_URL", null,
            "homefirst.partners.council.boroughs.lbr.base-url (HOMEFIRST_COUNCIL_LBR_URL) is not set"),
        Arguments.of("HOMEFIRST_VOLUNTARY_URL", "ftp://referrals.voluntary.example/api",
            "homefirst.partners.voluntary.base-url (HOMEFIRST_VOLUNTARY_URL) must be an https URL"),
        Arguments.of("homefirst.partners.notify.base-url", "http://api.notifications.service.gov.uk",
            "homefirst.partners.notify.base-url must be an https URL"),
        Arguments.of("homefirst.partners.gp.simulate", "true", "homefirst.partners.gp.simulate must be false"),
        Arguments.of("homefirst.partners.nelft.simulate", "true", "homefirst.partners.nelft.simulate must be false"),
        Arguments.of("homefirst.partners.council.simulate", "true",
            "homefirst.partners.council.simulate must be false"),
        Arguments.of("homefirst.partners.voluntary.simulate", "true",
            "homefirst.partners.voluntary.simulate must be false"),
        Arguments.of("homefirst.partners.notify.simulate", "true", "homefirst.partners.notify.simulate must be false"),
        Arguments.of("homefirst.security.login", "form", "homefirst.security.login must be oidc"),
        Arguments.of("homefirst.security.demo-users[0].username", "manager",
            "homefirst.security.demo-users must be empty"),
        Arguments.of("homefirst.security.api-clients.basic", "true",
            "homefirst.security.api-clients.basic must be false"),
        Arguments.of("HOMEFIRST_OIDC_ISSUER", "http://cis2.homefirst.example/realms/Healthcare",
            "spring.security.oauth2.client.provider.nhs-cis2.issuer-uri (HOMEFIRST_OIDC_ISSUER) must be an https URL"),
        Arguments.of("HOMEFIRST_API_ISSUER", null,
            "spring.security.oauth2.resourceserver.jwt.issuer-uri (HOMEFIRST_API_ISSUER) is not set"),
        Arguments.of("HOMEFIRST_API_ISSUER", "http://login.homefirst.example/realms/api",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri (HOMEFIRST_API_ISSUER) must be an https URL"),
        Arguments.of("HOMEFIRST_API_AUDIENCE", null,
            "spring.security.oauth2.resourceserver.jwt.audiences (HOMEFIRST_API_AUDIENCE) is not set"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("insecureProductionSettings")
  void anInsecureProductionSettingIsRefusedByName(String setting, String value, String refusal) {
    Map<String, String> environment = new LinkedHashMap<>(PRODUCTION);
    environment.remove(setting);
    if (value != null) {
      environment.put(setting, value);
    }

    UnsafeConfiguration refused = start("production", environment);

    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.refusals()).anySatisfy(r -> assertThat(r).contains(refusal));
  }

  @Test
  void everyRefusalIsReportedAtOnce() {
    Map<String, String> environment = new LinkedHashMap<>(PRODUCTION);
    environment.put("HOMEFIRST_DB_URL", "jdbc:postgresql://db/homefirst");
    environment.put("HOMEFIRST_GP_URL", "http://gp/gp-connect");
    environment.remove("HOMEFIRST_GP_API_KEY");

    assertThat(start("production", environment).refusals()).hasSize(3);
  }

  /** Starts the empty application; the checks' refusal, or null when it started. */
  static UnsafeConfiguration start(String profiles, Map<String, String> environment) {
    List<String> arguments = new ArrayList<>();
    environment.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    if (profiles != null) {
      arguments.add("--spring.profiles.active=" + profiles);
    }
    SpringApplicationBuilder application = new SpringApplicationBuilder(Nothing.class)
        .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).registerShutdownHook(false);
    UnsafeConfiguration refused = catchThrowableOfType(UnsafeConfiguration.class,
        () -> application.run(arguments.toArray(String[]::new)).close());
    return refused;
  }
}
