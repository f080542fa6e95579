package io.kube9.charts.migration;

import io.kube9.charts.publishing.RepositoryConflictException;
import io.kube9.charts.publishing.RetriesExhaustedException;
import io.kube9.charts.publishing.index.ChartIndex;
import io.kube9.charts.publishing.index.IndexCodec;
import io.kube9.charts.publishing.index.IndexFormatException;
import java.net.URI;

/** The index a repository URL serves (what Helm downloads), bounded while downloading and parsed as publish parses one. */
public final class LiveIndex {
    private LiveIndex() {}

    public static ChartIndex read(URI repositoryUrl) {
        return parse(new HttpSource(repositoryUrl, HttpSource.RETRY));
    }

    static ChartIndex parse(HttpSource source) {
        try {
            return new IndexCodec().read(source.index());
        } catch (SourceException e) {
            throw e.transientFailure() ? new RetriesExhaustedException(e.getMessage(), e) : new RepositoryConflictException(e.getMessage());
        } catch (IndexFormatException e) {
            throw new RepositoryConflictException(source.indexUrl() + " cannot be read as a Helm index: " + e.getMessage());
        }
    }

    /** This repository's index against the one served at {@code liveUrl}: every live version here with the same digest and created. */
    public static IndexComparison compare(URI liveUrl, String candidateName, ChartIndex candidate) {
        HttpSource live = new HttpSource(liveUrl, HttpSource.RETRY);
        return IndexComparison.of(live.indexUrl().toString(), parse(live), candidateName, candidate);
    }
}
