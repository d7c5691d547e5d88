package org.homefirst.designer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.homefirst.inbox.FormCatalog;
import org.homefirst.inbox.FormDefinition;
import org.homefirst.inbox.Teams;
import org.springframework.stereotype.Service;

/**
 * What the editor's properties panel offers: the forms the inbox can show (a user task's form key
 * is picked from them) and the known teams (candidate groups are checked against them). The same
 * sources as Home First's lint rules, so a key picked here never fails the "form exists" rule.
 */
@Service
class EditorChoices {

  private final FormCatalog forms;

  EditorChoices(FormCatalog forms) {
    this.forms = forms;
  }

  /** Form key to the form's title, by title. */
  Map<String, String> forms() {
    Map<String, String> byKey = new LinkedHashMap<>();
    forms.all().stream()
        .sorted(java.util.Comparator.comparing((FormDefinition f) -> f.title() == null ? f.formKey() : f.title()))
        .forEach(f -> byKey.put(f.formKey(), f.title() == null ? f.formKey() : f.title()));
    return byKey;
  }

  /** Team id to its name. */
  Map<String, String> teams() {
    Map<String, String> byId = new TreeMap<>();
    Teams.ids().forEach(id -> byId.put(id, Teams.name(id)));
    return byId;
  }

  /** Gives the editor both lists. */
  void offerTo(ModelEditor editor) {
    editor.catalog(forms(), teams());
  }
}
