package org.homefirst.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Refuses to start Home First in an unsafe shape, before anything connects anywhere: without a
 * profile (nobody said whether this is the demo or production), with the demo and production
 * profiles together, or in production with a setting that would let patient data travel in clear
 * or reach something other than the real partner: a database connection without
 * {@code sslmode=verify-full}, a partner or identity provider not on https, a GP endpoint without
 * a credential, a simulator, demo users, HTTP Basic on the API. Each refusal names its setting.
 * Runs after the configuration files are read (an {@link EnvironmentPostProcessor}, registered in
 * {@code META-INF/spring.factories}).
 */
public class StartupChecks implements EnvironmentPostProcessor, Ordered {

  /** The profiles Home First starts with, and what each is for. */
  static final Map<String, String> PROFILES = Map.of(
      "demo", "this machine: embedded PostgreSQL, demo users, partner simulators (./run.sh)",
      "production", "real services: external PostgreSQL over TLS, NHS CIS2 sign-in, real partners",
      "test", "with demo, for the automated tests");

  private static final List<String> PARTNERS = List.of("gp", "nelft", "council", "voluntary", "notify");
  private static final List<String> BOROUGHS = List.of("lbbd", "lbh", "lbr");

  /** Where each production setting comes from, so a refusal names what the operator sets. */
  private static final Map<String, String> VARIABLES = Map.ofEntries(
      Map.entry("spring.datasource.url", "HOMEFIRST_DB_URL"),
      Map.entry("homefirst.partners.gp.base-url", "HOMEFIRST_GP_URL"),
      Map.entry("homefirst.partners.gp.api-key", "HOMEFIRST_GP_API_KEY"),
      Map.entry("homefirst.partners.nelft.base-url", "HOMEFIRST_NELFT_FHIR_URL"),
      Map.entry("homefirst.partners.council.boroughs.lbbd.base-url", "HOMEFIRST_COUNCIL_LBBD_URL"),
      Map.entry("homefirst.partners.council.boroughs.lbh.base-url", "HOMEFIRST_COUNCIL_LBH_URL"),
      Map.entry("homefirst.partners.council.boroughs.lbr.base-url", "HOMEFIRST_COUNCIL_LBR_URL"),
      Map.entry("homefirst.partners.voluntary.base-url", "HOMEFIRST_VOLUNTARY_URL"),
      Map.entry("spring.security.oauth2.client.provider.nhs-cis2.issuer-uri", "HOMEFIRST_OIDC_ISSUER"),
      Map.entry("spring.security.oauth2.resourceserver.jwt.issuer-uri", "HOMEFIRST_API_ISSUER"),
      Map.entry("spring.security.oauth2.resourceserver.jwt.audiences", "HOMEFIRST_API_AUDIENCE"));

  @Override
  public int getOrder() {
    // after the configuration files (ConfigDataEnvironmentPostProcessor) have set the profiles
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    List<String> refusals = refusals(environment);
    if (!refusals.isEmpty()) {
      throw new UnsafeConfiguration(refusals);
    }
  }

  /** Everything wrong with this environment, each naming its setting; empty when it may start. */
  static List<String> refusals(Environment environment) {
    Set<String> active = Set.copyOf(Arrays.asList(environment.getActiveProfiles()));
    boolean demo = active.contains("demo");
    boolean production = active.contains("production");
    if (!demo && !production) {
      return List.of("no profile says what this is" + (active.isEmpty() ? "" : " (active: " + String.join(",", active)
          + ")") + ": start with spring.profiles.active (SPRING_PROFILES_ACTIVE) set to demo or production");
    }
    if (production && (demo || active.contains("test"))) {
      return List.of("the production profile cannot run with " + (demo ? "demo" : "test")
          + " (active: " + String.join(",", active) + ")");
    }
    return production ? production(environment) : List.of();
  }

