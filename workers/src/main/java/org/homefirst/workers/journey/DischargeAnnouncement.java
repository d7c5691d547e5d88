package org.homefirst.workers.journey;

import java.util.List;
import java.util.Map;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.homefirst.workers.jobs.JourneyMessages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code homefirst.journey.publish-patient-discharged}: when the discharge sub-process confirms the
 * patient has left, the main journey hears it as the message {@code homefirst.patient-discharged}
 * (the same message an ADT A03 feed sends), which stops its delay prompts. It is correlated by
 * business key (the referral id) to every instance waiting for it; none waiting means nothing
 * happens. Delivering it again after a retry is harmless: the journey only records the discharge
 * time again. It talks to the engine itself, so only the application serves it, never the worker
 * process.
 */
@Component
public class DischargeAnnouncement implements JobTopics {

  public static final String TOPIC = "homefirst.journey.publish-patient-discharged";
  public static final String MESSAGE = "homefirst.patient-discharged";

  private final ObjectProvider<JourneyMessages> messages;

  DischargeAnnouncement(ObjectProvider<JourneyMessages> messages) {
    this.messages = messages;
  }

  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(JobWorker.of(TOPIC, List.of("referralId", "dischargedAt"), JobWorker.BACKOFF, this::announce)
        .needingEngine());
  }

  /** Returns no variables: the message carries {@code dischargedAt} to the main journey. */
  public Map<String, Object> announce(Job job) {
    Object referralId = job.variable("referralId");
    Object dischargedAt = job.variable("dischargedAt");
    if (referralId == null || dischargedAt == null) {
      throw new IllegalArgumentException(TOPIC + " needs referralId and dischargedAt");
    }
    JourneyMessages engine = messages.getIfAvailable();
    if (engine == null) {
      throw new IllegalStateException(TOPIC + " needs the engine: it runs in the application, not the worker process");
    }
    engine.toJourney(MESSAGE, referralId.toString(), Map.of("dischargedAt", dischargedAt));
    return Map.of();
  }
}
