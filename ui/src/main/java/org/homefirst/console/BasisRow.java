package org.homefirst.console;

import java.util.Map;
import java.util.UUID;

/**
 * One patient-level row behind a return: a stable key (the discharge or CHC case), the patient's
 * referral and the values used, by column name.
 */
record BasisRow(String key, UUID referralId, Map<String, String> values) {}
