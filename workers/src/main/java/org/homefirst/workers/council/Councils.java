package org.homefirst.workers.council;

import java.util.Map;
import java.util.TreeMap;

/** The council adapter of each borough, by borough code ({@code lbbd}, {@code lbh}, {@code lbr}). */
public class Councils {

  private final Map<String, CouncilAdultSocialCare> byBorough;

  public Councils(Map<String, CouncilAdultSocialCare> byBorough) {
    this.byBorough = Map.copyOf(byBorough);
  }

  /** @throws IllegalArgumentException for a borough with no configured council */
  public CouncilAdultSocialCare of(String borough) {
    CouncilAdultSocialCare council = borough == null ? null : byBorough.get(borough);
    if (council == null) {
      throw new IllegalArgumentException("No council adult social care system is configured for borough '" + borough
          + "' (configured: " + new TreeMap<>(byBorough).keySet() + "; set homefirst.partners.council.boroughs."
          + borough + ".base-url)");
    }
    return council;
  }
}
