package org.homefirst.workers.nelft;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Asks NELFT, every {@code homefirst.partners.nelft.poll-interval}, what it decided on the
 * referrals still waiting (rehab beds, Havering reablement), with one FHIR search per 50 of them,
 * and hands each decision to {@link PartnerDecisions}, which records it once and publishes it to
 * the journey waiting for it. NELFT down or slow: every referral keeps waiting and is asked about
 * again next run (nothing is lost, the journeys' SLA timers run meanwhile). An answer we cannot
 * trust: nothing from it is recorded or published; it is logged and marked bad data in
 * {@code partner_exchange}.
 */
public class NelftDecisions implements AutoCloseable {

  /** What one run did. */
  public record Run(int asked, int decided, int redelivered) {}

  private static final Logger log = LoggerFactory.getLogger(NelftDecisions.class);

  private final NelftCommunitySystem nelft;
  private final PartnerReferrals referrals;
  private final PartnerDecisions decisions;
  private final Duration interval;
  private final OncePerCluster cluster;
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("nelft-decisions").daemon().factory());

  public NelftDecisions(NelftCommunitySystem nelft, PartnerReferrals referrals, PartnerDecisions decisions,
      Duration interval, OncePerCluster cluster) {
    this.nelft = nelft;
    this.referrals = referrals;
    this.decisions = decisions;
    this.interval = interval;
    this.cluster = cluster;
  }

  /**
   * Spring's schedule starts a run on this poller's own thread: a run waits on NELFT for up to
   * its attempts x timeout, and the application's one scheduler thread also drives the inbox's
   * live refresh. A run still going when the next is due is left to finish; a run going on
   * another node of the cluster is not repeated here ({@link OncePerCluster}).
   */
  @Scheduled(fixedDelayString = "${homefirst.partners.nelft.poll-interval:PT1M}",
      initialDelayString = "${homefirst.partners.nelft.poll-interval:PT1M}")
  public void trigger() {
    if (running.compareAndSet(false, true)) {
      thread.execute(() -> {
        try {
          // one node of the cluster asks at a time, and not again within half an interval
          cluster.run("nelft-decisions", OncePerCluster.AT_MOST, interval.dividedBy(2), this::poll);
        } catch (RuntimeException e) {
          log.error("Reading NELFT's decisions failed; asking again in {}", interval, e);
        } finally {
          running.set(false);
        }
      });
    }
  }

  /** One run: decisions the engine did not take last time first, then NELFT's news. */
  public Run poll() {
    int redelivered = decisions.deliverPending(NelftCommunitySystem.SYSTEM);
    List<PartnerReferral> open = referrals.undecided(NelftCommunitySystem.SYSTEM);
    if (open.isEmpty()) {
      return new Run(0, 0, redelivered);
    }
    List<NelftCommunitySystem.Progress> found;
    try {
      found = nelft.decisionsOn(open);
    } catch (PartnerUnavailable e) {
      log.warn("NELFT did not answer the search for decisions on {} referrals; asking again in {}: {}", open.size(),
          interval, e.getMessage());
      return new Run(open.size(), 0, redelivered);
    } catch (PartnerDataRejected e) {
      log.error("Refused NELFT's answer about {} referrals; nothing recorded, asking again in {}: {}", open.size(),
          interval, e.getMessage());
      return new Run(open.size(), 0, redelivered);
    }
    Map<String, PartnerReferral> byId = open.stream()
        .collect(Collectors.toMap(PartnerReferral::downstreamId, Function.identity()));
    int decided = 0;
    for (NelftCommunitySystem.Progress progress : found) {
      if (progress.status() != NelftCommunitySystem.Status.REQUESTED
          && decisions.decided(byId.get(progress.downstreamId()), progress.status().code(), progress.reason(),
              progress.correlationId(), "Task status=" + progress.status().code() + " (GET Task search)")) {
        decided++;
      }
    }
    return new Run(open.size(), decided, redelivered);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
