package org.homefirst.processes.engine;

import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;

/** JSR-223 factory of {@link FeelScriptEngine}, under the names the models use ({@code feel}). */
public class FeelScriptEngineFactory implements ScriptEngineFactory {

  static final List<String> NAMES = List.of("feel", "Feel", "FEEL");

  private final FeelScriptEngine engine = new FeelScriptEngine(this);

  @Override
  public String getEngineName() {
    return "Home First FEEL";
  }

  @Override
  public String getEngineVersion() {
    return "1";
  }

  @Override
  public List<String> getExtensions() {
    return List.of("feel");
  }

  @Override
  public List<String> getMimeTypes() {
    return List.of();
  }

  @Override
  public List<String> getNames() {
    return NAMES;
  }

  @Override
  public String getLanguageName() {
    return "FEEL";
  }

  @Override
  public String getLanguageVersion() {
    return "1.19";
  }

  @Override
  public Object getParameter(String key) {
    return switch (key) {
      case ScriptEngine.NAME -> NAMES.get(0);
      case ScriptEngine.ENGINE -> getEngineName();
      case ScriptEngine.ENGINE_VERSION -> getEngineVersion();
      case ScriptEngine.LANGUAGE -> getLanguageName();
      case ScriptEngine.LANGUAGE_VERSION -> getLanguageVersion();
      // stateless and thread-safe: the engine caches one instance
      case "THREADING" -> "MULTITHREADED";
      default -> null;
    };
  }

  @Override
  public String getMethodCallSyntax(String obj, String m, String... args) {
    throw new UnsupportedOperationException("FEEL has no method calls");
  }

  @Override
  public String getOutputStatement(String toDisplay) {
    throw new UnsupportedOperationException("FEEL has no output statement");
  }

  @Override
  public String getProgram(String... statements) {
    throw new UnsupportedOperationException("a FEEL script is one expression");
  }

  @Override
  public ScriptEngine getScriptEngine() {
    return engine;
  }
}
