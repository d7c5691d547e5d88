package org.homefirst.processes;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Records which flow nodes and sequence flows of the Home First models the process tests ran,
 * and prints per-model coverage when the test run ends (also written to
 * target/process-coverage.txt). Flow nodes come from the engine's history (activity instances);
 * sequence flows, which history does not record, from {@link TestEngine}'s take listener.
 */
final class ElementCoverage implements AfterEachCallback {

  private static final Map<String, Set<String>> SEEN = new ConcurrentHashMap<>();
  private static final Set<String> FLOW_NODES =
      Set.of(
          "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
          "boundaryEvent", "userTask", "serviceTask", "scriptTask", "businessRuleTask",
          "callActivity", "subProcess", "exclusiveGateway", "parallelGateway",
          "inclusiveGateway", "eventBasedGateway", "sendTask", "receiveTask", "manualTask", "task");

  @Override
  public void afterEach(ExtensionContext context) {
    for (var a : TestEngine.engine().getHistoryService().createHistoricActivityInstanceQuery().list()) {
      SEEN.computeIfAbsent(a.getProcessDefinitionKey(), k -> ConcurrentHashMap.newKeySet()).add(a.getActivityId());
    }
    TestEngine.TAKEN_FLOWS.forEach((process, flows) ->
        SEEN.computeIfAbsent(process, k -> ConcurrentHashMap.newKeySet()).addAll(flows));
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Report.class, k -> new Report(), Report.class);
  }

  /** Closed by JUnit at the end of the whole run. */
  static final class Report implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws Exception {
      if (ModelSource.drafts() != null) {
        // a run against a draft: the file's elements are not the ones run, and the JVM is not Maven's
        return;
      }
      StringBuilder out = new StringBuilder("\nHome First process model coverage (flow nodes / sequence flows)\n");
      int nodesAll = 0, nodesSeen = 0, flowsAll = 0, flowsSeen = 0;
      var models = new ArrayList<>(Journey.MODELS);
      for (String model : models) {
        if (!model.endsWith(".bpmn")) continue;
        for (var entry : elements(model).entrySet()) {
          Set<String> seen = SEEN.getOrDefault(entry.getKey(), Set.of());
          Set<String> nodes = entry.getValue()[0], flows = entry.getValue()[1];
          var missing = new TreeSet<String>();
          int n = 0, f = 0;
          for (String id : nodes) if (seen.contains(id)) n++; else missing.add(id);
          for (String id : flows) if (seen.contains(id)) f++; else missing.add(id);
          nodesAll += nodes.size(); nodesSeen += n; flowsAll += flows.size(); flowsSeen += f;
          out.append(String.format("  %-36s nodes %3d/%-3d %5.1f%%   flows %3d/%-3d %5.1f%%%s%n",
              entry.getKey(), n, nodes.size(), 100.0 * n / nodes.size(), f, flows.size(),
              100.0 * f / flows.size(), missing.isEmpty() ? "" : "   missing " + missing.stream().limit(15).toList()));
        }
      }
      out.append(String.format("  %-36s nodes %3d/%-3d %5.1f%%   flows %3d/%-3d %5.1f%%%n", "ALL",
          nodesSeen, nodesAll, 100.0 * nodesSeen / nodesAll, flowsSeen, flowsAll, 100.0 * flowsSeen / flowsAll));
      System.out.println(out);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "process-coverage.txt"), out.toString());
    }

    /** process id -> [flow node ids, sequence flow ids] */
    private static Map<String, Set<String>[]> elements(String model) throws Exception {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Map<String, Set<String>[]> result = new TreeMap<>();
      try (InputStream in = ElementCoverage.class.getResourceAsStream("/homefirst/" + model)) {
        var doc = factory.newDocumentBuilder().parse(in);
        NodeList processes = doc.getElementsByTagNameNS("*", "process");
        for (int i = 0; i < processes.getLength(); i++) {
          Element process = (Element) processes.item(i);
          @SuppressWarnings("unchecked")
          Set<String>[] sets = new Set[] {new TreeSet<String>(), new TreeSet<String>()};
          NodeList all = process.getElementsByTagNameNS("*", "*");
          for (int j = 0; j < all.getLength(); j++) {
            Element e = (Element) all.item(j);
            if (FLOW_NODES.contains(e.getLocalName())) sets[0].add(e.getAttribute("id"));
            if (e.getLocalName().equals("sequenceFlow")) sets[1].add(e.getAttribute("id"));
          }
          result.put(process.getAttribute("id"), sets);
        }
      }
      return result;
    }
  }

}
