package org.homefirst.workers.withdrawal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code homefirst.partners.withdrawal.*}: how the job withdrawing a journey's partner referrals
 * backs off when a partner is down. Where the withdrawals go is configured on each partner's adapter.
 *
 * @param jobBackoff first engine backoff when the job fails on a fault (doubled per retry used)
 */
@ConfigurationProperties("homefirst.partners.withdrawal")
public record WithdrawalProperties(@DefaultValue("PT30S") Duration jobBackoff) {}
