package io.kube9.charts.migration;

import io.kube9.charts.repository.RepositoryLayout;
import io.kube9.charts.repository.index.IndexCodec;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The legacy bucket itself, read with the caller's AWS credentials: an entry's package is the key its
 * URL's path names (the live index's absolute URLs point at the bucket root). Reads stream, bounded.
 */
public final class BucketSource implements SourceRepository {
    private final S3Client client;
    private final String bucket;

    public BucketSource(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    @Override
    public String describe() {
        return "s3://" + bucket;
    }

    @Override
    public byte[] index() {
        return read(RepositoryLayout.INDEX_KEY, IndexCodec.MAX_INDEX_BYTES).orElseThrow(() -> new SourceException(
                describe() + "/" + RepositoryLayout.INDEX_KEY + " does not exist: give the bucket that holds the repository", false));
    }

    @Override
    public String locate(String entryUrl) {
        String key = SourceUrls.keyOf(entryUrl);
        if (key.isEmpty()) {
            throw new SourceException("urls[0] \"" + entryUrl + "\" names no object key", false);
        }
        return key;
    }

    @Override
    public String provenanceOf(String packageLocation) {
        return packageLocation + ".prov";
    }

    @Override
    public <T> Optional<T> fetch(String key, long limit, Body<T> body) {
        String where = describe() + "/" + key;
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(key))) {
            try {
                return Optional.of(body.take(in, () -> SourceException.refused(where + " is larger than "
                        + limit + " bytes, more than Helm accepts; it is not imported")));
            } catch (SourceException tooLarge) {
                in.abort();
                throw tooLarge;
            }
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new SourceException(where + ": access denied; the caller needs s3:GetObject and s3:ListBucket on "
                        + describe() + " (without ListBucket S3 answers 403 for a missing key)", false);
            }
            throw new SourceException("could not read " + where + ": " + e.getMessage(), e.statusCode() >= 500);
        } catch (SdkException | IOException e) {
            throw new SourceException("could not read " + where + ": " + e.getMessage() + "; re-run later", true);
        }
    }
}
