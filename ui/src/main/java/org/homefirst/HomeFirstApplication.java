package org.homefirst;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Home First: discharge-to-assess workflow for NHS hospital discharge. */
@SpringBootApplication
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
