package org.homefirst.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queues stay fast with 50,000 open tasks: counts and pages of filtered, searched queues on
 * real PostgreSQL. The rows are made inside a transaction that is rolled back, so other tests see
 * nothing of them.
 */
class QueuePerformanceTest extends StackTest {

  @Autowired TaskInbox inbox;
  @Autowired TransactionTemplate transactions;

  @Test
  void queuesOfFiftyThousandOpenTasksAnswerWithinAFewHundredMilliseconds() {
    // One snapshot for the whole test: journeys of other tests going on meanwhile cannot shift the
    // pages compared below.
    TransactionTemplate snapshot = new TransactionTemplate(transactions.getTransactionManager());
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.executeWithoutResult(tx -> {
      db.sql(
              """
              insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
                admitted_at, status, process_instance_key, created_at, created_by)
              select gen_random_uuid(), lpad((8000000000 + g)::text, 10, '0'), 'Given' || g, 'Family' || g, date '1940-01-01',
                (array['lbbd','lbh','lbr'])[1 + g % 3], (array['bhrut-kgh','bhrut-queens','barts-whipps'])[1 + g % 3],
                'Ward ' || (g % 40), now() - interval '3 days', 'COMPLETED', 9000000000000 + g, now(), 'load-test'
              from generate_series(1, 50000) g""")
          .update();
      db.sql(
              """
              insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
                bpmn_process_id, definition_key, candidate_groups, form_key, due_at, state, created_at)
              select 9100000000000 + g, 9000000000000 + g, 9000000000000 + g, 9200000000000 + g,
                (array['Task_Triage','Task_PlanDischarge','Task_RecordDelay'])[1 + g % 3], 'load-test', 0,
                array[(array['jad','lbr-hospital-sw','chc'])[1 + g % 3]], 'homefirst:triage',
                now() + (g % 200 - 50) * interval '1 hour', 'CREATED', now()
              from generate_series(1, 50000) g""")
          .update();
      db.sql(
              """
              insert into process_variable (scope_key, name, instance_key, root_instance_key, value, updated_at)
              select 9000000000000 + g, 'pathway', 9000000000000 + g, 9000000000000 + g, (g % 4)::text, now()
              from generate_series(1, 50000) g""")
          .update();
      // Every task's journey has its running clock (due when the task is, as the models set it; one
      // in seven tasks has none) and one that ended earlier: the inbox looks up the running clock
      // of each task it shows.
      db.sql(
              """
              insert into sla_clock (timer_key, root_instance_key, instance_key, rule, timer_element_id,
                attached_element_id, started_at, due_at, ended_at)
              select 9300000000000 + g * 2 + k, 9000000000000 + g, 9000000000000 + g, 'triage', 'Timer_TriageSla',
                'Task_Triage', now() - interval '3 days',
                case when k = 0 then now() + (g % 200 - 50) * interval '1 hour'
                     else now() - k * interval '1 day' end,
                case when k = 0 then null else now() - k * interval '1 day' end
              from generate_series(1, 50000) g, generate_series(0, 1) k
              where k > 0 or g % 7 <> 0""")
          .update();
      db.sql("analyze sla_clock").update();
      db.sql("analyze process_variable").update();
      db.sql("analyze referral").update();
      db.sql("analyze user_task").update();

      TeamMember manager = new TeamMember("manager", java.util.Set.of("managers", "jad", "lbr-hospital-sw", "chc"));
      List<TaskFilter> filters = List.of(
          TaskFilter.NONE,
          new TaskFilter("lbh", null, null, null, false, null),
          new TaskFilter(null, "bhrut-kgh", "Ward 7", "Task_Triage", true, null),
          new TaskFilter(null, null, null, null, false, "800001"),
          new TaskFilter(null, null, null, null, false, "family123"),
          new TaskFilter("lbr", null, null, null, false, null, 2));
      inbox.count(manager, new TaskInbox.Queue.AllVisible(), TaskFilter.NONE); // warm up
      List<InboxTask> firstPage = inbox.tasks(manager, new TaskInbox.Queue.Team("jad"), TaskFilter.NONE, 0, 50);
      assertThat(firstPage).as("the running clock is found for the tasks that have one")
          .anyMatch(t -> t.clock() != null).anyMatch(t -> t.clock() == null);
      timeQueues(manager, filters);
      // What the running clock's lookup costs on its own, whatever the load on the machine: the
      // first page of the whole queue with and without it, as PostgreSQL measures them.
      String page = " from user_task t where t.state = 'CREATED' order by t.due_at nulls last, t.task_key limit 50";
      String lookup = """
           left join lateral (select c.rule from sla_clock c where c.root_instance_key = t.root_instance_key
                              and c.ended_at is null and c.due_at = t.due_at
                              order by c.started_at desc limit 1) clk on t.due_at is not null""";
      List<String> withLookup = db.sql("explain (analyze, costs off) select t.task_key, clk.rule from (select t.*"
          + page + ") t " + lookup + " order by t.due_at nulls last, t.task_key").query(String.class).list();
      List<String> without = db.sql("explain (analyze, costs off) select t.task_key" + page).query(String.class).list();
      System.out.println("first page with the running clock's lookup:\n  " + String.join("\n  ", withLookup));
      System.out.println("first page without it:\n  " + String.join("\n  ", without));
      assertThat(withLookup).as("the lookup reads a journey's clocks by its root, not the whole table")
          .anyMatch(line -> line.contains("Index") && line.contains("sla_clock"));
      assertThat(inbox.count(manager, new TaskInbox.Queue.AllVisible(), TaskFilter.NONE)).isGreaterThanOrEqualTo(50000);
      // Pages read from the queue's end hold exactly what reading from its start would: the last
      // (short) page, a page across the middle, and a full page near the end.
      TaskInbox.Queue jad = new TaskInbox.Queue.Team("jad");
      List<Long> all = inbox.tasks(manager, jad, TaskFilter.NONE, 0, 100_000).stream().map(InboxTask::key).toList();
      for (int offset : List.of(all.size() - 17, all.size() / 2 - 25, all.size() - 120)) {
        assertThat(inbox.tasks(manager, jad, TaskFilter.NONE, offset, 50)).extracting(InboxTask::key)
            .as("page at %d of %d", offset, all.size())
            .containsExactlyElementsOf(all.subList(offset, Math.min(all.size(), offset + 50)));
      }
      // g % 3 == 2 (lbr) and g % 4 == 2: one in twelve
      assertThat(inbox.count(manager, new TaskInbox.Queue.AllVisible(), new TaskFilter("lbr", null, null, null, false, null, 2)))
          .isEqualTo(4167);
      tx.setRollbackOnly();
    });
  }

  /** Counts and reads the first and last page of every queue and filter, and prints the time. */
  private void timeQueues(TeamMember manager, List<TaskFilter> filters) {
    for (TaskFilter f : filters) {
      for (TaskInbox.Queue q : List.of(new TaskInbox.Queue.AllVisible(), new TaskInbox.Queue.Team("jad"))) {
        long start = System.nanoTime();
        int count = inbox.count(manager, q, f);
        List<InboxTask> page = inbox.tasks(manager, q, f, 0, 50);
        inbox.tasks(manager, q, f, Math.max(0, count - 50), 50);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("queue %s filter %s: %d tasks, count + first and last page in %d ms%n", q, f, count, millis);
        // Speed is reported, never asserted: timings on a shared 2-core machine are not a verdict.
        assertThat(page).hasSizeLessThanOrEqualTo(50);
      }
    }
  }
}
