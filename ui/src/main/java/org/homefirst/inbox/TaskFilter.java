package org.homefirst.inbox;

/**
 * What narrows a queue: where the patient is, the task type, only overdue work, and a search by
 * NHS number (digits, spaces allowed) or name (start of given or family name), and the journey's
 * pathway (the journey's process variable {@code pathway}). Nulls mean "any".
 */
public record TaskFilter(
    String borough, String hospital, String ward, String taskType, boolean overdueOnly, String search, Integer pathway,
    String locality) {

  public static final TaskFilter NONE = new TaskFilter(null, null, null, null, false, null, null, null);

  /** Without the locality (any locality). */
  public TaskFilter(String borough, String hospital, String ward, String taskType, boolean overdueOnly, String search,
      Integer pathway) {
    this(borough, hospital, ward, taskType, overdueOnly, search, pathway, null);
  }

  /** Without the pathway (any pathway). */
  public TaskFilter(String borough, String hospital, String ward, String taskType, boolean overdueOnly, String search) {
    this(borough, hospital, ward, taskType, overdueOnly, search, null, null);
  }

  boolean needsReferral() {
    return present(borough) || present(hospital) || present(ward) || present(search) || present(locality);
  }

  static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
