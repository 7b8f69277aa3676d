package dev.webnn.wpt;

/** The runner against a bare GraalJS realm (no WebNN), so the harness plumbing is tested on its own. */
class PlainRealmRunnerTest extends RunnerContract {
    @Override
    WptRealm.Factory newFactory(ServerResources resources) {
        return new PlainGraalRealms();
    }
}
