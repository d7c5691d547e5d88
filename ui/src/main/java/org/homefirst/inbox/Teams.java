package org.homefirst.inbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What staff call each team (the candidate groups of the models and the teams of sign-in), from
 * the organisations in {@code docs/domain.md}. Screens show these; ids stay in URLs, filters
 * and the audit log.
 */
public final class Teams {

  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("jad", "JAD (Joint Assessment and Discharge)"),
      Map.entry("lbr-hospital-sw", "Redbridge Hospital Social Work"),
      Map.entry("nelft-ctt", "NELFT Community Treatment Team"),
      Map.entry("nelft-irs", "NELFT IRS and rehab beds"),
      Map.entry("nelft-reablement", "Havering reablement (NELFT)"),
      Map.entry("nelft-crt", "NELFT Community Recovery Team"),
      Map.entry("lbbd-crisis", "B&D Crisis Intervention"),
      Map.entry("lbr-reablement", "Redbridge reablement"),
      Map.entry("chc", "Continuing Healthcare (ICB)"),
      Map.entry("council-lbbd", "Barking & Dagenham adult social care"),
      Map.entry("council-lbh", "Havering adult social care"),
      Map.entry("council-lbr", "Redbridge adult social care"),
      Map.entry("redcross-hnh", "British Red Cross Help Not Hospital"),
      Map.entry("ageuk-escort", "Age UK Redbridge escorted discharge"),
      Map.entry("handyperson", "Handyperson scheme"),
      Map.entry("lbr-locality-wanstead", "Redbridge locality: Wanstead and Woodford"),
      Map.entry("lbr-locality-fairlop", "Redbridge locality: Fairlop"),
      Map.entry("lbr-locality-seven-kings", "Redbridge locality: Seven Kings"),
      Map.entry("lbr-locality-cranbrook-loxford", "Redbridge locality: Cranbrook & Loxford"),
      Map.entry("lbr-community-triage", "Redbridge community triage"),
      Map.entry("bhrut", "BHRUT wards"),
      Map.entry("barts-whipps", "Whipps Cross wards"),
      Map.entry("bhrut-therapy", "BHRUT ward therapists (physio, OT)"),
      Map.entry("barts-whipps-therapy", "Whipps Cross ward therapists (physio, OT)"),
      Map.entry("managers", "System leads"),
      Map.entry("designers", "Service designers"),
      Map.entry("admins", "Operators"));

  private Teams() {}

  /** The team's name, or its id when it is not one of ours (e.g. a team added in a model). */
  public static String name(String team) {
    return team == null ? "" : NAMES.getOrDefault(team, team);
  }

  /** Every team we know, by id, in alphabetical order (for filters). */
  public static List<String> ids() {
    return NAMES.keySet().stream().sorted().toList();
  }

  /** Names of several teams, comma-separated, in the order given. */
  public static String names(Collection<String> teams) {
    return teams.stream().map(Teams::name).collect(Collectors.joining(", "));
  }
}
