package io.kube9.charts.repository.chart;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a chart's values.yaml as both Helm versions load it. Helm 3.17 reads the first YAML document
 * into a map; Helm 4.1 splits the file at lines starting with {@code ---} (only a comment may follow
 * on such a line) and reads every document into a map, merging them. Either way each document must be
 * a mapping (or empty) that JSON can hold: no NaN or infinity, no null or list key.
 */
final class HelmValues {
    private HelmValues() {}

    static void check(byte[] content) throws GoYaml.Problem, HelmYamlTypes.TypeProblem {
        checkDocument(GoYaml.firstDocument(content));
        for (String document : helm4Documents(new String(content, StandardCharsets.UTF_8))) {
            checkDocument(GoYaml.firstDocument(document.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void checkDocument(Object document) throws HelmYamlTypes.TypeProblem {
        HelmYamlTypes.decode(document, HelmYamlTypes.VALUES);
    }

    /** k8s.io/apimachinery's YAMLReader, as Helm 4's LoadValues uses it. */
    private static List<String> helm4Documents(String text) throws GoYaml.Problem {
        List<String> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int lineNumber = 0;
        for (String line : text.split("(?<=\n)")) {
            lineNumber++;
            if (line.startsWith("---")) {
                String after = line.substring(3).strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    throw new GoYaml.Problem("has text after the document separator --- at line " + lineNumber
                            + ", which Helm 4 refuses (invalid Yaml document separator: " + after + ")");
                }
                if (current.length() > 0) {
                    documents.add(current.toString());
                    current.setLength(0);
                    continue; // the separator ends this document; one that starts a document stays in it
                }
            }
            current.append(line);
        }
        if (current.length() > 0) {
            documents.add(current.toString());
        }
        return documents;
    }
}
