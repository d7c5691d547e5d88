package org.homefirst.processes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the process tests read the models from: this build's files, or, when the designer
 * workspace runs the tests against a draft ({@link DraftTestRun}), the draft's XML in place of
 * its file. A draft is a file named like the model (e.g. {@code pathway-1.bpmn}) in the folder
 * named by the system property {@value #DRAFTS}; the property is set only in the JVM the
 * workspace starts for the run, so a Maven build always tests the files.
 */
final class ModelSource {

  static final String DRAFTS = "homefirst.draft-models";

  private ModelSource() {}

  /** The folder of drafts, or null when the tests run on the files. */
  static Path drafts() {
    String folder = System.getProperty(DRAFTS);
    return folder == null || folder.isBlank() ? null : Path.of(folder);
  }

  /** The model's XML: the draft of it when there is one, else the file. */
  static InputStream open(String model) {
    Path drafts = drafts();
    try {
      if (drafts != null && Files.isRegularFile(drafts.resolve(model))) {
        return Files.newInputStream(drafts.resolve(model));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InputStream file = ModelSource.class.getResourceAsStream("/homefirst/" + model);
    if (file == null) {
      throw new IllegalStateException("no model file homefirst/" + model);
    }
    return file;
  }
}
