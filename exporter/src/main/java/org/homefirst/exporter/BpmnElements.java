package org.homefirst.exporter;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads element ids, names and types from deployed BPMN so tasks and journeys can show names. */
final class BpmnElements {

  record Element(String id, String name, String type) {}

  private BpmnElements() {}

  static List<Element> of(String xml, String processId) {
    List<Element> elements = new ArrayList<>();
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      NodeList processes = doc.getElementsByTagNameNS("*", "process");
      for (int p = 0; p < processes.getLength(); p++) {
        org.w3c.dom.Element process = (org.w3c.dom.Element) processes.item(p);
        if (processId.equals(process.getAttribute("id"))) {
          collect(process, elements);
        }
      }
    } catch (Exception e) {
      // Names are a convenience: an unreadable model still deploys and runs.
    }
    return elements;
  }

  private static void collect(org.w3c.dom.Element parent, List<Element> out) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof org.w3c.dom.Element e && !e.getAttribute("id").isEmpty()) {
        String type = e.getLocalName();
        if (!"extensionElements".equals(type) && !type.equals("sequenceFlow")) {
          out.add(new Element(e.getAttribute("id"), nameOf(e), type));
        }
        if (type.equals("subProcess")) {
          collect(e, out);
        }
      }
    }
  }

  private static String nameOf(org.w3c.dom.Element e) {
    String name = e.getAttribute("name");
    return name.isEmpty() ? null : name.replaceAll("\\s+", " ").trim();
  }
}
