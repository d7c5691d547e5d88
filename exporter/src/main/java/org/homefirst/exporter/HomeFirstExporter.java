package org.homefirst.exporter;

import io.camunda.zeebe.exporter.api.Exporter;
import io.camunda.zeebe.exporter.api.context.Context;
import io.camunda.zeebe.exporter.api.context.Controller;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Zeebe exporter that keeps Home First's PostgreSQL projection (user tasks, journey, incidents,
 * variables, process definitions) in step with the engine.
 *
 * <p>Each record is written in one transaction together with its log position, and the position is
 * only acknowledged to the broker after that commit. If PostgreSQL is down the write throws, the
 * broker retries the same record, and nothing is lost; records replayed after a broker restart are
 * skipped by position, so nothing is written twice.
 *
 * <p>Configured in the broker with the arguments {@code url}, {@code user} and {@code password}.
 */
public final class HomeFirstExporter implements Exporter {

  static final Set<ValueType> EXPORTED =
      EnumSet.of(
          ValueType.PROCESS,
          ValueType.PROCESS_INSTANCE,
          ValueType.JOB,
          ValueType.INCIDENT,
          ValueType.VARIABLE,
          ValueType.MESSAGE_SUBSCRIPTION,
          ValueType.TIMER);

  private Logger log;
  private String url;
  private Properties connectionProperties;
  private Controller controller;
  private Connection connection;
  private EngineProjection projection;
  private long storedPosition = -1;
  private int partitionId;

  @Override
  public void configure(Context context) {
    log = context.getLogger();
    partitionId = context.getPartitionId();
    Map<String, Object> args = context.getConfiguration().getArguments();
    url = String.valueOf(args.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/postgres"));
    connectionProperties = new Properties();
    connectionProperties.setProperty("user", String.valueOf(args.getOrDefault("user", "postgres")));
    Object password = args.get("password");
    if (password != null && !String.valueOf(password).isEmpty()) {
      connectionProperties.setProperty("password", String.valueOf(password));
    }
    connectionProperties.setProperty("ApplicationName", "homefirst-exporter");
    connectionProperties.setProperty("connectTimeout", "10");
    context.setFilter(
        new Context.RecordFilter() {
          @Override
          public boolean acceptType(RecordType recordType) {
            return recordType == RecordType.EVENT;
          }

          @Override
          public boolean acceptValue(ValueType valueType) {
            return EXPORTED.contains(valueType);
          }
        });
  }

  @Override
  public void open(Controller controller) {
    this.controller = controller;
    log.info("Home First exporter exporting partition {} to {}", partitionId, url);
  }

  @Override
  public void export(Record<?> record) {
    try {
      Connection c = connection();
      if (storedPosition < 0) {
        storedPosition = projection.storedPosition(partitionId);
      }
      if (record.getPosition() <= storedPosition) {
        controller.updateLastExportedRecordPosition(record.getPosition());
        return;
      }
      try {
        projection.apply(record);
        projection.storePosition(partitionId, record.getPosition());
        c.commit();
        storedPosition = record.getPosition();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      controller.updateLastExportedRecordPosition(record.getPosition());
    } catch (SQLException e) {
      closeQuietly();
      // Throwing makes the broker retry this record later: the projection never skips one.
      throw new IllegalStateException(
          "Could not export record " + record.getPosition() + " to PostgreSQL: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      // The driver is instantiated directly: DriverManager cannot see drivers that live in the
      // exporter's own class loader.
      connection = new org.postgresql.Driver().connect(url, connectionProperties);
      if (connection == null) {
        throw new SQLException("Not a PostgreSQL JDBC url: " + url);
      }
      connection.setAutoCommit(false);
      projection = new EngineProjection(connection);
      storedPosition = -1;
    }
    return connection;
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("Closing the connection failed", e);
      }
      connection = null;
    }
  }
}
