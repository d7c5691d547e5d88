package org.homefirst.platform.engine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads element ids, names and types from deployed BPMN so tasks and journeys can show names; also
 * each user task's form key and the message each catching element waits for, which the engine's
 * history events do not carry.
 */
final class BpmnElements {

  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

  record Element(String id, String name, String type, String formKey, String messageName, String attachedTo) {}

  private BpmnElements() {}

  static List<Element> of(String xml, String processId) {
    List<Element> elements = new ArrayList<>();
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Map<String, String> messages = new HashMap<>();
      NodeList declared = doc.getElementsByTagNameNS("*", "message");
      for (int i = 0; i < declared.getLength(); i++) {
        org.w3c.dom.Element m = (org.w3c.dom.Element) declared.item(i);
        messages.put(m.getAttribute("id"), m.getAttribute("name"));
      }
      NodeList processes = doc.getElementsByTagNameNS("*", "process");
      for (int p = 0; p < processes.getLength(); p++) {
        org.w3c.dom.Element process = (org.w3c.dom.Element) processes.item(p);
        if (processId.equals(process.getAttribute("id"))) {
          collect(process, messages, elements);
        }
      }
    } catch (Exception e) {
      // Names are a convenience: an unreadable model still deploys and runs.
    }
    return elements;
  }

  private static void collect(org.w3c.dom.Element parent, Map<String, String> messages, List<Element> out) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof org.w3c.dom.Element e && !e.getAttribute("id").isEmpty()) {
        String type = e.getLocalName();
        if (!"extensionElements".equals(type) && !type.equals("sequenceFlow")) {
          String formKey = e.getAttributeNS(CAMUNDA, "formKey");
          out.add(new Element(e.getAttribute("id"), nameOf(e), type, formKey.isEmpty() ? null : formKey,
              messages.get(messageRef(e)), e.getAttribute("attachedToRef").isEmpty() ? null
                  : e.getAttribute("attachedToRef")));
        }
        if (type.equals("subProcess")) {
          collect(e, messages, out);
        }
      }
    }
  }

  /** The message a receive task or message event refers to, if any. */
  private static String messageRef(org.w3c.dom.Element e) {
    if (!e.getAttribute("messageRef").isEmpty()) {
      return e.getAttribute("messageRef");
    }
    NodeList children = e.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof org.w3c.dom.Element d && "messageEventDefinition".equals(d.getLocalName())) {
        return d.getAttribute("messageRef");
      }
    }
    return null;
  }

  private static String nameOf(org.w3c.dom.Element e) {
    String name = e.getAttribute("name");
    return name.isEmpty() ? null : name.replaceAll("\\s+", " ").trim();
  }
}
