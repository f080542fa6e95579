package io.kube9.charts.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** The options every repository command shares: where the repository is, how it is written, the output. */
abstract class RepositoryCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    OutputOptions output;

    @Mixin
    ExitCodeHelp exitCodes;
}
