package org.homefirst.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The audit page names actions in words; the stored codes stay as they are. */
class AuditActionsTest {

  @Test
  void everyActionHasItsOwnWordsAndUnknownCodesShowAsStored() {
    assertThat(Arrays.stream(AuditLog.Action.values()).map(AuditLog.Action::label)).doesNotHaveDuplicates()
        .noneMatch(l -> l.equals(l.toUpperCase()));
    assertThat(AuditLog.Action.labelOf("VIEW_PATIENT")).isEqualTo("Viewed patient");
    assertThat(AuditLog.Action.labelOf("REFUSED")).isEqualTo("Refused access");
    assertThat(AuditLog.Action.labelOf("EXPORT_DATA")).as("a code from a later version").isEqualTo("EXPORT_DATA");
  }
}
