package org.homefirst.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.homefirst.inbox.TaskFilter;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TeamMember;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox query with 50,000 more open tasks (as the application's QueuePerformanceTest makes them,
 * inside a transaction rolled back afterwards): the count, the first and the last page of 50.
 */
final class QueueAtScale {

  /** Milliseconds (median of {@value #ROUNDS}) per queue and query. */
  record Timing(String queue, int tasks, double countMillis, double firstPageMillis, double lastPageMillis) {}

  private static final int ROUNDS = 5;

  private QueueAtScale() {}

  static List<Timing> measure(ConfigurableApplicationContext app) {
    JdbcClient db = app.getBean(JdbcClient.class);
    TaskInbox inbox = app.getBean(TaskInbox.class);
    List<Timing> timings = new ArrayList<>();
    app.getBean(TransactionTemplate.class).executeWithoutResult(tx -> {
      db.sql("""
          insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
            admitted_at, status, process_instance_key, created_at, created_by)
          select gen_random_uuid(), lpad((8000000000 + g)::text, 10, '0'), 'Given' || g, 'Family' || g, date '1940-01-01',
            (array['lbbd','lbh','lbr'])[1 + g % 3], (array['bhrut-kgh','bhrut-queens','barts-whipps'])[1 + g % 3],
            'Ward ' || (g % 40), now() - interval '3 days', 'COMPLETED', 9000000000000 + g, now(), 'load-test'
          from generate_series(1, 50000) g""").update();
      db.sql("""
          insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
            bpmn_process_id, definition_key, candidate_groups, form_key, due_at, state, created_at)
          select 9100000000000 + g, 9000000000000 + g, 9000000000000 + g, 9200000000000 + g,
            (array['Task_Triage','Task_PlanDischarge','Task_RecordDelay'])[1 + g % 3], 'load-test', 0,
            array[(array['jad','lbr-hospital-sw','chc'])[1 + g % 3]], 'homefirst:triage',
            now() + (g % 200 - 50) * interval '1 hour', 'CREATED', now()
          from generate_series(1, 50000) g""").update();
      db.sql("analyze referral").update();
      db.sql("analyze user_task").update();
      TeamMember manager = new TeamMember("manager", Set.of("managers", "jad", "lbr-hospital-sw", "chc"));
      Map<String, TaskInbox.Queue> queues = new LinkedHashMap<>();
      queues.put("all visible (3 teams)", new TaskInbox.Queue.AllVisible());
      queues.put("team jad", new TaskInbox.Queue.Team("jad"));
      queues.forEach((name, queue) -> {
        int count = inbox.count(manager, queue, TaskFilter.NONE);
        double countMillis = median(() -> inbox.count(manager, queue, TaskFilter.NONE));
        double first = median(() -> inbox.tasks(manager, queue, 0, 50).size());
        double last = median(() -> inbox.tasks(manager, queue, Math.max(0, count - 50), 50).size());
        timings.add(new Timing(name, count, countMillis, first, last));
      });
      tx.setRollbackOnly();
    });
    return timings;
  }

  private static double median(IntSupplier query) {
    query.getAsInt(); // warm up
    double[] millis = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      query.getAsInt();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(millis);
    return millis[ROUNDS / 2];
  }
}
