package org.homefirst.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.homefirst.processes.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A step that cannot be done (here: a hospital request without the referral it is for, which its
 * worker refuses as bad data) becomes an incident; a manager sees it in words and retries it once
 * the cause is fixed, and the journey goes on; anyone else is refused, and audited.
 */
class IncidentsTest extends StackTest {

  private static final String PROCESS = "test-incident-retry";
  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad"));

  @Autowired Incidents incidents;
  @Autowired RuntimeService runtime;

  @BeforeAll
  static void deploy(@Autowired RepositoryService repository) {
    repository.createDeployment().name("incidents-test").addModelInstance(PROCESS + ".bpmn",
        Bpmn.createExecutableProcess(PROCESS).operatonHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_RequestTta").name("Request to-take-away medicines")
            .operatonExternalTask(Topics.PHARMACY_REQUEST_TTA)
            .endEvent()
            .done())
        .deploy();
  }

  @Test
  void aManagerSeesTheStuckStepInWordsAndRetriesItOnceTheCauseIsFixed() {
    ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS, Map.of("ward", "Ward 7"));
    long root = Long.parseLong(instance.getId());
    Incidents.OpenIncident incident = eventually("an incident for the request without a referral",
        () -> incidents.open(MANAGER).stream().filter(i -> i.step().equals("Request to-take-away medicines"))
            .filter(i -> incidentOf(i.key()) == root).findFirst().orElse(null));
    assertThat(incident.cause()).contains("Request to-take-away medicines").contains("referralId")
        .contains("Retry");

    runtime.setVariable(instance.getId(), "referralId", UUID.randomUUID().toString());
    incidents.retry(MANAGER, incident.key());

    eventually("the journey to go on after the retry",
        () -> runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0);
    assertThat(db.sql("select state from incident where incident_key = ?").param(incident.key())
        .query(String.class).single()).isEqualTo("RESOLVED");
    assertThat(incidents.open(MANAGER)).extracting(Incidents.OpenIncident::key).doesNotContain(incident.key());
    assertThat(db.sql("select count(*) from audit_event where actor = 'manager' and action = 'RETRY_INCIDENT'"
        + " and detail = ?").param("incident " + incident.key()).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void onlyOperatorsSeeAndRetryIncidentsAndARefusalIsAudited() {
    assertThatThrownBy(() -> incidents.open(JAD)).isInstanceOf(IncidentRefused.class)
        .hasMessageContaining("managers");
    assertThatThrownBy(() -> incidents.retry(JAD, 1L)).isInstanceOf(IncidentRefused.class);
    assertThat(db.sql("select count(*) from audit_event where actor = ? and action = 'REFUSED'"
        + " and detail like '%incident%'").param(JAD.username()).query(Integer.class).single()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void retryingAnIncidentNoLongerOpenIsRefusedInWords() {
    assertThatThrownBy(() -> incidents.retry(MANAGER, -1L)).isInstanceOf(IncidentRefused.class)
        .hasMessageContaining("no longer open");
  }

  private long incidentOf(long incidentKey) {
    return db.sql("select root_instance_key from incident where incident_key = ?").param(incidentKey)
        .query(Long.class).single();
  }
}