  private static List<String> production(Environment environment) {
    Settings settings = new Settings(environment);
    List<String> refusals = new ArrayList<>();
    // the database: never the embedded one, always TLS with the server's certificate and name checked
    if (!"false".equals(settings.value("homefirst.database.embedded"))) {
      refusals.add("homefirst.database.embedded must be false in production");
    }
    String database = settings.value("spring.datasource.url");
    if (database == null) {
      refusals.add(settings.missing("spring.datasource.url"));
    } else if (!verifyFull(database)) {
      refusals.add(settings.named("spring.datasource.url") + " must ask for sslmode=verify-full (TLS, the server's "
          + "certificate and host name checked)");
    }
    // partners: the real systems, over https; the GP endpoint with a credential
    for (String partner : PARTNERS) {
      String simulate = "homefirst.partners." + partner + ".simulate";
      if (!"false".equals(settings.value(simulate))) {
        refusals.add(simulate + " must be false in production (a simulator is not the partner)");
      }
    }
    for (String url : List.of("homefirst.partners.gp.base-url", "homefirst.partners.nelft.base-url",
        "homefirst.partners.council.boroughs.lbbd.base-url", "homefirst.partners.council.boroughs.lbh.base-url",
        "homefirst.partners.council.boroughs.lbr.base-url", "homefirst.partners.voluntary.base-url")) {
      settings.https(url, true, refusals);
    }
    settings.https("homefirst.partners.notify.base-url", false, refusals);
    if (settings.value("homefirst.partners.gp.api-key") == null) {
      refusals.add(settings.missing("homefirst.partners.gp.api-key") + ": the GP endpoint must authenticate us");
    }
    // people: NHS CIS2 only; no demo account
    if (!"oidc".equals(settings.value("homefirst.security.login"))) {
      refusals.add("homefirst.security.login must be oidc in production (staff sign in with NHS CIS2)");
    }
    String cis2 = "spring.security.oauth2.client.provider.nhs-cis2.";
    if (settings.value(cis2 + "issuer-uri") == null && settings.value(cis2 + "authorization-uri") == null) {
      refusals.add(settings.missing(cis2 + "issuer-uri"));
    }
    for (String uri : List.of("issuer-uri", "authorization-uri", "token-uri", "jwk-set-uri", "user-info-uri")) {
      settings.https(cis2 + uri, false, refusals);
    }
    if (settings.value("homefirst.security.demo-users[0].username") != null) {
      refusals.add("homefirst.security.demo-users must be empty in production");
    }
    // API clients: OAuth2 access tokens for us only; no HTTP Basic
    if ("true".equals(settings.value("homefirst.security.api-clients.basic"))) {
      refusals.add("homefirst.security.api-clients.basic must be false in production (API clients use OAuth2)");
    }
    String jwt = "spring.security.oauth2.resourceserver.jwt.";
    if (settings.value(jwt + "issuer-uri") == null && settings.value(jwt + "jwk-set-uri") == null
        && settings.value(jwt + "public-key-location") == null) {
      refusals.add(settings.missing(jwt + "issuer-uri") + ": API clients' access tokens cannot be checked");
    }
    settings.https(jwt + "issuer-uri", false, refusals);
    settings.https(jwt + "jwk-set-uri", false, refusals);
    if (settings.value(jwt + "audiences") == null && settings.value(jwt + "audiences[0]") == null) {
      refusals.add(settings.missing(jwt + "audiences") + ": a token meant for another service would be taken");
    }
    return refusals;
  }

  /** Whether a PostgreSQL JDBC URL asks for TLS with the certificate and host name verified. */
  static boolean verifyFull(String url) {
    int query = url.indexOf('?');
    if (!url.startsWith("jdbc:postgresql:") || query < 0) {
      return false;
    }
    String mode = null;
    for (String parameter : url.substring(query + 1).split("&")) {
      if (parameter.startsWith("sslmode=")) {
        mode = parameter.substring("sslmode=".length());
      }
    }
    return "verify-full".equals(mode);
  }

  /** The environment's settings, read so that an unset variable is "missing", not an exception. */
  private record Settings(Environment environment) {

    String value(String key) {
      try {
        String value = environment.getProperty(key);
        return value == null || value.isBlank() ? null : value.trim();
      } catch (IllegalArgumentException unresolved) {
        return null;
      }
    }

    String named(String key) {
      return VARIABLES.containsKey(key) ? key + " (" + VARIABLES.get(key) + ")" : key;
    }

    String missing(String key) {
      return named(key) + " is not set";
    }

    void https(String key, boolean required, List<String> refusals) {
      String value = value(key);
      if (value == null) {
        if (required) {
          refusals.add(missing(key));
        }
        return;
      }
      URI uri;
      try {
        uri = URI.create(value);
      } catch (IllegalArgumentException e) {
        refusals.add(named(key) + " is not a URL");
        return;
      }
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        refusals.add(named(key) + " must be an https URL");
      }
    }
  }
}
