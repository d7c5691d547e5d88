package org.homefirst.workers;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;

/**
 * A job as a runner hands it to a handler, with the variables given and a fresh numeric id (the
 * engine's ids are numbers); the same {@link Job} handed twice is the same job retried.
 */
public final class TestJob {

  private TestJob() {}

  public static Job of(String topic, Map<String, Object> variables) {
    String id = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    return new Job(id, topic, "1", null, "Task", null, variables);
  }

  /** Runs the job on the handler the family registered for its topic, as a runner would. */
  public static Map<String, Object> run(JobTopics family, Job job) {
    JobWorker worker = family.jobWorkers().stream().filter(w -> w.topic().equals(job.topic())).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no worker for " + job.topic()));
    return worker.handler().handle(job);
  }
}
