package org.homefirst.security;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says, in Spring Boot's start-up failure report, why Home First refused to start and what to do. */
public class UnsafeConfigurationAnalyzer extends AbstractFailureAnalyzer<UnsafeConfiguration> {

  @Override
  protected FailureAnalysis analyze(Throwable root, UnsafeConfiguration cause) {
    String profiles = new TreeMap<>(StartupChecks.PROFILES).entrySet().stream()
        .map((Map.Entry<String, String> p) -> "  " + p.getKey() + ": " + p.getValue())
        .collect(Collectors.joining("\n"));
    return new FailureAnalysis(
        "Home First refused to start:\n" + cause.refusals().stream().map(r -> "  - " + r)
            .collect(Collectors.joining("\n")),
        "Choose a profile with --spring.profiles.active=<profile> or SPRING_PROFILES_ACTIVE. The profiles:\n"
            + profiles + "\nIn production, every setting named above comes from the environment "
            + "(README, \"Identity, API clients and production settings\").",
        cause);
  }
}
