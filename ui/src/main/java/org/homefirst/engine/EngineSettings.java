package org.homefirst.engine;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how the embedded Zeebe broker runs. With {@code embedded=false} the application
 * starts no engine and its Camunda client settings point at an external cluster instead.
 *
 * @param home folder holding the unpacked {@code camunda-zeebe-*} distribution and
 *     {@code exporters/homefirst-exporter.jar} (laid out by the build under ui/target/zeebe)
 * @param dataDirectory the broker's durable state: running journeys survive restarts
 * @param javaHome a JDK 21+ for the broker; empty means the JDK running this application
 */
@ConfigurationProperties("homefirst.engine")
public record EngineSettings(
    boolean embedded,
    Path home,
    Path dataDirectory,
    String javaHome,
    int gatewayPort,
    int restPort,
    int commandPort,
    int internalPort,
    int monitoringPort,
    String javaOptions,
    Duration startupTimeout) {}
