package io.kube9.charts.ops;

/**
 * One attribute that differs, with both sides already rendered for a person (sensitive values masked,
 * long values shortened, unknown values named).
 *
 * @param path for example {@code tags.env}, {@code rule[0].expiration[0].days} or {@code tags["kubernetes.io/name"]}
 */
public record AttributeChange(String path, String before, String after) {}
