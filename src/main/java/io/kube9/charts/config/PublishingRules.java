package io.kube9.charts.config;

import static io.kube9.charts.config.ConfigValidator.quote;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of the {@code publishing} and {@code oci} sections: who may publish which charts, and where OCI copies go. */
final class PublishingRules {
    private static final String REPOSITORIES = "publishing.repositories";
    private static final String WORKFLOW_REFS = "publishing.workflowRefs";
    /** IAM's limit for role names. */
    private static final int MAX_ROLE_NAME = 64;
    /** Also what IAM's StringLike sees: '*' only at the end ('?' would be a wildcard too). */
    private static final Pattern TAG_PATTERN = Pattern.compile("[A-Za-z0-9._/-]+\\*?");
    /** Helm's chart name rule (a DNS-1123 label), which also fits package keys and ECR repository names. */
    private static final Pattern CHART_NAME = Pattern.compile("(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    /** A branch, a tag or a tag prefix with one trailing '*' (IAM StringLike), or a commit. */
    private static final Pattern WORKFLOW_REF = Pattern.compile("refs/heads/[A-Za-z0-9._/-]+|refs/tags/[A-Za-z0-9._/-]+\\*?|[0-9a-f]{40}");
    private static final Set<String> OCI_TARGETS = Set.of(OciConfig.OFF, OciConfig.ECR_PUBLIC, OciConfig.REGISTRY);
    private static final Pattern ECR_PUBLIC_ALIAS = Pattern.compile("(?=.{2,50}$)[a-z][a-z0-9]+([._-][a-z0-9]+)*");
    private static final Pattern REGISTRY_PATH =
            Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+");

    private final ConfigValidator validator;

    private PublishingRules(ConfigValidator validator) {
        this.validator = validator;
    }

    static void check(ChartHostingConfig config, ConfigValidator validator) {
        PublishingRules rules = new PublishingRules(validator);
        rules.checkRepositories(config);
        rules.checkWorkflowRefs(config.publishing().workflowRefs());
        rules.checkOci(config.oci());
    }

    /** Where a chart was listed first: its entry's index and repository. */
    private record Listing(int entry, String repository) {}

    private void checkRepositories(ChartHostingConfig config) {
        List<PublishingRepository> entries = config.publishing().repositories();
        if (entries.isEmpty()) {
            fail(REPOSITORIES, "lists no repository, so nothing could publish", "list at least one entry such as"
                    + " {repository: alto9/kube9-operator, tags: \"v*\", charts: [kube9-operator]}");
        }
        Map<String, Integer> repositories = new HashMap<>();
        Map<String, Listing> charts = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            PublishingRepository entry = entries.get(i);
            String at = REPOSITORIES + "[" + i + "]";
            if (required(at + ".repository", entry.repository())
                    && validator.githubRepository(at + ".repository", entry.repository(), "alto9/kube9-operator", REPOSITORIES)) {
                checkUnique(repositories, entry.repository(), i, at);
                checkRoleName(config, entry, at);
            }
            if (entry.repositoryId() != null && entry.repositoryId() <= 0) {
                fail(at + ".repositoryId", entry.repositoryId() + " is not a GitHub repository ID", "use the number GitHub"
                        + " reports for the repository (gh api repos/OWNER/REPO --jq .id), or null");
            }
            if (required(at + ".tags", entry.tags()) && !TAG_PATTERN.matcher(entry.tags()).matches()) {
                fail(at + ".tags", quote(entry.tags()) + " must be a literal tag prefix optionally followed by one '*'"
                        + " (anything broader lets any tag publish)", "use a pattern such as 'v*'");
            }
            checkCharts(entry, i, at, charts);
        }
    }

    private void checkUnique(Map<String, Integer> seen, String repository, int entry, String at) {
        Integer first = seen.putIfAbsent(repository.toLowerCase(Locale.ROOT), entry);
        if (first != null) {
            fail(at + ".repository", quote(repository) + " is listed twice (also " + REPOSITORIES + "[" + first
                    + "]; GitHub names are case-insensitive)", "merge the two entries into one");
        }
    }

    private void checkRoleName(ChartHostingConfig config, PublishingRepository entry, String at) {
        String role = config.publisherRoleName(entry);
        if (role.length() > MAX_ROLE_NAME) {
            validator.fail(at + ".repository", "gives the publisher role name " + quote(role) + " of " + role.length()
                    + " characters, more than IAM's " + MAX_ROLE_NAME, "use a shorter environment name (the role is named "
                    + ChartHostingConfig.NAME_PREFIX + "<environment>-publisher-<owner>.<repo>)", "environment", REPOSITORIES);
        }
    }

