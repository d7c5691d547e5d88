package org.homefirst.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Access tokens as an identity provider would issue them to an API client (client credentials),
 * signed with the key generated for the tests ({@code api-clients/test-only-signing-key.pem}); the
 * test profile checks them with its public key and for the audience {@code homefirst-api}.
 */
final class TestTokens {

  static final String AUDIENCE = "homefirst-api";

  private static final PrivateKey KEY = read("/api-clients/test-only-signing-key.pem");

  private TestTokens() {}

  /** A token for this client with these scopes (space-separated) and groups, valid for five minutes. */
  static String client(String clientId, String scopes, List<String> groups) {
    return sign(KEY, claims(clientId, scopes, groups, AUDIENCE, Instant.now().plus(Duration.ofMinutes(5))).build());
  }

  static JWTClaimsSet.Builder claims(String clientId, String scopes, List<String> groups, String audience,
      Instant expires) {
    return new JWTClaimsSet.Builder()
        .issuer("https://idp.test.homefirst")
        .subject("service-account-" + clientId)
        .claim("client_id", clientId)
        .audience(audience)
        .claim("scope", scopes)
        .claim("groups", groups)
        .issueTime(Date.from(Instant.now().minusSeconds(5)))
        .expirationTime(Date.from(expires));
  }

  static String sign(JWTClaimsSet claims) {
    return sign(KEY, claims);
  }

  /** Signed by a key the application has never heard of. */
  static String signedByAStranger(JWTClaimsSet claims) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return sign(generator.generateKeyPair().getPrivate(), claims);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(PrivateKey key, JWTClaimsSet claims) {
    try {
      SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      token.sign(new RSASSASigner(key));
      return token.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey read(String resource) {
    try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    } catch (IOException | GeneralSecurityException | NullPointerException e) {
      throw new IllegalStateException("cannot read the tests' signing key " + resource, e);
    }
  }
}
