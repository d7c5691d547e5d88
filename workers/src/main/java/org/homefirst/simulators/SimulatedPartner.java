package org.homefirst.simulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every partner simulator shares: an HTTP server on 127.0.0.1 at a given port (0: any free
 * one) and the ways a real partner misbehaves, switched on by tests and the demo:
 * {@link Behaviour#NORMAL}, {@link Behaviour#SLOW} (answers after a delay, having done the work),
 * {@link Behaviour#FAILING} (HTTP 500/503, does nothing), {@link #down()} (connection refused) and
 * {@link #up()} (back on the same port, with its data), {@link Behaviour#MALFORMED} (answers with
 * a broken body, does nothing) and {@link Behaviour#UNKNOWN_CODES} (answers with codes outside
 * the protocol). Business rejection is each simulator's own switch.
 */
public abstract class SimulatedPartner implements AutoCloseable {

  /** How the partner behaves towards the next requests. */
  public enum Behaviour { NORMAL, SLOW, FAILING, MALFORMED, UNKNOWN_CODES }

  /** A request as the simulator sees it. */
  public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
      String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  /** An answer. */
  public record Reply(int status, String contentType, String body, Map<String, String> headers) {

    public static Reply of(int status, String contentType, String body) {
      return new Reply(status, contentType, body, Map.of());
    }
  }

  private static final Logger log = LoggerFactory.getLogger(SimulatedPartner.class);

  private final String name;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Behaviour behaviour = Behaviour.NORMAL;
  private volatile Duration delay = Duration.ofSeconds(2);
  private volatile int failureStatus = 503;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private HttpServer server;
  private int port;

  protected SimulatedPartner(String name) {
    this.name = name;
  }

  /** Binds the port and starts answering. */
  protected final synchronized void listen(int wanted) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 50);
    } catch (IOException e) {
      throw new IllegalStateException(name + " simulator cannot listen on port " + wanted, e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
    port = server.getAddress().getPort();
    log.info("{} simulator listening on {}", name, baseUrl());
  }

  public int port() {
    return port;
  }

  /** The root to configure as the adapter's {@code base-url}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port + rootPath());
  }

  protected abstract String rootPath();

  /** Answers a request in normal behaviour (and in slow behaviour, late). */
  protected abstract Reply handle(Request request);

  /** A body that does not parse, in this protocol's content type. */
  protected abstract Reply malformed(Request request);

  /** A reply carrying codes outside the protocol. */
  protected abstract Reply unknownCodes(Request request);

  /** The normal reply with every status code matching {@code codes} replaced by {@code unknown}. */
  protected final synchronized Reply withStatusReplaced(Request request, String codes, String unknown) {
    Reply normal = handle(request);
    String body = normal.body() == null ? null
        : normal.body().replaceAll("\"status\":\"(" + codes + ")\"", "\"status\":\"" + unknown + "\"");
    return new Reply(normal.status(), normal.contentType(), body, normal.headers());
  }

  /** An error body in this protocol for a failing answer. */
  protected abstract Reply failure(int status);

  public void behave(Behaviour behaviour) {
    this.behaviour = behaviour;
    failuresLeft.set(0);
  }

  public Behaviour behaviour() {
    return behaviour;
  }

  public void normal() {
    behave(Behaviour.NORMAL);
  }

  /** Does the work, then answers after {@code delay}. */
  public void slow(Duration delay) {
    this.delay = delay;
    behave(Behaviour.SLOW);
  }

  /** Answers every request with that status (500 or 503) and does nothing. */
  public void failing(int status) {
    this.failureStatus = status;
    behave(Behaviour.FAILING);
  }

  /** Answers the next {@code count} requests with that status, then behaves normally. */
  public void failNext(int count, int status) {
    behave(Behaviour.NORMAL);
    this.failureStatus = status;
    failuresLeft.set(count);
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
      log.info("{} simulator down (port {})", name, port);
    }
  }

  /** Listens again on the same port, with everything it stored. */
  public synchronized void up() {
    if (server == null) {
      listen(port);
    }
  }

  /** Requests received, whatever the behaviour. */
  public int requestCount() {
    return requests.get();
  }

  @Override
  public synchronized void close() {
    down();
    threads.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      Request request = read(exchange);
      Reply reply;
      if (failuresLeft.get() > 0 && failuresLeft.getAndDecrement() > 0) {
        reply = failure(failureStatus);
      } else {
        reply = switch (behaviour) {
          case FAILING -> failure(failureStatus);
          case MALFORMED -> malformed(request);
          case UNKNOWN_CODES -> unknownCodes(request);
          case SLOW -> {
            Reply done = handle(request);
            pause(delay);
            yield done;
          }
          case NORMAL -> handle(request);
        };
      }
      write(exchange, reply);
    } catch (RuntimeException e) {
      log.error("{} simulator failed on {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI(), e);
      write(exchange, failure(500));
    }
  }

  private Request read(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.isEmpty() ? "" : v.get(0)));
    String path = exchange.getRequestURI().getPath().substring(rootPath().length());
    Map<String, String> query = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return new Request(exchange.getRequestMethod(), path, query, headers, body);
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    if (reply.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    }
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    try {
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // the client gave up waiting (slow behaviour): the work is done, the answer is lost
      log.debug("client went away before the answer: {}", e.toString());
    }
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
