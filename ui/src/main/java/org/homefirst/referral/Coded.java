package org.homefirst.referral;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A value exchanged by its short code (API, process variables) and shown by its label. */
interface Coded {

  String code();

  String label();

  static <E extends Enum<E> & Coded> Optional<E> find(E[] values, String code) {
    return Arrays.stream(values).filter(v -> v.code().equals(code)).findFirst();
  }

  static String codes(Coded[] values) {
    return Arrays.stream(values).map(Coded::code).collect(Collectors.joining(", "));
  }
}
