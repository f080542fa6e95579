package io.kube9.charts.repository;

import java.util.regex.Pattern;

/**
 * Where charts are pushed as OCI artifacts: {@code oci://HOST[:PORT]/PATH}. Chart NAME lives in the
 * registry repository {@code PATH/NAME}, version V under the tag V with {@code +} written as {@code _}
 * (Helm's convention: OCI tags cannot hold {@code +}), so {@code helm install x oci://HOST/PATH/NAME --version V}
 * finds it.
 *
 * @param host the registry, {@code HOST} or {@code HOST:PORT}
 * @param path the repository path inside it, without leading or trailing slash; may be empty
 */
public record OciRepository(String host, String path) {
    public static final String SCHEME = "oci://";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    /** A path component as the OCI distribution specification allows it. */
    public static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
    /** A tag as the OCI distribution specification allows it. */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /**
     * Reads {@code oci://HOST[:PORT]/PATH}.
     *
     * @throws IllegalArgumentException saying what is wrong and how to write it instead
     */
    public static OciRepository parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw invalid(uri, "it does not start with oci://");
        }
        String rest = uri.substring(SCHEME.length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String[] hostAndPort = host.split(":", -1);
        String name = hostAndPort[0];
        if (hostAndPort.length > 2
                || !java.util.Arrays.stream(name.split("\\.", -1)).allMatch(label -> LABEL.matcher(label).matches())) {
            throw invalid(uri, "\"" + host + "\" is not a registry host name (with an optional :PORT)");
        }
        if (hostAndPort.length == 2 && (!PORT.matcher(hostAndPort[1]).matches() || Integer.parseInt(hostAndPort[1]) > 65535)) {
            throw invalid(uri, "\"" + hostAndPort[1] + "\" is not a port number");
        }
        // Without a dot or a port, OCI references read the first component as a path, not a registry (Docker's rule).
        if (!name.contains(".") && hostAndPort.length == 1) {
            throw invalid(uri, "the registry \"" + host + "\" has neither a dot nor a port; write it with its port,"
                    + " e.g. oci://" + host + ":5000/" + path);
        }
        if (!path.isEmpty()) {
            for (String component : path.split("/", -1)) {
                if (!COMPONENT.matcher(component).matches()) {
                    throw invalid(uri, "the path component \"" + component + "\" is not allowed in an OCI repository name"
                            + " (lowercase letters and digits, separated by '.', '_', '__' or '-')");
                }
            }
        }
        return new OciRepository(host, path);
    }

    private static IllegalArgumentException invalid(String uri, String problem) {
        return new IllegalArgumentException(uri + ": " + problem
                + ". Write it as oci://HOST[:PORT]/PATH, e.g. oci://public.ecr.aws/kube9 or oci://ghcr.io/alto9/charts");
    }

    /** The registry repository that holds a chart's versions, e.g. {@code kube9/kube9-operator}. */
    public String repositoryOf(String chart) {
        return path.isEmpty() ? chart : path + "/" + chart;
    }

    /** The tag of a chart version: the version with {@code +} as {@code _}, as {@code helm push} and {@code helm pull} write it. */
    public static String tagOf(String version) {
        return version.replace('+', '_');
    }

    /** What {@code helm install NAME <chartUrl> --version V} is given, e.g. {@code oci://public.ecr.aws/kube9/kube9-operator}. */
    public String chartUrl(String chart) {
        return SCHEME + host + "/" + repositoryOf(chart);
    }

    /** One version, as {@code oci://HOST/PATH/NAME:TAG}. */
    public String reference(String chart, String version) {
        return chartUrl(chart) + ":" + tagOf(version);
    }

    @Override
    public String toString() {
        return SCHEME + host + (path.isEmpty() ? "" : "/" + path);
    }
}