    private void checkCharts(PublishingRepository entry, int index, String at, Map<String, Listing> listed) {
        String field = at + ".charts";
        if (entry.charts().isEmpty()) {
            fail(field, "lists no chart, so the repository's role could publish nothing",
                    "list the charts its releases publish, such as [kube9-operator]");
        }
        for (String chart : entry.charts()) {
            if (chart == null || !CHART_NAME.matcher(chart).matches()) {
                fail(field, quote(String.valueOf(chart)) + " is not a Helm chart name", "use 1-63 lowercase letters, digits or"
                        + " '-', starting and ending with a letter or digit, such as 'kube9-operator' (Helm's chart name rule)");
                continue;
            }
            Listing first = listed.putIfAbsent(chart, new Listing(index, entry.repository()));
            if (first != null) {
                fail(field, quote(chart) + (first.entry() == index ? " is listed twice"
                                : " is also listed for " + first.repository() + " (" + REPOSITORIES + "[" + first.entry()
                                        + "]); a chart is published from one repository only"),
                        first.entry() == index ? "list each chart once" : "remove it from one of the two entries");
                continue;
            }
            listed.forEach((other, owner) -> {
                if (owner.entry() != index && (chart.startsWith(other + "-") || other.startsWith(chart + "-"))) {
                    boolean mineIsShorter = chart.length() < other.length();
                    String shorter = mineIsShorter ? chart : other;
                    fail(field, quote(chart) + " cannot be kept apart from " + quote(other) + " of " + owner.repository() + " ("
                            + REPOSITORIES + "[" + owner.entry() + "]): the key pattern " + shorter + "-*.tgz, with which "
                            + (mineIsShorter ? entry.repository() : owner.repository()) + "'s role writes " + shorter
                            + "'s packages, also matches " + (mineIsShorter ? other : chart) + "-1.0.0.tgz",
                            "rename one of the charts, or publish both from the same repository");
                }
            });
        }
    }

    private void checkWorkflowRefs(List<String> refs) {
        if (refs.isEmpty()) {
            validator.fail(WORKFLOW_REFS, "lists no ref of " + PublishingConfig.REUSABLE_WORKFLOW + ", so no release could assume a"
                    + " publisher role", "list the refs callers use, such as [\"refs/heads/main\"]");
        }
        for (int i = 0; i < refs.size(); i++) {
            String ref = refs.get(i);
            if (ref == null || !WORKFLOW_REF.matcher(ref).matches()) {
                validator.fail(WORKFLOW_REFS + "[" + i + "]", quote(String.valueOf(ref)) + " is not a full Git ref or commit SHA",
                        "use 'refs/heads/<branch>', 'refs/tags/<tag>' (a trailing '*' matches a tag prefix, such as"
                                + " 'refs/tags/v1.*') or a 40-character commit SHA, as GitHub reports the part after '@' of the"
                                + " caller's uses: line in job_workflow_ref (@v1 is refs/tags/v1, @main is refs/heads/main)",
                        WORKFLOW_REFS);
            }
        }
    }

    private void checkOci(OciConfig oci) {
        if (!validator.required("oci.target", oci.target())) {
            return;
        }
        if (!OCI_TARGETS.contains(oci.target())) {
            validator.fail("oci.target", quote(oci.target()) + " is not an OCI target", "use off, ecr-public or registry");
        }
        if (oci.ecrPublic() && (oci.ecrPublicAlias() == null || !ECR_PUBLIC_ALIAS.matcher(oci.ecrPublicAlias()).matches())) {
            validator.fail("oci.ecrPublicAlias", quote(String.valueOf(oci.ecrPublicAlias()))
                            + " is not an ECR Public registry alias", "set the alias the ECR Public console shows for this"
                            + " account's public registry (2-50 lowercase letters, digits, '.', '_' or '-', starting with a letter)",
                    "oci.target");
        }
        boolean registry = OciConfig.REGISTRY.equals(oci.target());
        if (registry && oci.registry() == null) {
            validator.fail("oci.registry", "is required when oci.target is 'registry'", "set the path charts are pushed under,"
                    + " such as 'ghcr.io/alto9/charts'", "oci.target");
        } else if (registry && !REGISTRY_PATH.matcher(oci.registry()).matches()) {
            validator.fail("oci.registry", quote(oci.registry()) + " is not a registry path", "write the registry"
                    + " host and the path charts go under, without scheme, such as 'ghcr.io/alto9/charts' (lowercase; a chart"
                    + " NAME is pushed to <registry>/NAME)", "oci.target");
        } else if (!registry && oci.registry() != null) {
            validator.fail("oci.registry", "is set, but oci.target is " + quote(oci.target()) + ", so it would be ignored",
                    "set oci.target to 'registry', or remove oci.registry", "oci.target");
        }
    }

    private boolean required(String field, String value) {
        if (value == null || value.isBlank()) {
            fail(field, "is required", "give every entry of " + REPOSITORIES + " a repository, tags and charts");
            return false;
        }
        return true;
    }

    /** The entries are replaced as one list, so a problem in one of them blames the file that set the list. */
    private void fail(String field, String problem, String fix) {
        validator.fail(field, problem, fix, REPOSITORIES);
    }
}
