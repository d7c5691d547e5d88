package org.homefirst.console;

import java.util.List;

/** The patient-level rows a return's figures were computed from, in named columns. */
record Basis(String name, String description, List<String> columns, List<BasisRow> rows) {}
