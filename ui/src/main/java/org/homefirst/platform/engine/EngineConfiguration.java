package org.homefirst.platform.engine;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.IdGenerator;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.homefirst.processes.engine.HomeFirstEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The embedded Operaton engine's Home First parts (the engine itself comes from Operaton's Spring
 * Boot starter, configured under {@code operaton.bpm} in application.yaml): numeric ids from a
 * PostgreSQL sequence, the projection written in the engine's transaction, and the models' FEEL
 * plugin. Why Operaton and how the parts fit: docs/adr/0001-open-engine.md.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  IdGenerator engineIds(DataSource dataSource, PlatformTransactionManager transactions) {
    return new EngineIds(dataSource, transactions);
  }

  @Bean
  ProcessEnginePlugin homeFirstModels() {
    return new HomeFirstEnginePlugin();
  }

  @Bean
  ProcessEnginePlugin engineProjection(DataSource dataSource) {
    EngineProjection projection = new EngineProjection(dataSource);
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Beside the engine's own history handler (kept), in a list others may add to.
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
          handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(projection);
        configuration.setCustomHistoryEventHandlers(handlers);
      }
    };
  }
}
