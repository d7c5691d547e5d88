package org.homefirst.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the task panel shows for the journey values beside a form (who rejected, assessed by, ...). */
class TaskPanelWordsTest {

  @Test
  void journeyValuesReadAsPeopleSayThem() {
    assertThat(TaskPanel.words(true)).isEqualTo("Yes");
    assertThat(TaskPanel.words("pathway-2")).isEqualTo("Pathway 2");
    assertThat(TaskPanel.words("council-lbbd")).isEqualTo("Barking & Dagenham adult social care");
    assertThat(TaskPanel.words("lbr-hospital-sw")).isEqualTo("Redbridge Hospital Social Work");
    assertThat(TaskPanel.words("NELFT")).as("a partner we have no team for").isEqualTo("NELFT");
    assertThat(TaskPanel.words("Mobile with a frame; pathway-2 later")).isEqualTo("Mobile with a frame; pathway-2 later");
    assertThat(TaskPanel.words(2)).isEqualTo("2");
  }
}
