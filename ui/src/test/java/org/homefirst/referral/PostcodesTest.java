package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** UK postcodes as people type them, kept in one form, and the clear words for what is not one. */
class PostcodesTest {

  @Test
  void anyCaseAndSpacingBecomesTheRoyalMailForm() {
    assertThat(Postcodes.normal("ig11aa")).isEqualTo("IG1 1AA");
    assertThat(Postcodes.normal("  rm6   4xy ")).isEqualTo("RM6 4XY");
    assertThat(Postcodes.normal("IG11 8AB")).isEqualTo("IG11 8AB");
    assertThat(Postcodes.normal("e18 1ab")).isEqualTo("E18 1AB");
    assertThat(Postcodes.normal("EC1A1BB")).isEqualTo("EC1A 1BB");
  }

  @Test
  void whatIsNotAPostcodeIsSaidInWords() {
    assertThat(Postcodes.problemWith("IG1 1AA")).isNull();
    assertThat(Postcodes.problemWith("IG1")).isEqualTo("\u201cIG1\u201d is not a UK postcode: write it like IG1 1AA or RM6 4XY");
    assertThat(Postcodes.problemWith("12345")).contains("is not a UK postcode");
    assertThat(Postcodes.problemWith("IG1 1A")).contains("is not a UK postcode");
    assertThat(Postcodes.problemWith("IG1 1AAA")).contains("is not a UK postcode");
    assertThat(Postcodes.problemWith(" ")).isEqualTo("postcode is empty: e.g. IG1 1AA");
    assertThatThrownBy(() -> Postcodes.normal("IG1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPostcodeIsLookedUpBySectorThenDistrict() {
    assertThat(Postcodes.prefixes("IG1 4AB")).containsExactly("IG1 4", "IG1");
    assertThat(Postcodes.prefixes("IG11 8AB")).containsExactly("IG11 8", "IG11");
  }
}
