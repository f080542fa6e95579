package io.kube9.charts.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A recorded FAKE of the CloudFront REST calls this project makes (real CloudFront cannot be reached
 * from here), over real HTTP on a random loopback port, with the 2020-05-31 API's XML:
 * CreateInvalidation, which like CloudFront returns the existing invalidation for a repeated caller
 * reference with the same paths and refuses other paths with 409, and GetInvalidation, which reports
 * InProgress on the first poll and Completed afterwards; for the cutover, GetDistribution of the
 * distributions a test declares ({@link #distribution}) and AssociateAlias, which moves an alias from
 * the distribution that has it to the target as CloudFront does, refusing as CloudFront documents it
 * (404 NoSuchDistribution; 400 InvalidArgument without a certificate or without the DNS TXT record
 * {@code _<alias>} listing the target's domain, declared with {@link #txtRecord}; 400 IllegalUpdate
 * when the target has it already); a moved-to distribution is InProgress for two reads, then Deployed.
 * It records every request, invalidation and alias move.
 */
public final class RecordedCloudFrontFake implements AutoCloseable {
    private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Pattern CREATE = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation");
    private static final Pattern GET = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation/([^/]+)");

    private static final Pattern DISTRIBUTION = Pattern.compile("/2020-05-31/distribution/([^/]+)");
    private static final Pattern ASSOCIATE_ALIAS = Pattern.compile("/2020-05-31/distribution/([^/]+)/associate-alias");
    private static final int READS_UNTIL_DEPLOYED = 2;

    /** An invalidation the fake created. */
    public record Invalidation(String distributionId, String id, String callerReference, List<String> paths) {}

    /** An AssociateAlias the fake carried out: the alias went from {@code fromDistributionId} (null: none) to the target. */
    public record AliasMove(String targetDistributionId, String alias, String fromDistributionId) {}

    /** A distribution as GetDistribution describes it; {@code certificateArn} null means CloudFront's default certificate. */
    private static final class Distribution {
        final String id;
        final String domainName;
        final String certificateArn;
        final List<String> aliases;
        int readsUntilDeployed;

        Distribution(String id, String domainName, String certificateArn, List<String> aliases) {
            this.id = id;
            this.domainName = domainName;
            this.certificateArn = certificateArn;
            this.aliases = new ArrayList<>(aliases);
        }
    }

    private final Map<String, Distribution> distributions = new LinkedHashMap<>();
    private final Map<String, List<String>> txtRecords = new HashMap<>();
    private final List<AliasMove> aliasMoves = new ArrayList<>();
    private final List<Consumer<AliasMove>> aliasListeners = new ArrayList<>();
    private String[] associateAliasFailure;

    private final List<Invalidation> created = new ArrayList<>();
    private final Map<String, Invalidation> byReference = new HashMap<>();
    private final Map<String, Integer> polls = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final LoopbackHttpServer server;

    private RecordedCloudFrontFake() {
        this.server = LoopbackHttpServer.start(this::handle);
    }

    public static RecordedCloudFrontFake start() {
        return new RecordedCloudFrontFake();
    }

    public URI endpoint() {
        return server.url();
    }

    /** Every invalidation created, in order. */
    public synchronized List<Invalidation> invalidations() {
        return List.copyOf(created);
    }

    public synchronized List<Invalidation> invalidations(String distributionId) {
        return created.stream().filter(i -> i.distributionId().equals(distributionId)).toList();
    }

    /** Declares a distribution (with an ACM certificate unless {@code certificateArn} is null) holding {@code aliases}. */
    public synchronized RecordedCloudFrontFake distribution(String id, String domainName, String certificateArn, String... aliases) {
        distributions.put(id, new Distribution(id, domainName, certificateArn, List.of(aliases)));
        return this;
    }

    /** Declares the DNS TXT record {@code name} (e.g. {@code _charts.kube9.io}) AssociateAlias checks. */
    public synchronized RecordedCloudFrontFake txtRecord(String name, String... values) {
        txtRecords.put(name, List.of(values));
        return this;
    }

    /** Every later AssociateAlias answers with this error instead (e.g. 403 AccessDenied, 503 ServiceUnavailable). */
    public synchronized void failAssociateAlias(int status, String code, String message) {
        associateAliasFailure = new String[] {String.valueOf(status), code, message};
    }

    /** Called, before the answer, for every alias AssociateAlias moved. */
    public synchronized void onAliasMoved(Consumer<AliasMove> listener) {
        aliasListeners.add(listener);
    }

    public synchronized List<AliasMove> aliasMoves() {
        return List.copyOf(aliasMoves);
    }

    public synchronized List<String> aliases(String distributionId) {
        return List.copyOf(distributions.get(distributionId).aliases);
    }

    /** Every request received, as "METHOD /path", in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.close();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            Matcher get = GET.matcher(path);
            Matcher create = CREATE.matcher(path);
            Matcher distribution = DISTRIBUTION.matcher(path);
            Matcher associate = ASSOCIATE_ALIAS.matcher(path);
            if ("GET".equals(exchange.getRequestMethod()) && get.matches()) {
                respondToGet(exchange, get.group(2));
            } else if ("GET".equals(exchange.getRequestMethod()) && distribution.matches()) {
                respondToGetDistribution(exchange, distribution.group(1));
            } else if ("PUT".equals(exchange.getRequestMethod()) && associate.matches()) {
                respondToAssociateAlias(exchange, associate.group(1), queryParameter(exchange, "Alias"));
            } else if ("POST".equals(exchange.getRequestMethod()) && create.matches()) {
                respondToCreate(exchange, create.group(1), parse(exchange.getRequestBody().readAllBytes()));
            } else {
                respond(exchange, 400, error("InvalidRequest", "not recorded: " + exchange.getRequestMethod() + " " + path));
            }
        }
    }

    private void respondToGet(HttpExchange exchange, String id) throws IOException {
        Invalidation found = created.stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
        if (found == null) {
            respond(exchange, 404, error("NoSuchInvalidation", "The specified invalidation does not exist."));
            return;
        }
        int poll = polls.merge(id, 1, Integer::sum);
        respond(exchange, 200, xml(found, poll > 1 ? "Completed" : "InProgress"));
    }

    private void respondToCreate(HttpExchange exchange, String distributionId, Document batch) throws IOException {
        String callerReference = batch.getElementsByTagName("CallerReference").item(0).getTextContent();
        List<String> paths = new ArrayList<>();
        NodeList items = batch.getElementsByTagName("Path");
        for (int i = 0; i < items.getLength(); i++) {
            paths.add(items.item(i).getTextContent());
        }
        String key = distributionId + "/" + callerReference;
        Invalidation existing = byReference.get(key);
        if (existing != null && !existing.paths().equals(paths)) {
            respond(exchange, 409, error("InvalidationBatchAlreadyExists", "The caller reference is already in use."));
            return;
        }
        Invalidation invalidation = existing;
        if (invalidation == null) {
            invalidation = new Invalidation(distributionId, "I" + (created.size() + 1) + "FAKE", callerReference, List.copyOf(paths));
            created.add(invalidation);
            byReference.put(key, invalidation);
        }
        exchange.getResponseHeaders().add("Location",
                endpoint() + "/2020-05-31/distribution/" + distributionId + "/invalidation/" + invalidation.id());
        respond(exchange, 201, xml(invalidation, "InProgress"));
    }

    private void respondToGetDistribution(HttpExchange exchange, String id) throws IOException {
        Distribution distribution = distributions.get(id);
        if (distribution == null) {
            respond(exchange, 404, error("NoSuchDistribution", "The specified distribution does not exist."));
            return;
        }
        String status = distribution.readsUntilDeployed > 0 ? "InProgress" : "Deployed";
        distribution.readsUntilDeployed = Math.max(0, distribution.readsUntilDeployed - 1);
        StringBuilder aliases = new StringBuilder();
        distribution.aliases.forEach(alias -> aliases.append("<CNAME>").append(alias).append("</CNAME>"));
        String certificate = distribution.certificateArn == null
                ? "<CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate><MinimumProtocolVersion>TLSv1</MinimumProtocolVersion>"
                + "<CertificateSource>cloudfront</CertificateSource>"
                : "<ACMCertificateArn>" + distribution.certificateArn + "</ACMCertificateArn><SSLSupportMethod>sni-only</SSLSupportMethod>"
                + "<MinimumProtocolVersion>TLSv1.2_2021</MinimumProtocolVersion><Certificate>" + distribution.certificateArn
                + "</Certificate><CertificateSource>acm</CertificateSource>";
        exchange.getResponseHeaders().add("ETag", "E" + Integer.toHexString(distribution.aliases.hashCode()).toUpperCase());
        respond(exchange, 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Distribution xmlns=\"" + NS + "\"><Id>" + id
                + "</Id><ARN>arn:aws:cloudfront::123456789012:distribution/" + id + "</ARN><Status>" + status
                + "</Status><LastModifiedTime>2026-11-24T06:00:00.000Z</LastModifiedTime>"
                + "<InProgressInvalidationBatches>0</InProgressInvalidationBatches><DomainName>" + distribution.domainName
                + "</DomainName><DistributionConfig><CallerReference>fake-" + id + "</CallerReference><Aliases><Quantity>"
                + distribution.aliases.size() + "</Quantity>" + (distribution.aliases.isEmpty() ? "" : "<Items>" + aliases + "</Items>")
                + "</Aliases><Comment></Comment><Enabled>true</Enabled><ViewerCertificate>" + certificate
                + "</ViewerCertificate></DistributionConfig></Distribution>");
    }

    private void respondToAssociateAlias(HttpExchange exchange, String targetId, String alias) throws IOException {
        Distribution target = distributions.get(targetId);
        if (associateAliasFailure != null) {
            respond(exchange, Integer.parseInt(associateAliasFailure[0]), error(associateAliasFailure[1], associateAliasFailure[2]));
        } else if (target == null) {
            respond(exchange, 404, error("NoSuchDistribution", "The specified distribution does not exist."));
        } else if (alias == null || alias.isEmpty() || !alias.equals(alias.toLowerCase(java.util.Locale.ROOT))) {
            respond(exchange, 400, error("InvalidArgument", "The parameter Alias is invalid."));
        } else if (target.certificateArn == null) {
            respond(exchange, 400, error("InvalidArgument", "The distribution " + targetId + " must have a valid certificate"
                    + " covering " + alias + " before the alias can be associated with it."));
        } else if (!txtRecords.getOrDefault("_" + alias, List.of()).contains(target.domainName)) {
            respond(exchange, 400, error("InvalidArgument", "To associate " + alias + " with " + targetId + ", create a DNS TXT"
                    + " record _" + alias + " whose value is " + target.domainName + "."));
        } else if (target.aliases.contains(alias)) {
            respond(exchange, 400, error("IllegalUpdate", alias + " is already associated with distribution " + targetId + "."));
        } else {
            Distribution from = distributions.values().stream().filter(d -> d.aliases.contains(alias)).findFirst().orElse(null);
            if (from != null) {
                from.aliases.remove(alias);
                from.readsUntilDeployed = READS_UNTIL_DEPLOYED;
            }
            target.aliases.add(alias);
            target.readsUntilDeployed = READS_UNTIL_DEPLOYED;
            AliasMove move = new AliasMove(targetId, alias, from == null ? null : from.id);
            aliasMoves.add(move);
            aliasListeners.forEach(listener -> listener.accept(move));
            exchange.getResponseHeaders().add("x-amz-request-id", "fake");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String xml(Invalidation invalidation, String status) {
        StringBuilder paths = new StringBuilder();
        invalidation.paths().forEach(p -> paths.append("<Path>").append(p).append("</Path>"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invalidation xmlns=\"" + NS + "\"><Id>" + invalidation.id()
                + "</Id><Status>" + status + "</Status><CreateTime>2026-11-24T06:00:00.000Z</CreateTime><InvalidationBatch>"
                + "<Paths><Quantity>" + invalidation.paths().size() + "</Quantity><Items>" + paths + "</Items></Paths>"
                + "<CallerReference>" + invalidation.callerReference() + "</CallerReference></InvalidationBatch></Invalidation>";
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>fake</RequestId></ErrorResponse>";
    }

    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new IllegalStateException("CloudFront fake could not parse the request body", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("x-amz-request-id", "fake");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
