package io.kube9.charts.ops;

import java.util.List;

/** Renders a {@link DriftReport} as GitHub-flavoured Markdown (job summaries, issues, PR comments). */
public final class DriftReportMarkdown {
    private DriftReportMarkdown() {}

    public static String render(DriftReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Terraform drift report\n\n");
        md.append("**Verdict:** ").append(report.verdict()).append("\n\n");
        md.append("## Changed outside Terraform (drift)\n\n");
        section(md, report.drifted(), "Before (in state)", "After (actual)",
                "No resource changed outside Terraform.");
        md.append("## Planned changes\n\n");
        section(md, report.planned(), "Before", "After",
                "Terraform plans no changes.");
        if (report.normalisationOnly() > 0) {
            md.append("<sub>Not listed: ").append(report.normalisationOnly())
                    .append(" resource(s) whose values differ only between null and empty (provider normalisation).</sub>\n\n");
        }
        if (report.terraformVersion() != null) {
            md.append("<sub>Terraform ").append(report.terraformVersion()).append("</sub>\n");
        }
        return md.toString();
    }

    private static void section(StringBuilder md, List<DriftReport.ResourceReport> resources,
                                String beforeHeading, String afterHeading, String none) {
        if (resources.isEmpty()) {
            md.append(none).append("\n\n");
            return;
        }
        for (DriftReport.ResourceReport resource : resources) {
            md.append("### ").append(code(resource.address())).append(" (").append(resource.action()).append(")\n\n");
            if (resource.attributes().isEmpty()) {
                continue;
            }
            md.append("| Attribute | ").append(beforeHeading).append(" | ").append(afterHeading).append(" |\n");
            md.append("|---|---|---|\n");
            for (AttributeChange attribute : resource.attributes()) {
                md.append("| ").append(code(attribute.path()))
                        .append(" | ").append(code(attribute.before()))
                        .append(" | ").append(code(attribute.after()))
                        .append(" |\n");
            }
            md.append('\n');
        }
    }

    /** An inline code span safe inside a table cell: pipes escaped, a fence longer than any backtick run. */
    static String code(String text) {
        String cell = text.replace("|", "\\|").replace("\n", " ").replace("\r", " ");
        int longestRun = 0;
        int run = 0;
        for (char c : cell.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.max(longestRun, run);
        }
        String fence = "`".repeat(longestRun + 1);
        String pad = longestRun > 0 ? " " : "";
        return fence + pad + cell + pad + fence;
    }
}
