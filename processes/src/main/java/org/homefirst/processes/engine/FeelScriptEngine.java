package org.homefirst.processes.engine;

import java.io.IOException;
import java.io.Reader;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.ScriptContext;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * Evaluates one FEEL expression over the variables in scope and returns a plain Java value (see
 * {@link FeelValues}). {@code now()} reads the engine's clock, as it did on Zeebe; a variable that
 * does not exist is null. Parsed expressions are cached by their text (the models hold a fixed set).
 */
final class FeelScriptEngine extends AbstractScriptEngine {

  private final ScriptEngineFactory factory;
  private final FeelEngineApi feel =
      FeelEngineBuilder.forJava()
          .withClock(() -> ZonedDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC))
          .build();
  private final Map<String, ParsedExpression> parsed = new ConcurrentHashMap<>();

  FeelScriptEngine(ScriptEngineFactory factory) {
    this.factory = factory;
  }

  @Override
  public Object eval(String script, ScriptContext context) throws ScriptException {
    ParsedExpression expression = parse(script.strip());
    EvaluationResult result = feel.evaluate(expression, variables(context));
    if (!result.isSuccess()) {
      throw new ScriptException("FEEL expression '" + script.strip() + "' failed: " + result.failure().message());
    }
    return FeelValues.toJava(result.result());
  }

  private ParsedExpression parse(String script) throws ScriptException {
    ParsedExpression expression = parsed.get(script);
    if (expression == null) {
      ParseResult result = feel.parseExpression(script);
      if (!result.isSuccess()) {
        throw new ScriptException("FEEL expression '" + script + "' does not parse: " + result.failure().message());
      }
      expression = result.parsedExpression();
      parsed.put(script, expression);
    }
    return expression;
  }

  private static Map<String, Object> variables(ScriptContext context) {
    Map<String, Object> variables = new HashMap<>();
    for (int scope : context.getScopes()) {
      Bindings bindings = context.getBindings(scope);
      if (bindings == null) {
        continue;
      }
      for (String name : bindings.keySet()) {
        variables.putIfAbsent(name, bindings.get(name));
      }
    }
    return variables;
  }

  @Override
  public Object eval(Reader reader, ScriptContext context) throws ScriptException {
    StringBuilder script = new StringBuilder();
    char[] buffer = new char[1024];
    try {
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        script.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new ScriptException(e);
    }
    return eval(script.toString(), context);
  }

  @Override
  public Bindings createBindings() {
    return new SimpleBindings();
  }

  @Override
  public ScriptEngineFactory getFactory() {
    return factory;
  }
}
