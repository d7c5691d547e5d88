package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/**
 * What ships besides the code fails closed too: the image does not run as root; only run.sh asks
 * for the demo profile; simulators are off unless the demo switches them on; no password, secret
 * or key has a default; docker-compose reaches the database over verified TLS.
 */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path RESOURCES = ROOT.resolve("ui/src/main/resources");
  private static final List<String> PARTNERS = List.of("gp", "nelft", "council", "voluntary", "notify");

  @Test
  void theImageRunsAsAnUnprivilegedUser() throws IOException {
    List<String> users = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
        .filter(line -> line.startsWith("USER ")).map(line -> line.substring(5).trim()).toList();

    assertThat(users).as("the Dockerfile's USER lines").isNotEmpty();
    assertThat(users.getLast().split(":")[0]).isNotIn("root", "0");
  }

  @Test
  void onlyRunShAsksForTheDemoProfile() throws IOException {
    assertThat(Files.readString(ROOT.resolve("run.sh"))).contains("--spring.profiles.active=demo");
    assertThat(yaml("application.yaml").getProperty("spring.profiles.default")).isNull();
    assertThat(yaml("application.yaml").getProperty("spring.profiles.active")).isNull();
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    assertThat(compose).contains("SPRING_PROFILES_ACTIVE: production").doesNotContainPattern("profiles?[^\\n]*demo");
  }

  @Test
  void simulatorsAreOffUnlessTheDemoSwitchesThemOn() {
    Properties shared = yaml("application.yaml");
    Properties demo = yaml("application-demo.yaml");
    Properties production = yaml("application-production.yaml");
    for (String partner : PARTNERS) {
      String key = "homefirst.partners." + partner + ".simulate";
      assertThat(shared.getProperty(key)).as(key + " in application.yaml").isEqualTo("false");
      assertThat(demo.getProperty(key)).as(key + " in application-demo.yaml").isEqualTo("true");
      assertThat(production.getProperty(key)).as(key + " in application-production.yaml").isEqualTo("false");
    }
    assertThat(shared.getProperty("homefirst.security.api-clients.basic")).isEqualTo("false");
    assertThat(shared.stringPropertyNames()).noneMatch(k -> k.startsWith("homefirst.security.demo-users"));
    assertThat(production.stringPropertyNames()).noneMatch(k -> k.startsWith("homefirst.security.demo-users"));
  }

  @Test
  void noPasswordSecretOrKeyHasADefault() throws IOException {
    Pattern secret = Pattern.compile("(?i)(password|secret|api-key)");
    for (String file : List.of("application.yaml", "application-production.yaml")) {
      Properties settings = yaml(file);
      for (String key : settings.stringPropertyNames()) {
        if (secret.matcher(key.substring(key.lastIndexOf('.') + 1)).find()) {
          assertThat(settings.getProperty(key)).as(key + " in " + file)
              .matches("\\$\\{[A-Z0-9_]+:?}");
        }
      }
    }
    Matcher composeSecret = Pattern.compile("(?m)^\\s+(HOMEFIRST_[A-Z0-9_]*(PASSWORD|SECRET|API_KEY)): (.*)$")
        .matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
    int secrets = 0;
    while (composeSecret.find()) {
      secrets++;
      assertThat(composeSecret.group(3)).as(composeSecret.group(1) + " in docker-compose.yml")
          .startsWith("${" + composeSecret.group(1) + ":?");
    }
    assertThat(secrets).isGreaterThan(5);
  }

  @Test
  void dockerComposeReachesTheDatabaseOverVerifiedTls() throws IOException {
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));

    assertThat(compose).containsPattern("HOMEFIRST_DB_URL: jdbc:postgresql://[^\\n]*sslmode=verify-full")
        .contains("\"ssl=on\"");
    assertThat(StartupChecks.verifyFull(compose.replaceAll("(?s).*HOMEFIRST_DB_URL: (\\S+).*", "$1"))).isTrue();
  }

  private static Properties yaml(String file) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new FileSystemResource(RESOURCES.resolve(file)));
    return yaml.getObject();
  }
}
