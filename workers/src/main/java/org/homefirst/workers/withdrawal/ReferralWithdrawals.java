package org.homefirst.workers.withdrawal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homefirst.workers.council.Councils;
import org.homefirst.workers.nelft.NelftCommunitySystem;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.homefirst.workers.voluntary.VoluntaryServices;
import org.springframework.stereotype.Component;

/**
 * Withdraws every referral partners still hold open for a patient's journey (the patient declined
 * support, died, or the pathway changed), each through its own adapter: NELFT's ServiceRequest is
 * revoked, council and voluntary referrals are cancelled. Safe to repeat: referrals already
 * withdrawn, rejected or completed are left alone, so a retried job only finishes what a fault
 * interrupted. Called by the worker of {@code homefirst.journey.cancel-service-requests}.
 */
@Component
public class ReferralWithdrawals {

  private static final Set<String> OPEN = Set.of("requested", "accepted", "in-progress");

  private final PartnerReferrals referrals;
  private final NelftCommunitySystem nelft;
  private final Councils councils;
  private final VoluntaryServices voluntary;

  public ReferralWithdrawals(PartnerReferrals referrals, NelftCommunitySystem nelft, Councils councils,
      VoluntaryServices voluntary) {
    this.referrals = referrals;
    this.nelft = nelft;
    this.councils = councils;
    this.voluntary = voluntary;
  }

  /**
   * Withdraws the open ones on behalf of a job and returns how many of the journey's referrals
   * that job has withdrawn, over all its attempts: a retried job withdraws only what a fault left
   * open and reports the same number as a run that went through at once.
   *
   * @throws org.homefirst.workers.partners.PartnerUnavailable a partner could not be reached (the rest wait for the retry)
   */
  public int withdrawAll(UUID referralId, String reason, long jobKey) {
    List<PartnerReferral> open = referrals.forReferral(referralId).stream().filter(r -> OPEN.contains(r.status())).toList();
    for (PartnerReferral referral : open) {
      if (referral.system().equals(NelftCommunitySystem.SYSTEM)) {
        nelft.withdraw(referral, reason, jobKey);
      } else if (referral.system().startsWith("council-")) {
        councils.of(referral.system().substring("council-".length())).withdraw(referral, reason, jobKey);
      } else if (referral.system().startsWith(VoluntaryServices.SYSTEM + "-")) {
        voluntary.withdraw(referral, reason, jobKey);
      } else {
        throw new IllegalStateException("No adapter withdraws referrals of " + referral.system());
      }
    }
    return referrals.withdrawnBy(referralId, jobKey);
  }
}
