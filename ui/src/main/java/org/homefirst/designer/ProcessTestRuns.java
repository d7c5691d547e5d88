package org.homefirst.designer;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.homefirst.inbox.TeamMember;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Runs a model's process tests against a draft of it: the same test classes the build runs
 * (the processes module's test-jar, {@code org.homefirst.processes.DraftTestRun}), with the draft
 * deployed in place of the model's file on the tests' own engine and embedded PostgreSQL. The
 * tests run in a JVM of their own because they move the engine's clock, which is static and
 * would move the live engine's timers too. One run at a time for the whole application (a run
 * takes minutes and a JVM with a database): a second request while one runs is refused, saying
 * whose run it is.
 */
@Service
class ProcessTestRuns implements DisposableBean {

  static final String RUNNER = "org.homefirst.processes.DraftTestRun";
  private static final String PREFIX = "homefirst-tests ";
  private static final Duration LONGEST_RUN = Duration.ofMinutes(30);

  /** One test's outcome: its class, its name, passed or not, and why not in the assertion's words. */
  record Outcome(String testClass, String test, boolean passed, String why) {}

  /** A run of the process tests against one draft, updated as the tests finish. */
  static final class Run {
    private final UUID draftId;
    private final String model;
    private final String startedBy;
    private final Instant startedAt;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private volatile int total = -1;
    private volatile boolean finished;
    private volatile String problem;

    Run(UUID draftId, String model, String startedBy, Instant startedAt) {
      this.draftId = draftId;
      this.model = model;
      this.startedBy = startedBy;
      this.startedAt = startedAt;
    }

    UUID draftId() {
      return draftId;
    }

    String model() {
      return model;
    }

    String startedBy() {
      return startedBy;
    }

    Instant startedAt() {
      return startedAt;
    }

    /** The number of tests to run, or -1 until the runner has found them. */
    int total() {
      return total;
    }

    int done() {
      return outcomes.size();
    }

    List<Outcome> outcomes() {
      return List.copyOf(outcomes);
    }

    List<Outcome> failures() {
      return outcomes.stream().filter(o -> !o.passed()).toList();
    }

    boolean finished() {
      return finished;
    }

    /** Why the run itself did not complete (the runner did not start or stopped early), or null. */
    String problem() {
      return problem;
    }
  }

  private final DesignerAccess access;
  private final Clock clock;
  private final Executor executor;
  private volatile Run current;
  private volatile Process running;

