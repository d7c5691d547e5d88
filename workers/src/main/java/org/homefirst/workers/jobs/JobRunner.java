package org.homefirst.workers.jobs;

/** The runner serving the job workers on this node: started once the application is ready. */
public interface JobRunner extends AutoCloseable {

  void start();

  @Override
  void close();
}
