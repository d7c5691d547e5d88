package org.homefirst.designer;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.homefirst.base.Formats;
import org.homefirst.console.SlaPerformance;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.BpmnViewer;
import org.springframework.stereotype.Service;

/**
 * The deployed diagram "live": per step, the journeys waiting there now and the average time spent
 * there. The manager console's step heat ({@link SlaPerformance#stepHeat}) over the same period as
 * its diagram page, so the two never disagree; who may read it is decided where the console's
 * figures are guarded (designers and managers are {@code StepFigureReaders}).
 */
@Service
class LiveCounts {

  /** The console diagram's period for the average time spent. */
  static final int DAYS = 90;

  /** One step with figures. */
  record Step(String elementId, String name, int waitingNow, int ended, Duration averageTime) {}

  /** The steps with anything to show, and the period of the averages. */
  record Counts(LocalDate from, LocalDate to, List<Step> steps) {

    int waiting() {
      return steps.stream().mapToInt(Step::waitingNow).sum();
    }
  }

  private final SlaPerformance slas;
  private final DesignerAccess access;
  private final Clock clock;

  LiveCounts(SlaPerformance slas, DesignerAccess access, Clock clock) {
    this.slas = slas;
    this.access = access;
    this.clock = clock;
  }

  Counts of(TeamMember member, String bpmnProcessId) {
    access.checkMayOpen(member, "live counts of " + bpmnProcessId);
    SlaPerformance.Filter period = SlaPerformance.Filter.lastDays(clock, DAYS);
    List<Step> steps = slas.stepHeat(member, bpmnProcessId, period).values().stream()
        .filter(h -> h.waitingNow() > 0 || h.ended() > 0)
        .map(h -> new Step(h.elementId(), h.name(), h.waitingNow(), h.ended(),
            h.meanHours() == null ? null : Duration.ofSeconds(Math.round(h.meanHours() * 3600))))
        .toList();
    return new Counts(period.from(), period.to(), steps);
  }

  /** A label per step in words; the shade (1-4, by the busiest step's waiting count) only repeats it. */
  static List<BpmnViewer.Overlay> overlays(Counts counts) {
    int most = counts.steps().stream().mapToInt(Step::waitingNow).max().orElse(0);
    return counts.steps().stream().map(s -> new BpmnViewer.Overlay(s.elementId(),
        s.waitingNow() + " waiting · avg " + (s.averageTime() == null ? "–" : Formats.span(s.averageTime())),
        s.waitingNow() == 0 || most == 0 ? 0 : (int) Math.ceil(4.0 * s.waitingNow() / most))).toList();
  }
}
