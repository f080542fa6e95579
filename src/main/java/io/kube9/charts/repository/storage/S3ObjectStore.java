package io.kube9.charts.repository.storage;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.kube9.charts.repository.support.BoundedRead;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The repository bucket through the S3 API. Conditional writes use {@code If-None-Match: *} and
 * {@code If-Match}; S3 answers a lost race with 412 PreconditionFailed or, when two conditional
 * writes overlap, 409 ConditionalRequestConflict.
 */
public final class S3ObjectStore implements ObjectStore {
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;
    /** A package or provenance key, {@code <chart>-<version>.tgz[.prov]}; versions start with MAJOR.MINOR.PATCH. */
    private static final Pattern CHART_KEY = Pattern.compile("(.+?)-\\d+\\.\\d+\\.\\d+.*\\.tgz(\\.prov)?");
    /** Where the charts a publisher role may write are listed (the hosting project's configuration). */
    private static final String ALLOWED_CHARTS = "publishing.repositories[].charts in the chart hosting project's configuration"
            + " (src/main/resources/io/kube9/charts/config/defaults.yaml, or the environment's overlay)";
    /**
     * Bounds one HTTP attempt, including a body that trickles in or out without tripping the 30 s
     * socket timeout. Generous because an index of 50k versions is ~80 MB each way: 5 minutes still
     * moves it at ~2.2 Mbit/s.
     */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(5);
    /** Bounds one API call across the SDK's 3 attempts and its backoff. */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(16);

    private final S3Client client;
    private final String bucket;

    public S3ObjectStore(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    /**
     * A store using the standard AWS credentials chain (in CI: the role assumed through GitHub OIDC).
     *
     * @param endpoint  an S3-compatible endpoint, or null for AWS
     * @param region    the bucket's region, or null for the chain's default
     * @param pathStyle address the bucket in the path rather than the host name
     */
    public static S3ObjectStore connect(String bucket, URI endpoint, String region, boolean pathStyle) {
        return new S3ObjectStore(client(endpoint, region, pathStyle), bucket);
    }

    /** The client {@link #connect} uses, with its timeouts, for other readers of a bucket (e.g. an import's source). */
    public static S3Client client(URI endpoint, String region, boolean pathStyle) {
        var builder = S3Client.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT).build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        return builder.build();
    }

    S3Client client() {
        return client;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(key))) {
            GetObjectResponse response = in.response();
            // The limit holds while downloading: an enormous object is cut off, not read and then refused
            if (response.contentLength() != null && response.contentLength() > MAX_OBJECT_BYTES) {
                in.abort();
                throw ObjectStore.tooLarge(describe() + "/" + key);
            }
            byte[] content = BoundedRead.readAtMost(in, MAX_OBJECT_BYTES, () -> {
                in.abort();
                return ObjectStore.tooLarge(describe() + "/" + key);
            });
            return Optional.of(new StoredObject(content, new ObjectInfo(key, response.eTag(),
                    (long) content.length, headers(response.contentType(), response.cacheControl()), response.lastModified())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", key, e);
        } catch (IOException e) {
            throw new StorageException("could not read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            HeadObjectResponse response = client.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ObjectInfo(key, response.eTag(), response.contentLength(),
                    headers(response.contentType(), response.cacheControl()), response.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("inspect", key, e);
        } catch (SdkException e) {
            throw failure("inspect", key, e);
        }
    }

    @Override
    public WriteOutcome putIfAbsent(String key, byte[] content, ObjectHeaders headers) {
        return put(key, content, headers, request -> request.ifNoneMatch("*"), false);
    }

    @Override
    public WriteOutcome putIfMatch(String key, byte[] content, ObjectHeaders headers, String expectedEtag) {
        return put(key, content, headers, request -> request.ifMatch(expectedEtag), true);
    }

    private WriteOutcome put(String key, byte[] content, ObjectHeaders headers,
            java.util.function.Consumer<PutObjectRequest.Builder> condition, boolean missingIsLostRace) {
        try {
            PutObjectRequest.Builder request = PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(key)
                    .contentType(headers.contentType())
                    .cacheControl(headers.cacheControl());
            condition.accept(request);
            return WriteOutcome.written(client.putObject(request.build(), RequestBody.fromBytes(content)).eTag());
        } catch (S3Exception e) {
            int status = e.statusCode();
            if (status == PRECONDITION_FAILED || status == CONFLICT || (missingIsLostRace && status == NOT_FOUND)) {
                return WriteOutcome.PRECONDITION_FAILED;
            }
            throw failure("write", key, e);
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public List<String> list() {
        try {
            return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw failure("list", "", e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket;
    }

    private static ObjectHeaders headers(String contentType, String cacheControl) {
        return new ObjectHeaders(contentType == null ? "" : contentType, cacheControl == null ? "" : cacheControl);
    }

    private RuntimeException failure(String action, String key, SdkException e) {
        String object = "s3://" + bucket + "/" + key;
        if (e instanceof S3Exception s3 && accessDenied(s3)) {
            return new StorageAccessDeniedException(key, "could not " + action + " " + object + ": AWS refused access (403"
                    + " AccessDenied): " + whyDenied(action, key), e);
        }
        return new StorageException("could not " + action + " " + object + ": " + e.getMessage(), e);
    }

    /** A HEAD answer has no body, so no error code: its 403 is the same refusal. Other 403 codes (bad keys, expired
     *  tokens, clock skew) keep the SDK's own message, which names them. */
    private static boolean accessDenied(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == FORBIDDEN && (code == null || code.isBlank() || code.equals("AccessDenied"));
    }

    private static String whyDenied(String action, String key) {
        Matcher chartKey = CHART_KEY.matcher(key);
        if (chartKey.matches()) {
            String chart = chartKey.group(1);
            return "the role in use may not publish the chart '" + chart + "'. A publisher role may write only the packages"
                    + " and provenance files of the charts listed for its GitHub repository under " + ALLOWED_CHARTS
                    + ". Fix: add '" + chart + "' to the charts of the repository that releases it and deploy the"
                    + " infrastructure, or publish it from the repository whose entry lists it";
        }
        return "the credentials in use may not " + action + " it. Fix: publish through publish-charts.yml with the publisher"
                + " role of this bucket's stack (terraform output publisher_role_arns; the repositories and their charts are"
                + " " + ALLOWED_CHARTS + "), and check --bucket";
    }
}
