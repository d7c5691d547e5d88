package org.homefirst.processes.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/** The plugin's FEEL engine is the one the engine picks for "feel" scripts, not feel-scala's own. */
class HomeFirstEnginePluginTest {

  @Test
  void feelScriptsRunOnTheHomeFirstEngine() {
    var configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setScriptingEngines(null);
    new HomeFirstEnginePlugin().preInit(configuration);
    configuration.setScriptingEngines(new org.operaton.bpm.engine.impl.scripting.engine.ScriptingEngines(
        new org.operaton.bpm.engine.impl.scripting.engine.DefaultScriptEngineResolver(
            new javax.script.ScriptEngineManager())));
    new HomeFirstEnginePlugin().postInit(configuration);

    for (String language : new String[] {"feel", "FEEL"}) {
      assertThat(configuration.getScriptingEngines().getScriptEngineManager().getEngineByName(language))
          .as(language).isInstanceOf(FeelScriptEngine.class);
    }
    assertThat(configuration.getHistoryTimeToLive()).isEqualTo("P180D");
  }

  @Test
  void scriptsSeeTheJourneysVariablesNotTheApplicationsBeans() {
    var configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setResolverFactories(new java.util.ArrayList<>(java.util.List.of(
        new org.operaton.bpm.engine.impl.scripting.engine.VariableScopeResolverFactory(),
        new org.operaton.bpm.engine.impl.scripting.engine.BeansResolverFactory())));
    configuration.setScriptingEngines(new org.operaton.bpm.engine.impl.scripting.engine.ScriptingEngines(
        new org.operaton.bpm.engine.impl.scripting.engine.DefaultScriptEngineResolver(
            new javax.script.ScriptEngineManager())));

    new HomeFirstEnginePlugin().postInit(configuration);

    assertThat(configuration.getResolverFactories()).singleElement()
        .isInstanceOf(org.operaton.bpm.engine.impl.scripting.engine.VariableScopeResolverFactory.class);
  }
}
