package org.homefirst.processes.engine;

import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.engine.impl.scripting.engine.VariableScopeResolverFactory;

/**
 * What the Home First models need from the engine beyond its defaults: a FEEL script engine whose
 * results are plain Java values, so that conditions, script tasks and input/output mappings keep
 * their FEEL and no variable is ever a Scala wrapper. The application registers it as a bean; the
 * process tests add it to their engine configuration. It also gives the decisions, which declare no
 * history time to live, the same retention as the processes (unless the application sets its own).
 */
public class HomeFirstEnginePlugin implements ProcessEnginePlugin {

  public HomeFirstEnginePlugin() {
    // a plain class: the application and the tests create it themselves
  }

  /** History retention of definitions that declare none: the DMN tables stay as they are (FEEL, no TTL). */
  public static final String DEFAULT_HISTORY_TIME_TO_LIVE = "P180D";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryTimeToLive() == null) {
      configuration.setHistoryTimeToLive(DEFAULT_HISTORY_TIME_TO_LIVE);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // A script sees the journey's variables only. With Spring, the engine would also offer every
    // application bean by name (and tests' mocks): a FEEL expression reading a variable not set
    // yet (null on Zeebe) would get the bean of that name instead.
    if (configuration.getResolverFactories() != null) {
      configuration.getResolverFactories().removeIf(f -> !(f instanceof VariableScopeResolverFactory));
    }
    // names registered on the manager win over the engine feel-scala offers through the service loader
    // (addScriptEngineFactory would register the engine name only)
    FeelScriptEngineFactory factory = new FeelScriptEngineFactory();
    for (String name : factory.getNames()) {
      configuration.getScriptingEngines().getScriptEngineManager().registerEngineName(name, factory);
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    // nothing after the build
  }
}
