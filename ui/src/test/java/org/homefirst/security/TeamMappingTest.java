package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Set;
import org.homefirst.security.IdentitySettings.GroupTeam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Teams from an identity provider: only allow-listed groups count, only towards known teams; an
 * unknown group gives nothing and is logged once, by name only; oversight never from a raw claim
 * nor from an ordinary entry.
 */
class TeamMappingTest {

  private static final Set<String> OVERSIGHT = TeamMapping.oversightTeams(List.of("managers"),
      List.of("managers", "admins"), List.of("managers"));

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(TeamMapping.class);

  private final TeamMapping mapping = new TeamMapping(
      List.of(new GroupTeam("HF-JAD", "jad"), new GroupTeam("HF-Redbridge", "lbr-hospital-sw"),
          new GroupTeam("HF-Redbridge", "council-lbr")),
      List.of(new GroupTeam("HF-System-Leads", "managers")),
      OVERSIGHT);

  @BeforeEach
  void listen() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(log);
  }

  @Test
  void allowListedGroupsBecomeTheirTeams() {
    assertThat(mapping.teamsOf(List.of("HF-JAD"))).containsExactly("jad");
    assertThat(mapping.teamsOf(List.of("HF-Redbridge"))).containsExactlyInAnyOrder("lbr-hospital-sw", "council-lbr");
    assertThat(mapping.teamsOf("HF-JAD")).as("a claim with one group as a string").containsExactly("jad");
    assertThat(mapping.teamsOf(List.of("HF-System-Leads"))).containsExactly("managers");
  }

  @Test
  void anUnknownGroupGivesNoRights() {
    assertThat(mapping.teamsOf(List.of("HF-Unknown"))).isEmpty();
    assertThat(mapping.teamsOf(null)).isEmpty();
    assertThat(mapping.teamsOf(List.of(42, List.of("HF-JAD")))).as("not group names").isEmpty();
  }

  @Test
  void aRawClaimNamingOurTeamsGivesNothing() {
    assertThat(mapping.teamsOf(List.of("managers", "admins", "jad", "GROUP_managers"))).isEmpty();
  }

  @Test
  void anUnknownGroupIsLoggedOnceByItsNameOnly() {
    mapping.teamsOf(List.of("HF-Unknown", "HF-JAD"));
    mapping.teamsOf(List.of("HF-Unknown"));
    mapping.teamsOf(List.of("HF-Other\u202e\n"));

    List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("'HF-Unknown'").contains("homefirst.security.team-mapping");
    assertThat(lines.get(1)).as("no control or bidi characters reach the log").contains("'HF-Other??'");
  }

  @Test
  void anOrdinaryEntryCannotGrantOversight() {
    for (String team : List.of("managers", "admins")) {
      assertThatThrownBy(() -> new TeamMapping(List.of(new GroupTeam("HF-JAD", "jad"), new GroupTeam("Everyone", team)),
          List.of(), OVERSIGHT))
          .hasMessageContaining("homefirst.security.team-mapping[1]")
          .hasMessageContaining("only homefirst.security.oversight-team-mapping may grant it");
    }
  }

  @Test
  void aTeamThatReadsTheAuditLogIsOversightToo() {
    Set<String> oversight = TeamMapping.oversightTeams(List.of("managers"), List.of("managers", "designers"),
        List.of("managers"));

    assertThatThrownBy(() -> new TeamMapping(List.of(new GroupTeam("HF-Design", "designers")), List.of(), oversight))
        .hasMessageContaining("homefirst.security.team-mapping[0]").hasMessageContaining("'designers'");
  }

  @Test
  void theOversightListGrantsOversightOnly() {
    assertThatThrownBy(() -> new TeamMapping(List.of(), List.of(new GroupTeam("HF-JAD", "jad")), OVERSIGHT))
        .hasMessageContaining("homefirst.security.oversight-team-mapping[0]")
        .hasMessageContaining("put it in homefirst.security.team-mapping");
  }

  @Test
  void anEntryForATeamWeDoNotKnowIsRefused() {
    assertThatThrownBy(() -> new TeamMapping(List.of(new GroupTeam("HF-X", "no-such-team")), List.of(), OVERSIGHT))
        .hasMessageContaining("homefirst.security.team-mapping[0]").hasMessageContaining("not a Home First team");
    assertThatThrownBy(() -> new TeamMapping(List.of(new GroupTeam(" ", "jad")), List.of(), OVERSIGHT))
        .hasMessageContaining("needs both a group and a team");
  }
}
