package io.kube9.charts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.kube9.charts.repository.support.Progress;
import io.kube9.charts.repository.RepositoryLayout;

/** The summary's format on stdout; progress lines always go to stderr. */
final class OutputOptions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    enum Format { text, json }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "The summary on stdout: readable text or JSON for machines (default: ${DEFAULT-VALUE}).")
    Format format;

    Progress progress() {
        PrintWriter err = spec.commandLine().getErr();
        return line -> {
            err.println(line);
            err.flush();
        };
    }

    /** Prints the report as JSON, or as text with the given printer. */
    <T> void print(T report, Consumer<PrintWriter> text) {
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            try {
                out.println(JSON.writeValueAsString(report));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            text.accept(out);
        }
        out.flush();
    }

    /** The text summary's last lines after a write: the landing page if it was rewritten, the CDN invalidation if any. */
    static void printRefresh(PrintWriter out, boolean landingPageWritten, String invalidationId, List<String> invalidatedPaths) {
        if (landingPageWritten) {
            out.println(RepositoryLayout.LANDING_PAGE_KEY + ": updated");
        }
        if (invalidationId != null) {
            out.println("CloudFront invalidation: " + invalidationId + " for " + String.join(" ", invalidatedPaths));
        }
    }
}
