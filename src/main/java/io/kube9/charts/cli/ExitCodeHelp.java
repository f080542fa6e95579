package io.kube9.charts.cli;

import picocli.CommandLine.Command;

/** Mixed into publish, reindex and verify (and the top level) so each one's --help lists the exit codes. */
@Command(exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (including \"already published\")",
            "1:other failure",
            "2:usage error (unknown option, missing argument)",
            "3:validation error: a chart Helm would not load; nothing was written",
            "4:conflict: a published version would change, the index disagrees with a package, the bucket's index"
                    + " is corrupt (left untouched: see reindex), or verify found problems",
            "5:transient: storage or CDN errors, or retries exhausted; re-running is safe",
        })
final class ExitCodeHelp {}
