package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.providers.aws.cloudfront_function.CloudfrontFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.constructs.Construct;

/**
 * The CloudFront Function every behaviour runs on the viewer request: a literal {@code +} in the path
 * becomes {@code %2B}, because the S3 REST origin reads {@code +} as a space and a package whose version
 * carries build metadata ({@code 1.0.0+build.7}) would otherwise be a 404. Entry URLs we write are already
 * encoded; this keeps URLs from older indexes and typed by hand working. The code is
 * {@code viewer-request.js} next to this class in the resources, published (LIVE stage) so the distribution can use it.
 */
public final class ViewerRequestFunction extends Construct {
    static final String EVENT_TYPE = "viewer-request";
    private static final String CODE_RESOURCE = "io/kube9/charts/infra/constructs/viewer-request.js";
    private static final String RUNTIME = "cloudfront-js-2.0";

    /** @param name unique per account, at most 64 of {@code A-Za-z0-9-_} */
    public record Props(String name) {}

    private final CloudfrontFunction function;

    public ViewerRequestFunction(Construct scope, String id, Props props) {
        super(scope, id);
        function = CloudfrontFunction.Builder.create(this, "function")
                .name(props.name())
                .comment("Sends a literal + in the path on as %2B (S3 reads + as a space)")
                .runtime(RUNTIME)
                .code(code())
                .publish(true)
                .build();
    }

    /** The function's JavaScript, as CloudFront runs it. */
    public static String code() {
        try (InputStream in = ViewerRequestFunction.class.getClassLoader().getResourceAsStream(CODE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CODE_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String arn() {
        return function.getArn();
    }
}
