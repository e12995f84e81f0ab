package io.hyperfusion.app;

import picocli.CommandLine;

/** Reports the project version from the jar manifest. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HyperFusionCli.class.getPackage().getImplementationVersion();
        return new String[] {"hyperfusion " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
