package org.homefirst.designer;

/**
 * A draft save refused because it would overwrite work the designer has not seen, with what to
 * compare against: the draft's latest revision, or the model's newer deployed version.
 */
class DraftConflict extends RuntimeException {

  enum Kind { SAVED_MEANWHILE, BASE_CHANGED, NOT_EDITABLE }

  private final Kind kind;
  private final String theirXml;

  DraftConflict(Kind kind, String message, String theirXml) {
    super(message);
    this.kind = kind;
    this.theirXml = theirXml;
  }

  Kind kind() {
    return kind;
  }

  /** The XML the designer's changes would have overwritten or ignored. */
  String theirXml() {
    return theirXml;
  }
}
