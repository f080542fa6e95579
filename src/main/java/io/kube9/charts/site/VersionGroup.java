package io.kube9.charts.site;

import java.util.List;

/** Older versions of one major.minor series ("1.2"; "other" for versions that are not SemVer), newest first. */
public record VersionGroup(String series, List<VersionView> versions) {}
