package org.homefirst.base;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the application where to open it. */
@Component
class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    Environment env = event.getApplicationContext().getEnvironment();
    String url = "http://localhost:" + web.getWebServer().getPort() + "/";
    boolean demo = env.matchesProfiles("demo");
    log.info(
        "\n\n  Home First is running at {}\n{}\n",
        url,
        demo ? "  Sign in as jad.coordinator / demo (other demo users in README)" : "");
  }
}
