package io.kube9.charts.infra.constructs;

import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import software.constructs.Construct;

/**
 * Keeps the stack's Terraform state in S3, encrypted, locked with S3-native lock files
 * ({@code use_lockfile}, Terraform >= 1.10; the bindings predate it, hence the override). Any of
 * bucket/key/region can still be replaced at {@code terraform init -backend-config=key=value}.
 */
public final class StateBackend extends Construct {

    public record Props(String bucket, String key, String region) {}

    public StateBackend(Construct scope, String id, Props props) {
        super(scope, id);
        S3Backend backend = new S3Backend(this, S3BackendConfig.builder()
                .bucket(props.bucket())
                .key(props.key())
                .region(props.region())
                .encrypt(true)
                .build());
        backend.addOverride("use_lockfile", true);
    }
}
