package io.kube9.charts.repository;

/**
 * What happened to a package, a provenance file or a mirror's copy of them. {@code ALREADY_PUBLISHED_REPACKAGED}: the
 * offered package has other bytes but the same content as the published one (re-packaged: only tar headers, time
 * stamps or compression differ), so the published package stays. {@code NOT_UPLOADED_SIGNS_REPACKAGED_BYTES}: the
 * offered provenance file signs those other bytes.
 */
public enum UploadStatus { UPLOADED, ALREADY_PUBLISHED, WOULD_UPLOAD, ALREADY_PUBLISHED_REPACKAGED, NOT_UPLOADED_SIGNS_REPACKAGED_BYTES }
