package org.homefirst.workers.jobs;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.homefirst.workers.jobs.JobRunnerProperties.Mode;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Chooses the runner by {@code homefirst.workers.mode}: {@code embedded} (default) runs every
 * {@link JobTopics} bean's workers in the application over the engine's Java API; {@code remote}
 * over its REST API (the worker process); {@code off} none. Outside the worker process, the
 * engine's {@link JourneyMessages} are provided too. The runner starts on
 * {@link ApplicationReadyEvent}, as the engine's job executor does, and stops with the context.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobRunnerProperties.class)
public class JobRunnerConfiguration {

  @Bean(destroyMethod = "close")
  @Conditional(Embedded.class)
  JobRunner embeddedJobRunner(ExternalTaskService tasks, List<JobTopics> topics, JobRunnerProperties properties) {
    return new EmbeddedJobRunner(tasks, workers(topics), properties.workerId(), properties.threads(),
        properties.idlePollInterval());
  }

  @Bean(destroyMethod = "close")
  @Conditional(Remote.class)
  JobRunner remoteJobRunner(List<JobTopics> topics, JobRunnerProperties properties) {
    return new RemoteJobRunner(properties.engineRest(), workers(topics), properties.workerId(), properties.threads());
  }

  @Bean
  @Conditional(WithEngine.class)
  JourneyMessages engineJourneyMessages(RuntimeService runtime) {
    return new EngineJourneyMessages(runtime);
  }

  @EventListener(ApplicationReadyEvent.class)
  void startRunner(ApplicationReadyEvent ready) {
    ObjectProvider<JobRunner> runner = ready.getApplicationContext().getBeanProvider(JobRunner.class);
    runner.ifAvailable(JobRunner::start);
  }

  /** Every registration of every topic family; a topic served twice is a wiring mistake. */
  static List<JobWorker> workers(List<JobTopics> topics) {
    List<JobWorker> all = topics.stream().flatMap(t -> t.jobWorkers().stream()).toList();
    Set<String> seen = new HashSet<>();
    for (JobWorker worker : all) {
      if (!seen.add(worker.topic())) {
        throw new IllegalStateException("Topic " + worker.topic() + " has two job workers");
      }
    }
    return all;
  }

  static Mode mode(ConditionContext context) {
    return Binder.get(context.getEnvironment()).bind("homefirst.workers.mode", Mode.class).orElse(Mode.EMBEDDED);
  }

  static class Embedded implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return mode(context) == Mode.EMBEDDED;
    }
  }

  static class Remote implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return mode(context) == Mode.REMOTE;
    }
  }

  /** Not the worker process: the engine is in this application. */
  static class WithEngine implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return mode(context) != Mode.REMOTE;
    }
  }
}
