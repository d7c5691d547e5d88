package org.homefirst.workers.jobs;

import java.util.List;

/**
 * A family of topics served by one small class (the council requests, the CHC commissioning...):
 * each such Spring bean lists its registrations, and the runner in use serves them all.
 */
public interface JobTopics {

  List<JobWorker> jobWorkers();
}
