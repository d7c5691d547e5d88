package org.homefirst.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.homefirst.StackTest;
import org.homefirst.processes.Topics;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The process contract holds in the running application: every external-task topic of the models
 * has exactly one worker, and no worker waits on a topic no model uses.
 */
class EveryTopicHasAWorkerTest extends StackTest {

  @Autowired List<JobTopics> families;

  @Test
  void everyTopicOfTheModelsHasExactlyOneWorkerAndEveryWorkerATopic() {
    List<String> served = families.stream().flatMap(f -> f.jobWorkers().stream()).map(JobWorker::topic).toList();
    Set<String> distinct = Set.copyOf(served);

    assertThat(served).as("one worker per topic").hasSameSizeAs(distinct);
    assertThat(distinct).as("topics with a worker").containsExactlyInAnyOrderElementsOf(Topics.ALL);
  }

  @Test
  void onlyTheTopicsThatTalkToTheEngineAreKeptFromTheWorkerProcess() {
    Set<String> needEngine = families.stream().flatMap(f -> f.jobWorkers().stream())
        .filter(JobWorker::needsEngine).map(JobWorker::topic).collect(Collectors.toSet());

    assertThat(needEngine).containsExactly(Topics.JOURNEY_PUBLISH_PATIENT_DISCHARGED);
  }
}
