package org.homefirst.partners;

import java.net.URI;
import org.homefirst.workers.council.LocalCouncils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the demo, the local council simulators answer the way real councils do: they post each
 * decision, signed, to our webhook ({@link CouncilCallbackApi}) as soon as they make it, and the
 * poll only catches what a callback missed. Off unless
 * {@code homefirst.partners.council.simulator-callbacks} is on; the URL is only known once the web
 * server has its port.
 */
@Component
class LocalCouncilWebhooks {

  private static final Logger log = LoggerFactory.getLogger(LocalCouncilWebhooks.class);

  private final LocalCouncils councils;
  private final boolean enabled;

  LocalCouncilWebhooks(LocalCouncils councils,
      @Value("${homefirst.partners.council.simulator-callbacks:false}") boolean enabled) {
    this.councils = councils;
    this.enabled = enabled;
  }

  @EventListener
  void webServerStarted(WebServerInitializedEvent event) {
    if (enabled && event.getApplicationContext().getParent() == null) {
      connect(event.getWebServer().getPort());
    }
  }

  /** Points every local council simulator at this application's webhook on that port. */
  void connect(int port) {
    councils.sendDecisionsTo(borough -> URI.create("http://localhost:" + port + "/partners/council/" + borough + "/callbacks"));
    log.info("Local council simulators post their decisions to http://localhost:{}/partners/council/<borough>/callbacks", port);
  }
}
