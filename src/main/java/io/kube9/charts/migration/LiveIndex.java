package io.kube9.charts.migration;

import io.kube9.charts.repository.support.RepositoryConflictException;
import io.kube9.charts.repository.support.RetriesExhaustedException;
import io.kube9.charts.repository.index.ChartIndex;
import io.kube9.charts.repository.index.IndexCodec;
import io.kube9.charts.repository.index.IndexFormatException;
import java.net.URI;

/** The index a repository serves (what Helm downloads), bounded while downloading and parsed as publish parses one. */
public final class LiveIndex {
    private LiveIndex() {}

    /** Where the index was read, its bytes, and the index parsed from them. */
    public record Served(String indexUrl, byte[] bytes, ChartIndex index) {}

    public static Served read(URI repositoryUrl) {
        HttpSource source = new HttpSource(repositoryUrl, HttpSource.RETRY);
        return read(source, source.indexUrl().toString(), "");
    }

    /**
     * The index of {@code source}, read at {@code where} (for messages): a failure to read it is transient or a conflict
     * as the source says, an unparsable index a conflict; {@code suffix} ends each message.
     */
    static Served read(SourceRepository source, String where, String suffix) {
        byte[] bytes;
        try {
            bytes = source.index();
        } catch (SourceException e) {
            String message = e.getMessage() + suffix;
            throw e.transientFailure() ? new RetriesExhaustedException(message, e) : new RepositoryConflictException(message);
        }
        try {
            return new Served(where, bytes, new IndexCodec().read(bytes));
        } catch (IndexFormatException e) {
            throw new RepositoryConflictException(where + " cannot be read as a Helm index: " + e.getMessage() + suffix);
        }
    }

    /** This repository's index against the one served at {@code liveUrl}: every live version here with the same digest and created. */
    public static IndexComparison compare(URI liveUrl, String candidateName, ChartIndex candidate) {
        Served live = read(liveUrl);
        return IndexComparison.of(live.indexUrl(), live.index(), candidateName, candidate);
    }
}
