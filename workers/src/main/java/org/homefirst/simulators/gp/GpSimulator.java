package org.homefirst.simulators.gp;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for a GP Connect style "send document" endpoint, on this machine: it accepts FHIR R4
 * document bundles whose first entry is a {@code Composition} at {@code POST /gp-connect/documents},
 * honours the {@code Idempotency-Key} header (a repeated key is answered with the first receipt
 * and stores nothing new), and can be made slow, failing or down to test the adapter under
 * faults. Tests start it; the application starts one when {@code homefirst.partners.gp.simulate}
 * is on.
 */
public final class GpSimulator implements AutoCloseable {

  /** A document the practice received, once per idempotency key. */
  public record ReceivedDocument(String idempotencyKey, String receiptId, String nhsNumber, String title, String json) {}

  private static final Logger log = LoggerFactory.getLogger(GpSimulator.class);
  private static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

  private final FhirContext fhir = FhirContext.forR4Cached();
  private final Map<String, ReceivedDocument> documents = new LinkedHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private volatile Duration delay = Duration.ZERO;
  private volatile boolean failing;
  private volatile String requiredKey;
  private HttpServer server;
  private int port;

  private GpSimulator() {}

  /** From now on, answers 401 to a call without {@code Authorization: Bearer <key>}, as a real endpoint would. */
  public void requireKey(String key) {
    requiredKey = key;
  }

  /** Starts listening on 127.0.0.1 at that port (0: any free port). */
  public static GpSimulator start(int port) {
    GpSimulator simulator = new GpSimulator();
    simulator.listen(port);
    return simulator;
  }

  public int port() {
    return port;
  }

  /** The endpoint root to configure as {@code homefirst.partners.gp.base-url}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port + "/gp-connect");
  }

  /** Answers every request that long after storing it (the practice is slow to reply). */
  public void slow(Duration delay) {
    this.delay = delay;
  }

  /** Answers every request with 503 and stores nothing. */
  public void failing() {
    this.failing = true;
  }

  /** Answers promptly and correctly again. */
  public void normal() {
    this.delay = Duration.ZERO;
    this.failing = false;
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again on the same port, answering normally. */
  public synchronized void up() {
    normal();
    if (server == null) {
      listen(port);
    }
  }

  /** The documents received, once per idempotency key, in the order they arrived. */
  public synchronized List<ReceivedDocument> documents() {
    return new ArrayList<>(documents.values());
  }

  /** Every request that reached the endpoint, repeats included. */
  public int requests() {
    return requests.get();
  }

  @Override
  public synchronized void close() {
    down();
    threads.shutdownNow();
  }

  private synchronized void listen(int wanted) {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 0);
      http.createContext("/gp-connect/documents", this::handle);
      http.setExecutor(threads);
      http.start();
      server = http;
      port = http.getAddress().getPort();
    } catch (IOException e) {
      throw new IllegalStateException("GP simulator cannot listen on port " + wanted, e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, outcome("not-supported", "POST a document bundle"));
        return;
      }
      String wanted = requiredKey;
      if (wanted != null && !("Bearer " + wanted).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, outcome("security", "a valid bearer token is required"));
        return;
      }
      if (failing) {
        respond(exchange, 503, outcome("transient", "GP system unavailable"));
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (key == null || key.isBlank()) {
        respond(exchange, 400, outcome("required", "Idempotency-Key header is required"));
        return;
      }
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      ReceivedDocument document;
      int status;
      synchronized (this) {
        document = documents.get(key);
        status = 200;
        if (document == null) {
          try {
            document = read(key, body);
          } catch (IllegalArgumentException | DataFormatException e) {
            log.warn("GP simulator refused a document: {}", e.getMessage());
            respond(exchange, 400, outcome("invalid", e.getMessage()));
            return;
          }
          documents.put(key, document);
          status = 201;
        }
      }
      pause();
      exchange.getResponseHeaders().add("Location", "/gp-connect/documents/" + document.receiptId());
      respond(exchange, status, "{\"resourceType\":\"OperationOutcome\",\"id\":\"" + document.receiptId()
          + "\",\"issue\":[{\"severity\":\"information\",\"code\":\"informational\",\"diagnostics\":\"received\"}]}");
    }
  }

  private ReceivedDocument read(String key, String body) {
    Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, body);
    if (bundle.getType() != Bundle.BundleType.DOCUMENT) {
      throw new IllegalArgumentException("Bundle.type must be document");
    }
    if (bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof Composition composition)) {
      throw new IllegalArgumentException("the first entry of a document must be a Composition");
    }
    String subject = composition.getSubject().getReference();
    Patient patient = bundle.getEntry().stream()
        .filter(e -> subject != null && subject.equals(e.getFullUrl()) && e.getResource() instanceof Patient)
        .map(e -> (Patient) e.getResource())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Composition.subject must be a Patient in the bundle"));
    String nhsNumber = patient.getIdentifier().stream()
        .filter(i -> NHS_NUMBER_SYSTEM.equals(i.getSystem()))
        .map(Identifier::getValue)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the Patient needs an NHS number identifier"));
    return new ReceivedDocument(key, UUID.randomUUID().toString(), nhsNumber, composition.getTitle(), body);
  }

  private void pause() {
    Duration wait = delay;
    if (!wait.isZero()) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String outcome(String code, String text) {
    return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
        + "\",\"diagnostics\":\"" + text.replace("\\", "\\\\").replace("\"", "'") + "\"}]}";
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
