package io.kube9.charts.repository;

import java.util.Optional;

/**
 * What an index update did: whether it wrote, after how many attempts, its last attempt's detail, and the index as
 * the bucket holds it after the update (the one written, known by the entity tag the write answered, or the one last
 * read when nothing changed), for the refresh that follows.
 */
public record IndexUpdate<T>(boolean written, int attempts, T detail, Optional<IndexSnapshot> seen) {}