  @Autowired
  ProcessTestRuns(DesignerAccess access, Clock clock) {
    this(access, clock, Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "process-tests-on-draft");
      thread.setDaemon(true);
      return thread;
    }));
  }

  ProcessTestRuns(DesignerAccess access, Clock clock, Executor executor) {
    this.access = access;
    this.clock = clock;
    this.executor = executor;
  }

  /**
   * Starts the process tests of the draft's model against the draft's XML (as given: saved or
   * not), off the caller's thread. Designers only; refused while another run is going.
   */
  synchronized Run start(TeamMember member, Drafts.Draft draft) {
    access.checkMayEdit(member, "run the process tests of a draft of " + draft.modelKey());
    Run before = current;
    if (before != null && !before.finished()) {
      throw new ReviewRefused("The process tests are already running, for " + before.startedBy() + "'s draft of "
          + before.model() + ": one run at a time, try again when it has finished");
    }
    String model = fileName(draft.resourceName());
    Run run = new Run(draft.id(), model, member.username(), clock.instant());
    current = run;
    String xml = draft.xml();
    try {
      executor.execute(() -> execute(run, xml));
    } catch (RejectedExecutionException e) {
      run.problem = "The test run could not start";
      run.finished = true;
    }
    return run;
  }

  /** The latest run (going or finished), if any since the application started. */
  Optional<Run> latest() {
    return Optional.ofNullable(current);
  }

  private void execute(Run run, String xml) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory("homefirst-draft-tests");
      Files.writeString(folder.resolve(run.model()), xml);
      // without a configuration Logback logs everything at debug level, which slows the engine down
      Files.writeString(folder.resolve("logback.xml"), """
          <configuration>
            <appender name="err" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
              <encoder><pattern>%level %logger{20} %msg%n</pattern></encoder></appender>
            <root level="WARN"><appender-ref ref="err"/></root>
          </configuration>
          """);
      ProcessBuilder builder = new ProcessBuilder(command(folder, run.model())).directory(folder.toFile())
          .redirectError(folder.resolve("tests.log").toFile());
      Process process = builder.start();
      running = process;
      // a run that hangs would keep every later run waiting: no run of these tests takes this long
      CompletableFuture.delayedExecutor(LONGEST_RUN.toMinutes(), TimeUnit.MINUTES).execute(() -> {
        if (process.isAlive()) {
          process.destroyForcibly();
        }
      });
      boolean ended = false;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith(PREFIX)) {
            ended |= read(run, line.substring(PREFIX.length()));
          }
        }
      }
      int exit = process.waitFor();
      if (!ended) {
        run.problem = "The test run stopped before the end (exit code " + exit + ")" + lastLine(folder);
      }
    } catch (IOException e) {
      run.problem = "The test run could not start: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      run.problem = "The test run was stopped";
    } catch (RuntimeException e) {
      run.problem = "The test run failed: " + e;
    } finally {
      running = null;
      run.finished = true;
      delete(folder);
    }
  }

  /** Reads one line of the runner's progress; true at its end. */
  private static boolean read(Run run, String line) {
    if (line.startsWith("total ")) {
      run.total = Integer.parseInt(line.substring("total ".length()).trim());
    } else if (line.startsWith("passed ")) {
      String[] parts = line.substring("passed ".length()).split("\t", 2);
      run.outcomes.add(new Outcome(parts[0], parts.length > 1 ? parts[1] : "", true, null));
    } else if (line.startsWith("failed ")) {
      String[] parts = line.substring("failed ".length()).split("\t", 3);
      run.outcomes.add(new Outcome(parts[0], parts.length > 1 ? parts[1] : "", false,
          parts.length > 2 ? parts[2] : ""));
    } else {
      return line.equals("end");
    }
    return false;
  }

  /**
   * The runner in a JVM like this one, on the same class path: the plain class path when the
   * application runs from classes (IDE, Maven, tests), Spring Boot's launcher when it runs from
   * its executable jar (whose libraries are nested in it).
   */
  private static List<String> command(Path folder, String model) throws IOException {
    return command(folder, model, System.getProperty("java.class.path"));
  }

  static List<String> command(Path folder, String model, String ourClassPath) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-Dhomefirst.draft-models=" + folder.toAbsolutePath());
    command.add("-Dlogback.configurationFile=" + folder.resolve("logback.xml").toAbsolutePath());
    // the runner works in its own folder: a path relative to ours (java -jar ui/target/homefirst.jar) would miss
    String classPath = Stream.of(ourClassPath.split(File.pathSeparator)).filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString()).collect(Collectors.joining(File.pathSeparator));
    command.add("-cp");
    command.add(classPath);
    if (executableJar(classPath)) {
      command.add("-Dloader.main=" + RUNNER);
      command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
    } else {
      command.add(RUNNER);
    }
    command.add(model);
    return command;
  }

  private static boolean executableJar(String classPath) throws IOException {
    if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
      return false;
    }
    try (JarFile jar = new JarFile(classPath)) {
      return jar.getEntry("BOOT-INF/lib/") != null || jar.stream().anyMatch(e -> e.getName().startsWith("BOOT-INF/"));
    }
  }

  private static String lastLine(Path folder) {
    try {
      List<String> lines = Files.readAllLines(folder.resolve("tests.log"));
      return lines.isEmpty() ? "" : ": " + lines.getLast();
    } catch (IOException e) {
      return "";
    }
  }

  private static String fileName(String resourceName) {
    return resourceName.substring(resourceName.lastIndexOf('/') + 1);
  }

  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder: the system cleans it up in the end
    }
  }

  @Override
  public void destroy() {
    Process process = running;
    if (process != null) {
      process.destroy();
    }
  }
}
