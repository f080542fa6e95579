package io.kube9.charts.cli;

import picocli.CommandLine.Command;

/** Mixed into the repository commands (and the top level) so each one's --help lists the exit codes. */
@Command(exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (including \"already published\")",
            "1:other failure",
            "2:usage error (unknown option, missing argument)",
            "3:validation error: a chart Helm would not load; nothing was written",
            "4:conflict: a published version would change, the index disagrees with a package, the bucket's index"
                    + " is corrupt (left untouched: see reindex), verify found problems, import left entries out, cutover"
                    + " refused to move, or the bucket refused this role access (403: the message says which chart and"
                    + " where it is allowed)",
            "5:transient: storage or CDN errors, or retries exhausted; re-running is safe",
        })
final class ExitCodeHelp {}
