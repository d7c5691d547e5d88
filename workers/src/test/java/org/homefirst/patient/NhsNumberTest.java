package org.homefirst.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {"9434765919", "943 476 5919", "943-476-5919", "4010232137", "9990000018"})
  void acceptsNumbersWithAValidCheckDigit(String text) {
    assertThat(NhsNumber.isValid(text)).isTrue();
    assertThat(NhsNumber.parse(text).value()).hasSize(10).containsOnlyDigits();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "9434765918 | NHS number fails the Modulus 11 check",
        "1234567890 | NHS number fails the Modulus 11 check",
        "94347659   | NHS number must be 10 digits",
        "94347659190| NHS number must be 10 digits",
        "943476591X | NHS number must be 10 digits",
        "'  '       | NHS number is required"
      })
  void rejectsInvalidNumbersWithAClearReason(String text, String reason) {
    assertThat(NhsNumber.problemWith(text)).isEqualTo(reason);
    assertThatThrownBy(() -> NhsNumber.parse(text)).hasMessage(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000000000"})
  void checkDigitZeroWhenRemainderIsZero(String text) {
    assertThat(NhsNumber.isValid(text)).isTrue();
  }

  @org.junit.jupiter.api.Test
  void rejectsNumbersWhoseCheckDigitWouldBeTen() {
    // 123456789: weighted sum 1*10+2*9+...+9*2 = 210, 210 % 11 = 1, 11 - 1 = 10: never valid.
    for (int last = 0; last <= 9; last++) {
      assertThat(NhsNumber.isValid("123456789" + last)).isFalse();
    }
  }

  @org.junit.jupiter.api.Test
  void formatsAsThreeThreeFour() {
    assertThat(NhsNumber.parse("9434765919").formatted()).isEqualTo("943 476 5919");
  }
}
