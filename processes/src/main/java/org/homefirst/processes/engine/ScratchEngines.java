package org.homefirst.processes.engine;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * Engines for trying models away from the live one (the designer workspace validates drafts on
 * one): configured as the application's engine is for the models (the Home First plugin, full
 * history, history time to live enforced), on a database the caller gives, with no job executor
 * so nothing deployed there ever runs by itself.
 */
public final class ScratchEngines {

  private ScratchEngines() {}

  public static ProcessEngine build(String name, DataSource dataSource) {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setDataSource(dataSource);
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    config.setJobExecutorActivate(false);
    config.setEnforceHistoryTimeToLive(true);
    config.setJavaSerializationFormatEnabled(true);
    config.setProcessEngineName(name);
    config.setProcessEnginePlugins(new ArrayList<>(List.of(new HomeFirstEnginePlugin())));
    return config.buildProcessEngine();
  }
}
