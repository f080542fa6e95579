package io.kube9.charts.cli;

import picocli.CommandLine.Command;

/** Mixed into yank, unyank and deprecate so each one's --help lists what its exit codes mean for it. */
@Command(exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, or already so (a re-run changes nothing)",
            "1:other failure",
            "2:usage error (unknown option, missing argument, an empty or over-long --reason/--message)",
            "3:the chart or version is not in the repository; nothing was written",
            "4:conflict: index.yaml and lifecycle.json disagree, a yanked package is missing or changed, or index.yaml or"
                    + " lifecycle.json is corrupt (left untouched); nothing was written",
            "5:transient: storage or CDN errors, or retries exhausted; re-running is safe",
        })
final class LifecycleExitCodeHelp {}
