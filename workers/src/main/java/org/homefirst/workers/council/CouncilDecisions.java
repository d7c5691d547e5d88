package org.homefirst.workers.council;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The safety net under the councils' callbacks: every {@code homefirst.partners.council.poll-interval}
 * it asks each council ({@code GET /referrals/{id}}; the councils' API has no search) about the
 * referrals still waiting for a decision, which a callback lost or never sent leaves waiting, and
 * hands each decision to {@link PartnerDecisions}. A council down or slow: its referrals keep
 * waiting for the next run, the other councils are still asked. An answer we cannot trust:
 * nothing from it is recorded or published; it is logged and marked bad data in
 * {@code partner_exchange}.
 */
public class CouncilDecisions implements AutoCloseable {

  /** What one run did. */
  public record Run(int asked, int decided, int redelivered) {}

  private static final Logger log = LoggerFactory.getLogger(CouncilDecisions.class);
  private static final String SYSTEMS = CouncilAdultSocialCare.system("%");

  private final Councils councils;
  private final PartnerReferrals referrals;
  private final PartnerDecisions decisions;
  private final Duration interval;
  private final OncePerCluster cluster;
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("council-decisions").daemon().factory());

  public CouncilDecisions(Councils councils, PartnerReferrals referrals, PartnerDecisions decisions,
      Duration interval, OncePerCluster cluster) {
    this.councils = councils;
    this.referrals = referrals;
    this.decisions = decisions;
    this.interval = interval;
    this.cluster = cluster;
  }

  /** Starts a run on the poller's own thread, as {@code NelftDecisions} does (a council can be slow). */
  @Scheduled(fixedDelayString = "${homefirst.partners.council.poll-interval:PT1M}",
      initialDelayString = "${homefirst.partners.council.poll-interval:PT1M}")
  public void trigger() {
    if (running.compareAndSet(false, true)) {
      thread.execute(() -> {
        try {
          // one node of the cluster asks at a time, and not again within half an interval
          cluster.run("council-decisions", OncePerCluster.AT_MOST, interval.dividedBy(2), this::poll);
        } catch (RuntimeException e) {
          log.error("Reading the councils' decisions failed; asking again in {}", interval, e);
        } finally {
          running.set(false);
        }
      });
    }
  }

  /** One run: decisions the engine did not take last time first, then each council's news. */
  public Run poll() {
    int redelivered = decisions.deliverPending(SYSTEMS);
    List<PartnerReferral> open = referrals.undecided(SYSTEMS);
    Set<String> unavailable = new HashSet<>();
    int asked = 0;
    int decided = 0;
    for (PartnerReferral referral : open) {
      String borough = referral.system().substring(SYSTEMS.length() - 1);
      if (unavailable.contains(borough)) {
        continue;
      }
      try {
        CouncilAdultSocialCare.Progress progress = councils.of(borough).progress(referral);
        asked++;
        if (progress.status() != CouncilAdultSocialCare.Status.RECEIVED
            && decisions.decided(referral, CouncilAdultSocialCare.stored(progress.status()), progress.reason(),
                progress.correlationId(), "referral status=" + CouncilAdultSocialCare.stored(progress.status())
                    + " (GET referrals/" + referral.downstreamId() + ")")) {
          decided++;
        }
      } catch (PartnerUnavailable e) {
        unavailable.add(borough);
        log.warn("council-{} did not answer about its referrals; asking again in {}: {}", borough, interval,
            e.getMessage());
      } catch (PartnerDataRejected e) {
        log.error("Refused council-{}'s answer about referral {}; nothing recorded, asking again in {}: {}", borough,
            referral.downstreamId(), interval, e.getMessage());
      } catch (IllegalArgumentException e) {
        // no council configured for the borough any more: nobody can be asked
        unavailable.add(borough);
        log.error("Referrals to council-{} wait for a decision but {}", borough, e.getMessage());
      }
    }
    return new Run(asked, decided, redelivered);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
