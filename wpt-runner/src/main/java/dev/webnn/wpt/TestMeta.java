package dev.webnn.wpt;

import java.util.List;
import java.util.Set;

/**
 * The {@code // META:} header of a test file.
 *
 * @param title     the {@code title}, or null
 * @param globals   the globals an {@code .any.js} file runs in, in a fixed order
 * @param variants  the {@code variant}s in file order ({@code "?cpu"}); one empty string when there are none
 * @param scripts   the {@code script}s in file order, as written
 * @param longTimeout whether {@code timeout=long}
 */
public record TestMeta(String title, Set<WptGlobal> globals, List<String> variants, List<String> scripts,
        boolean longTimeout) {
    public TestMeta {
        globals = Set.copyOf(globals);
        variants = List.copyOf(variants);
        scripts = List.copyOf(scripts);
    }
}
