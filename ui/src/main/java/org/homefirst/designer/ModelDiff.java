package org.homefirst.designer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a draft changes against the deployed version it started from, in sentences a designer
 * reads: elements added, removed, renamed (best guess: one removed and one added of the same type
 * and name, or a flow between the same elements) and changed, with every engine extension
 * property in words. bpmn-js-differ in the browser says only that an element changed; this reads
 * the XML, so a new timer duration or candidate group is named. For DMN: decisions, hit policy,
 * inputs, outputs and rules (by id, with the row's contents).
 */
final class ModelDiff {

  enum Kind {
    ADDED("added"), REMOVED("removed"), RENAMED("renamed"), CHANGED("changed");

    final String words;

    Kind(String words) {
      this.words = words;
    }
  }

  /**
   * One change: the element (its id in the draft; the old id when removed), the id it had before
   * when renamed, what it is, and the sentence.
   */
  record Change(Kind kind, String elementId, String previousId, String type, String name, String sentence) {}

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  /** Children of an element that are diffed as elements of their own, or not at all. */
  private static final Set<String> NOT_PROPERTIES = Set.of("incoming", "outgoing", "laneSet", "lane");

  /** Attribute names in words (camunda extension attributes by their local name). */
  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("name", "name"), Map.entry("topic", "external task topic"),
      Map.entry("candidateGroups", "candidate groups"), Map.entry("candidateUsers", "candidate users"),
      Map.entry("assignee", "assignee"), Map.entry("dueDate", "due date"), Map.entry("followUpDate", "follow-up date"),
      Map.entry("formKey", "form key"), Map.entry("formRef", "form"), Map.entry("priority", "priority"),
      Map.entry("asyncBefore", "asynchronous before"), Map.entry("asyncAfter", "asynchronous after"),
      Map.entry("exclusive", "exclusive job"), Map.entry("calledElement", "called process"),
      Map.entry("calledElementBinding", "called process binding"),
      Map.entry("calledElementVersion", "called process version"),
      Map.entry("calledElementVersionTag", "called process version tag"), Map.entry("decisionRef", "decision"),
      Map.entry("decisionRefBinding", "decision binding"), Map.entry("decisionRefVersion", "decision version"),
      Map.entry("resultVariable", "result variable"), Map.entry("mapDecisionResult", "decision result mapping"),
      Map.entry("sourceRef", "source"), Map.entry("targetRef", "target"), Map.entry("default", "default flow"),
      Map.entry("attachedToRef", "attached to"), Map.entry("cancelActivity", "interrupting"),
      Map.entry("type", "implementation type"), Map.entry("class", "Java class"),
      Map.entry("expression", "expression"), Map.entry("delegateExpression", "delegate expression"),
      Map.entry("versionTag", "version tag"), Map.entry("historyTimeToLive", "history time to live"),
      Map.entry("isExecutable", "executable"), Map.entry("errorCode", "error code"),
      Map.entry("escalationCode", "escalation code"), Map.entry("triggeredByEvent", "triggered by an event"),
      Map.entry("isInterrupting", "interrupting"), Map.entry("gatewayDirection", "gateway direction"),
      Map.entry("taskPriority", "job priority"), Map.entry("jobPriority", "job priority"),
      Map.entry("initiator", "initiator variable"), Map.entry("variableMappingClass", "variable mapping class"),
      Map.entry("variableMappingDelegateExpression", "variable mapping expression"),
      Map.entry("caseRef", "called case"), Map.entry("messageRef", "message"), Map.entry("errorRef", "error"),
      Map.entry("signalRef", "signal"), Map.entry("escalationRef", "escalation"));

  /** Attributes that are not the designer's change (tool metadata) or are diffed elsewhere. */
  private static final Set<String> IGNORED_ATTRIBUTES = Set.of("id", "exporter", "exporterVersion",
      "executionPlatform", "executionPlatformVersion");

  private ModelDiff() {}

  /** The changes from the deployed XML to the draft's, BPMN or DMN by the kind of model. */
  static List<Change> between(String deployedXml, String draftXml, ModelCatalog.Kind kind) {
    Document before = parse(deployedXml);
    Document after = parse(draftXml);
    return kind == ModelCatalog.Kind.PROCESS ? Bpmn.diff(before, after) : Dmn.diff(before, after);
  }

  // ---------------------------------------------------------------------------------------- BPMN

  /** One element as compared: its type in words, name, and properties (label to value, in order). */
  private record Item(String id, String type, String name, Map<String, String> properties) {

    String label() {
      return type + (name == null || name.isBlank() ? "" : " '" + name + "'") + " (" + id + ")";
    }
  }

  private static final class Bpmn {

    static List<Change> diff(Document before, Document after) {
      Map<String, Item> old = items(before);
      Map<String, Item> now = items(after);
      List<String> removed = old.keySet().stream().filter(id -> !now.containsKey(id)).toList();
      List<String> added = now.keySet().stream().filter(id -> !old.containsKey(id)).toList();
      Map<String, String> renamed = renames(old, now, removed, added);
      List<Change> changes = new ArrayList<>();
      for (String id : removed) {
        if (renamed.containsKey(id)) {
          continue;
        }
        Item item = old.get(id);
        changes.add(new Change(Kind.REMOVED, id, null, item.type(), item.name(), item.label() + " removed."));
      }
      for (var rename : renamed.entrySet()) {
        Item was = old.get(rename.getKey());
        Item is = now.get(rename.getValue());
        List<String> details = compare(was, is, renamed);
        changes.add(new Change(Kind.RENAMED, is.id(), was.id(), is.type(), is.name(), is.type()
            + (is.name() == null || is.name().isBlank() ? "" : " '" + is.name() + "'") + ": renamed " + was.id()
            + " to " + is.id() + (details.isEmpty() ? "." : "; " + String.join("; ", details) + ".")));
      }
      for (String id : added) {
        if (renamed.containsValue(id)) {
          continue;
        }
        Item item = now.get(id);
        List<String> with = new ArrayList<>();
        item.properties().forEach((label, value) -> {
          if (!label.equals("name")) {
            with.add(label + " " + value);
          }
        });
        changes.add(new Change(Kind.ADDED, id, null, item.type(), item.name(), item.label() + " added"
            + (with.isEmpty() ? "." : ": " + String.join("; ", with) + ".")));
      }
      for (var entry : now.entrySet()) {
        Item was = old.get(entry.getKey());
        if (was == null) {
          continue;
        }
        List<String> details = compare(was, entry.getValue(), renamed);
        if (!details.isEmpty()) {
          Item is = entry.getValue();
          changes.add(new Change(Kind.CHANGED, is.id(), null, is.type(), is.name(),
              is.label() + ": " + String.join("; ", details) + "."));
        }
      }
      return changes;
    }

    /**
     * Old id to new id for removals that look like renames: the one removed and the one added
     * element of a type and name; for unnamed flows, the one between the same (renamed) elements.
     */
    private static Map<String, String> renames(Map<String, Item> old, Map<String, Item> now, List<String> removed,
        List<String> added) {
      Map<String, String> renamed = new LinkedHashMap<>();
      Map<String, List<String>> removedBy = new HashMap<>();
      Map<String, List<String>> addedBy = new HashMap<>();
      for (String id : removed) {
        Item i = old.get(id);
        if (i.name() != null && !i.name().isBlank()) {
          removedBy.computeIfAbsent(i.type() + "\u0000" + i.name(), k -> new ArrayList<>()).add(id);
        }
      }
      for (String id : added) {
        Item i = now.get(id);
        if (i.name() != null && !i.name().isBlank()) {
          addedBy.computeIfAbsent(i.type() + "\u0000" + i.name(), k -> new ArrayList<>()).add(id);
        }
      }
      removedBy.forEach((key, ids) -> {
        List<String> candidates = addedBy.getOrDefault(key, List.of());
        if (ids.size() == 1 && candidates.size() == 1) {
          renamed.put(ids.getFirst(), candidates.getFirst());
        }
      });
      for (String id : removed) {
        Item was = old.get(id);
        if (renamed.containsKey(id) || !was.properties().containsKey("source")) {
          continue;
        }
        String source = renamed.getOrDefault(was.properties().get("source"), was.properties().get("source"));
        String target = renamed.getOrDefault(was.properties().get("target"), was.properties().get("target"));
        List<String> same = added.stream().filter(a -> !renamed.containsValue(a)).map(now::get)
            .filter(i -> i.type().equals(was.type()) && source.equals(i.properties().get("source"))
                && target.equals(i.properties().get("target"))).map(Item::id).toList();
        if (same.size() == 1) {
          renamed.put(id, same.getFirst());
        }
      }
      return renamed;
    }

    private static List<String> compare(Item was, Item is, Map<String, String> renamed) {
      List<String> details = new ArrayList<>();
      if (!was.type().equals(is.type())) {
        details.add("type changed from " + was.type() + " to " + is.type());
      }
      Map<String, String> before = new LinkedHashMap<>();
      was.properties().forEach((k, v) -> before.put(k, renamed.getOrDefault(v, v)));
      String removedTimer = null;
      String addedTimer = null;
      for (var e : before.entrySet()) {
        String now = is.properties().get(e.getKey());
        if (now == null) {
          if (e.getKey().startsWith("timer ")) {
            removedTimer = e.getKey().substring(6) + " " + e.getValue();
          } else {
            details.add(e.getKey() + " " + e.getValue() + " removed");
          }
        } else if (!now.equals(e.getValue())) {
          details.add(e.getKey().equals("name") ? "name changed from '" + e.getValue() + "' to '" + now + "'"
              : e.getKey() + " changed from " + e.getValue() + " to " + now);
        }
      }
      for (var e : is.properties().entrySet()) {
        if (!before.containsKey(e.getKey())) {
          if (e.getKey().startsWith("timer ")) {
            addedTimer = e.getKey().substring(6) + " " + e.getValue();
          } else {
            details.add(e.getKey() + " " + e.getValue() + " added");
          }
        }
      }
      if (removedTimer != null || addedTimer != null) {
        details.add(removedTimer == null ? "timer " + addedTimer + " added" : addedTimer == null
            ? "timer " + removedTimer + " removed" : "timer changed from " + removedTimer + " to " + addedTimer);
      }
      return details;
    }

    /** Every element with an id in the processes, with the definitions they refer to (messages, errors...). */
    private static Map<String, Item> items(Document doc) {
      Map<String, Element> roots = new HashMap<>();
      for (Element root : children(doc.getDocumentElement())) {
        if (root.hasAttribute("id")) {
          roots.put(root.getAttribute("id"), root);
        }
      }
      Map<String, Item> items = new LinkedHashMap<>();
      for (Element root : children(doc.getDocumentElement())) {
        String name = root.getLocalName();
        if (!BPMN.equals(root.getNamespaceURI()) || !root.hasAttribute("id")) {
          continue;
        }
        if (name.equals("process") || name.equals("subProcess")) {
          collect(root, roots, items);
        } else if (Set.of("message", "error", "signal", "escalation").contains(name)) {
          items.put(root.getAttribute("id"), item(root, roots));
        }
      }
      return items;
    }

    /** A process or sub-process, and every flow element in it (sub-processes inside recursively). */
    private static void collect(Element container, Map<String, Element> roots, Map<String, Item> items) {
      items.put(container.getAttribute("id"), item(container, roots));
      for (Element child : children(container)) {
        if (!BPMN.equals(child.getNamespaceURI()) || !child.hasAttribute("id") || isProperty(child)) {
          continue;
        }
        if (isContainer(child)) {
          collect(child, roots, items);
        } else {
          items.put(child.getAttribute("id"), item(child, roots));
        }
      }
    }

    private static boolean isContainer(Element e) {
      return Set.of("subProcess", "transaction", "adHocSubProcess").contains(e.getLocalName());
    }

    /** Children folded into their parent's properties rather than diffed on their own. */
    private static boolean isProperty(Element e) {
      String n = e.getLocalName();
      return n.endsWith("EventDefinition") || n.endsWith("LoopCharacteristics") || n.equals("conditionExpression")
          || n.equals("extensionElements") || n.equals("documentation") || NOT_PROPERTIES.contains(n);
    }

    private static Item item(Element e, Map<String, Element> roots) {
      Map<String, String> properties = new LinkedHashMap<>();
      attributes(e, properties, "", roots);
      for (Element child : children(e)) {
        String n = child.getLocalName();
        if (!BPMN.equals(child.getNamespaceURI()) || NOT_PROPERTIES.contains(n)) {
          continue;
        }
        if (n.equals("documentation")) {
          properties.put("documentation", text(child));
        } else if (n.equals("conditionExpression")) {
          properties.put("condition", text(child));
        } else if (n.equals("timerEventDefinition")) {
          for (Element t : children(child)) {
            properties.put("timer " + Map.of("timeDuration", "duration", "timeDate", "date", "timeCycle", "cycle")
                .getOrDefault(t.getLocalName(), t.getLocalName()), text(t));
          }
        } else if (n.endsWith("EventDefinition")) {
          String kind = n.substring(0, n.length() - "EventDefinition".length());
          for (String ref : List.of("messageRef", "errorRef", "signalRef", "escalationRef")) {
            if (child.hasAttribute(ref)) {
              properties.put(WORDS.get(ref), definition(child.getAttribute(ref), roots));
            }
          }
          attributes(child, properties, kind + " ", roots);
        } else if (n.endsWith("LoopCharacteristics")) {
          properties.put("multi-instance", loop(child));
        } else if (n.equals("extensionElements")) {
          extensions(child, properties);
        }
      }
      String type = type(e);
      String name = e.getAttribute("name");
      return new Item(e.getAttribute("id"), type, name.isBlank() ? null : name, properties);
    }

    private static void attributes(Element e, Map<String, String> properties, String prefix,
        Map<String, Element> roots) {
      NamedNodeMap attributes = e.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr a = (Attr) attributes.item(i);
        String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
        if (a.getName().startsWith("xmlns") || IGNORED_ATTRIBUTES.contains(local)
            || local.endsWith("Ref") && prefix.length() > 0) {
          continue;
        }
        String words = WORDS.getOrDefault(local, local);
        boolean definition = Set.of("messageRef", "errorRef", "signalRef", "escalationRef").contains(local);
        properties.put(prefix + words, definition ? definition(a.getValue(), roots) : a.getValue());
      }
    }

    /** A message (or error, signal) reference with what it stands for: its name or error code. */
    private static String definition(String ref, Map<String, Element> roots) {
      Element def = roots.get(ref);
      if (def == null) {
        return ref;
      }
      String what = def.hasAttribute("errorCode") ? def.getAttribute("errorCode")
          : def.hasAttribute("escalationCode") ? def.getAttribute("escalationCode") : def.getAttribute("name");
      return what.isBlank() ? ref : ref + " (" + what + ")";
    }

    private static String loop(Element e) {
      List<String> parts = new ArrayList<>();
      if (e.getLocalName().equals("standardLoopCharacteristics")) {
        parts.add("loop");
      } else {
        parts.add("true".equals(e.getAttribute("isSequential")) ? "sequential" : "parallel");
      }
      for (String a : List.of("collection", "elementVariable", "asyncBefore", "asyncAfter")) {
        if (e.hasAttributeNS(CAMUNDA, a)) {
          parts.add(a.replaceAll("([A-Z])", " $1").toLowerCase() + " " + e.getAttributeNS(CAMUNDA, a));
        }
      }
      for (Element c : children(e)) {
        if (!c.getLocalName().equals("extensionElements")) {
          parts.add(c.getLocalName().replaceAll("([A-Z])", " $1").toLowerCase() + " " + text(c));
        }
      }
      return String.join(", ", parts);
    }

    /** The engine's extension elements, each a property of its own: mappings, listeners, fields. */
    private static void extensions(Element extensionElements, Map<String, String> properties) {
      Map<String, Integer> seen = new HashMap<>();
      for (Element x : children(extensionElements)) {
        String n = x.getLocalName();
        switch (n) {
          case "inputOutput" -> {
            for (Element p : children(x)) {
              String direction = p.getLocalName().equals("inputParameter") ? "input mapping " : "output mapping ";
              properties.put(direction + p.getAttribute("name"), value(p));
            }
          }
          case "in", "out" -> {
            String target = x.hasAttribute("target") ? x.getAttribute("target")
                : x.hasAttribute("variables") ? "variables" : x.hasAttribute("businessKey") ? "business key" : "";
            String from = x.hasAttribute("source") ? x.getAttribute("source")
                : x.hasAttribute("sourceExpression") ? x.getAttribute("sourceExpression")
                : x.hasAttribute("variables") ? x.getAttribute("variables") : x.getAttribute("businessKey");
            properties.put((n.equals("in") ? "passes in " : "passes out ") + target
                + (x.hasAttribute("local") ? " (local)" : ""), from);
          }
          case "executionListener", "taskListener" -> {
            String event = x.getAttribute("event");
            String label = (n.equals("taskListener") ? "task listener on " : "execution listener on ") + event;
            int count = seen.merge(label, 1, Integer::sum);
            properties.put(count == 1 ? label : label + " #" + count, listener(x));
          }
          case "properties" -> {
            for (Element p : children(x)) {
              properties.put("property " + p.getAttribute("name"), p.getAttribute("value"));
            }
          }
          case "field" -> properties.put("field " + x.getAttribute("name"),
              x.hasAttribute("stringValue") ? x.getAttribute("stringValue")
                  : x.hasAttribute("expression") ? x.getAttribute("expression") : text(x));
          case "connector" -> properties.put("connector", text(x));
          default -> {
            int count = seen.merge(n, 1, Integer::sum);
            properties.put((count == 1 ? n : n + " #" + count), canonical(x));
          }
        }
      }
    }

    private static String listener(Element x) {
      for (String a : List.of("class", "expression", "delegateExpression")) {
        if (x.hasAttribute(a)) {
          return WORDS.get(a) + " " + x.getAttribute(a);
        }
      }
      return canonical(x);
    }

    /** A mapping's value: text, a script (with its format), a list or a map. */
    private static String value(Element p) {
      List<Element> inner = children(p);
      if (inner.isEmpty()) {
        return text(p).isEmpty() ? "(empty)" : text(p);
      }
      Element v = inner.getFirst();
      if (v.getLocalName().equals("script")) {
        return v.getAttribute("scriptFormat") + " script " + text(v);
      }
      return canonical(v);
    }

    private static String type(Element e) {
      String n = e.getLocalName();
      for (Element c : children(e)) {
        String d = c.getLocalName();
        if (d.equals("timerEventDefinition")) {
          return "Timer";
        }
        if (d.endsWith("EventDefinition")) {
          return words(d.substring(0, d.length() - "EventDefinition".length())) + " " + words(n).toLowerCase();
        }
      }
      return words(n);
    }
  }

  // ----------------------------------------------------------------------------------------- DMN

  private static final class Dmn {

    static List<Change> diff(Document before, Document after) {
      List<Change> changes = new ArrayList<>();
      Map<String, Element> old = byId(before, "decision");
      Map<String, Element> now = byId(after, "decision");
      for (var e : old.entrySet()) {
        if (!now.containsKey(e.getKey())) {
          changes.add(new Change(Kind.REMOVED, e.getKey(), null, "Decision", name(e.getValue()),
              decisionLabel(e.getValue()) + " removed."));
        }
      }
      for (var e : now.entrySet()) {
        Element was = old.get(e.getKey());
        if (was == null) {
          changes.add(new Change(Kind.ADDED, e.getKey(), null, "Decision", name(e.getValue()),
              decisionLabel(e.getValue()) + " added."));
        } else {
          decision(was, e.getValue(), changes);
        }
      }
      return changes;
    }

    private static void decision(Element was, Element is, List<Change> changes) {
      String label = decisionLabel(is);
      List<String> details = new ArrayList<>();
      if (!name(was).equals(name(is))) {
        details.add("name changed from '" + name(was) + "' to '" + name(is) + "'");
      }
      Element oldTable = first(was, "decisionTable");
      Element newTable = first(is, "decisionTable");
      if (oldTable == null || newTable == null) {
        Element oldLiteral = first(was, "literalExpression");
        Element newLiteral = first(is, "literalExpression");
        if (!Objects.equals(oldLiteral == null ? null : text(oldLiteral),
            newLiteral == null ? null : text(newLiteral))) {
          details.add("expression changed from " + (oldLiteral == null ? "none" : text(oldLiteral)) + " to "
              + (newLiteral == null ? "none" : text(newLiteral)));
        }
      } else {
        String oldPolicy = policy(oldTable);
        String newPolicy = policy(newTable);
        if (!oldPolicy.equals(newPolicy)) {
          details.add("hit policy changed from " + oldPolicy + " to " + newPolicy);
        }
      }
      if (!details.isEmpty()) {
        changes.add(new Change(Kind.CHANGED, is.getAttribute("id"), null, "Decision", name(is),
            label + ": " + String.join("; ", details) + "."));
      }
      if (oldTable == null || newTable == null) {
        return;
      }
      columns(oldTable, newTable, "input", label, changes);
      columns(oldTable, newTable, "output", label, changes);
      List<String> oldColumns = headers(oldTable);
      List<String> newColumns = headers(newTable);
      Map<String, Element> oldRules = byId(oldTable, "rule");
      Map<String, Element> newRules = byId(newTable, "rule");
      for (var r : oldRules.entrySet()) {
        if (!newRules.containsKey(r.getKey())) {
          changes.add(new Change(Kind.REMOVED, r.getKey(), null, "Rule", null, "Rule " + r.getKey() + " of "
              + label + " removed: " + row(r.getValue(), oldColumns) + "."));
        }
      }
      int position = 0;
      for (var r : newRules.entrySet()) {
        position++;
        Element before = oldRules.get(r.getKey());
        if (before == null) {
          changes.add(new Change(Kind.ADDED, r.getKey(), null, "Rule", null, "Rule " + r.getKey() + " (row "
              + position + ") of " + label + " added: " + row(r.getValue(), newColumns) + "."));
          continue;
        }
        List<String> cells = cells(r.getValue());
        List<String> oldCells = cells(before);
        List<String> rowChanges = new ArrayList<>();
        for (int i = 0; i < Math.max(cells.size(), oldCells.size()); i++) {
          String a = i < oldCells.size() ? oldCells.get(i) : "(none)";
          String b = i < cells.size() ? cells.get(i) : "(none)";
          if (!a.equals(b)) {
            rowChanges.add((i < newColumns.size() ? newColumns.get(i) : "column " + (i + 1)) + " changed from "
                + a + " to " + b);
          }
        }
        String oldDescription = description(before);
        String newDescription = description(r.getValue());
        if (!oldDescription.equals(newDescription)) {
          rowChanges.add("description changed from '" + oldDescription + "' to '" + newDescription + "'");
        }
        if (!rowChanges.isEmpty()) {
          changes.add(new Change(Kind.CHANGED, r.getKey(), null, "Rule", null, "Rule " + r.getKey() + " (row "
              + position + ") of " + label + ": " + String.join("; ", rowChanges) + "."));
        }
      }
      List<String> oldOrder = oldRules.keySet().stream().filter(newRules::containsKey).toList();
      List<String> newOrder = newRules.keySet().stream().filter(oldRules::containsKey).toList();
      if (!oldOrder.equals(newOrder)) {
        changes.add(new Change(Kind.CHANGED, is.getAttribute("id"), null, "Decision", name(is), label
            + ": rules reordered (now " + String.join(", ", newOrder) + ")" + ("FIRST".equals(policy(newTable))
            ? ", which changes the outcome under hit policy FIRST." : ".")));
      }
    }

    private static void columns(Element oldTable, Element newTable, String kind, String label,
        List<Change> changes) {
      Map<String, Element> old = byId(oldTable, kind);
      Map<String, Element> now = byId(newTable, kind);
      String type = kind.equals("input") ? "Input" : "Output";
      for (var e : old.entrySet()) {
        if (!now.containsKey(e.getKey())) {
          changes.add(new Change(Kind.REMOVED, e.getKey(), null, type, header(e.getValue()), type + " '"
              + header(e.getValue()) + "' (" + e.getKey() + ") of " + label + " removed."));
        }
      }
      for (var e : now.entrySet()) {
        Element was = old.get(e.getKey());
        if (was == null) {
          changes.add(new Change(Kind.ADDED, e.getKey(), null, type, header(e.getValue()), type + " '"
              + header(e.getValue()) + "' (" + e.getKey() + ") of " + label + " added: " + column(e.getValue())
              + "."));
        } else if (!column(was).equals(column(e.getValue()))) {
          changes.add(new Change(Kind.CHANGED, e.getKey(), null, type, header(e.getValue()), type + " '"
              + header(e.getValue()) + "' (" + e.getKey() + ") of " + label + ": changed from " + column(was)
              + " to " + column(e.getValue()) + "."));
        }
      }
    }

    private static String column(Element c) {
      List<String> parts = new ArrayList<>();
      parts.add("label '" + c.getAttribute("label") + "'");
      if (c.hasAttribute("name")) {
        parts.add("name " + c.getAttribute("name"));
      }
      Element expression = first(c, "inputExpression");
      if (expression != null) {
        parts.add("expression " + text(expression));
        parts.add("type " + expression.getAttribute("typeRef"));
      } else if (c.hasAttribute("typeRef")) {
        parts.add("type " + c.getAttribute("typeRef"));
      }
      return String.join(", ", parts);
    }

    /** Column headers of a table, inputs then outputs, as the row's cells are ordered. */
    private static List<String> headers(Element table) {
      List<String> headers = new ArrayList<>();
      for (Element c : children(table)) {
        if (c.getLocalName().equals("input") || c.getLocalName().equals("output")) {
          headers.add(header(c));
        }
      }
      return headers;
    }

    private static String header(Element c) {
      String label = c.getAttribute("label");
      return label.isBlank() ? c.hasAttribute("name") ? c.getAttribute("name") : c.getAttribute("id") : label;
    }

    private static List<String> cells(Element rule) {
      List<String> cells = new ArrayList<>();
      for (Element c : children(rule)) {
        if (c.getLocalName().equals("inputEntry") || c.getLocalName().equals("outputEntry")) {
          String t = text(c);
          cells.add(t.isEmpty() ? "-" : t);
        }
      }
      return cells;
    }

    /** "when Borough of residence is "lbbd" then Voluntary service team = "redcross-hnh"". */
    private static String row(Element rule, List<String> headers) {
      List<String> cells = cells(rule);
      int inputs = (int) children(rule).stream().filter(c -> c.getLocalName().equals("inputEntry")).count();
      List<String> when = new ArrayList<>();
      List<String> then = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        String header = i < headers.size() ? headers.get(i) : "column " + (i + 1);
        if (i < inputs) {
          if (!cells.get(i).equals("-")) {
            when.add(header + " is " + cells.get(i));
          }
        } else {
          then.add(header + " = " + cells.get(i));
        }
      }
      String d = description(rule);
      return (when.isEmpty() ? "always" : "when " + String.join(" and ", when)) + " then "
          + String.join(", ", then) + (d.isEmpty() ? "" : " ('" + d + "')");
    }

    private static String description(Element rule) {
      Element d = first(rule, "description");
      return d == null ? "" : text(d);
    }

    private static String policy(Element table) {
      String p = table.hasAttribute("hitPolicy") ? table.getAttribute("hitPolicy") : "UNIQUE";
      return table.hasAttribute("aggregation") ? p + " " + table.getAttribute("aggregation") : p;
    }

    private static String decisionLabel(Element decision) {
      return "Decision '" + name(decision) + "' (" + decision.getAttribute("id") + ")";
    }

    private static String name(Element e) {
      return e.getAttribute("name");
    }

    private static Map<String, Element> byId(Document doc, String localName) {
      return byId(doc.getDocumentElement(), localName);
    }

    /** Direct children of a kind, by id, in document order. */
    private static Map<String, Element> byId(Element parent, String localName) {
      Map<String, Element> found = new LinkedHashMap<>();
      for (Element c : children(parent)) {
        if (c.getLocalName().equals(localName)) {
          found.put(c.getAttribute("id"), c);
        }
      }
      return found;
    }

    private static Element first(Element parent, String localName) {
      return children(parent).stream().filter(c -> c.getLocalName().equals(localName)).findFirst().orElse(null);
    }
  }

  // --------------------------------------------------------------------------------------- shared

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalArgumentException("The model cannot be read as XML: " + e.getMessage(), e);
    }
  }

  private static List<Element> children(Element e) {
    List<Element> children = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        children.add(child);
      }
    }
    return children;
  }

  private static String text(Element e) {
    return e.getTextContent().strip().replaceAll("\\s+", " ");
  }

  /** An element as compact text (tag, attributes, text), for extensions without words of their own. */
  private static String canonical(Element e) {
    StringBuilder out = new StringBuilder(e.getLocalName());
    NamedNodeMap attributes = e.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr a = (Attr) attributes.item(i);
      if (!a.getName().startsWith("xmlns")) {
        out.append(' ').append(a.getLocalName() == null ? a.getName() : a.getLocalName()).append('=')
            .append(a.getValue());
      }
    }
    for (Element c : children(e)) {
      out.append(" [").append(canonical(c)).append(']');
    }
    if (children(e).isEmpty() && !text(e).isEmpty()) {
      out.append(' ').append(text(e));
    }
    return out.toString();
  }

  /** "userTask" -> "User task". */
  private static String words(String localName) {
    String spaced = localName.replaceAll("([A-Z])", " $1").toLowerCase();
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
