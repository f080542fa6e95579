package io.kube9.charts.config;

import java.util.List;

/**
 * One broken rule: the field it is reported on, what is wrong and how to fix it. {@code relatedFields}
 * are the other fields the rule reads (a domain and its zone), used to tell which file to blame.
 */
record Violation(String field, String problem, String fix, List<String> relatedFields) {

    static Violation of(String field, String problem, String fix, String... relatedFields) {
        return new Violation(field, problem, fix, List.of(relatedFields));
    }

    String describe(String source) {
        return source + ": " + field + ": " + problem + ". Fix: " + fix + ".";
    }
}
