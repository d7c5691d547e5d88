package org.homefirst.processes;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BPMN models as XML, for the tests that hold them to their contract ({@link ModelContractTest},
 * {@link SlaTimersTest}): the models of {@link Journey#MODELS}, the few ways those tests walk them,
 * and the README they are checked against.
 */
final class ModelXml {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  private ModelXml() {}

  /** Every BPMN model of the application, parsed with namespaces. */
  static List<Document> models() {
    List<Document> docs = new ArrayList<>();
    for (String model : Journey.MODELS) {
      if (!model.endsWith(".bpmn")) continue;
      try (InputStream in = ModelXml.class.getResourceAsStream("/homefirst/" + model)) {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        docs.add(factory.newDocumentBuilder().parse(in, model));
      } catch (Exception e) {
        throw new IllegalStateException(model, e);
      }
    }
    return docs;
  }

  /** The elements of a model with this namespace and tag ("*" for any), its root included. */
  static List<Element> all(Document doc, String ns, String tag) {
    return list(doc.getElementsByTagNameNS(ns, tag));
  }

  /** The elements below {@code parent} with this namespace and tag ("*" for any). */
  static List<Element> all(Element parent, String ns, String tag) {
    return list(parent.getElementsByTagNameNS(ns, tag));
  }

  /** The first element below {@code parent} with this namespace and tag, or null. */
  static Element first(Element parent, String ns, String tag) {
    NodeList nodes = parent.getElementsByTagNameNS(ns, tag);
    return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
  }

  /** The BPMN element with this id. */
  static Element byId(Document model, String id) {
    return all(model, BPMN, "*").stream().filter(e -> e.getAttribute("id").equals(id)).findFirst().orElseThrow();
  }

  /** The sequence flows leaving a node. */
  static List<Element> outgoing(Document model, Element node) {
    return all(model, BPMN, "sequenceFlow").stream()
        .filter(flow -> flow.getAttribute("sourceRef").equals(node.getAttribute("id"))).toList();
  }

  /** processes/README.md, the contract's words (tests run in the module's folder). */
  static String readme() {
    try {
      return Files.readString(Path.of("README.md"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Element> list(NodeList nodes) {
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) list.add((Element) nodes.item(i));
    return list;
  }
}
