package dev.webnn.bench;

/** Builds one workload on one engine (or none, for the JVM's own share), runs it 20 times, prints peak RSS. */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (!args[0].equals("none")) {
            try (Engines engine = Engines.create(args[0], Workloads.of(args[1]), Integer.parseInt(args[2]))) {
                for (int i = 0; i < 20; i++) {
                    engine.run();
                }
            }
        }
        System.out.println("peak resident set: " + RunAll.peakResident());
    }
}
