package org.homefirst.security;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL that speaks TLS with a certificate made for the test (for the name
 * {@code localhost}), so that the production profile connects as in production:
 * {@code sslmode=verify-full}, the certificate checked against its CA and the host name.
 */
final class TlsPostgres implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final Path certificate;

  private TlsPostgres(EmbeddedPostgres postgres, Path certificate) {
    this.postgres = postgres;
    this.certificate = certificate;
  }

  static TlsPostgres start(Path folder) throws IOException, GeneralSecurityException, SQLException,
      InterruptedException {
    Path keystore = folder.resolve("db.p12");
    String java = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process keytool = new ProcessBuilder(java, "-genkeypair", "-alias", "db", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    Key key = store.getKey("db", "changeit".toCharArray());
    Path certificate = folder.resolve("server.crt");
    Path privateKey = folder.resolve("server.key");
    Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate("db").getEncoded()));
    Files.writeString(privateKey, pem("PRIVATE KEY", key.getEncoded()));

    EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    // PostgreSQL reads its key only if it owns it and nobody else may read it.
    Path data = Path.of(query(postgres, "show data_directory"));
    Files.setOwner(privateKey, Files.getOwner(data));
    Files.setOwner(certificate, Files.getOwner(data));
    Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("alter system set ssl_cert_file = '" + certificate + "'");
      s.execute("alter system set ssl_key_file = '" + privateKey + "'");
      s.execute("alter system set ssl = on");
      s.execute("select pg_reload_conf()");
      // As README "Audit and retention" sets up an external server: the schema's owner runs the
      // migrations, the application connects as a role that cannot change the audit log.
      s.execute("create role homefirst_owner login");
      s.execute("create role homefirst_app login");
      s.execute("alter database postgres owner to homefirst_owner");
      s.execute("grant usage, create on schema public to homefirst_app");
    }
    return new TlsPostgres(postgres, certificate);
  }

  /** The URL production would use: TLS, the server's certificate and name checked. */
  String verifyFullUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?sslmode=verify-full&sslrootcert="
        + certificate;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static String query(EmbeddedPostgres postgres, String sql) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        var rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
