package org.homefirst;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.homefirst.workers.WorkerProcess;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Home First: discharge-to-assess workflow for NHS hospital discharge. */
@SpringBootApplication
// The separate worker process is an application of its own: its configuration is not ours.
@ComponentScan(excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WorkerProcess.class)})
@ConfigurationPropertiesScan
@EnableScheduling
@Push
public class HomeFirstApplication implements AppShellConfigurator {

  public static void main(String[] args) {
    SpringApplication.run(HomeFirstApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemDefaultZone();
  }
}
