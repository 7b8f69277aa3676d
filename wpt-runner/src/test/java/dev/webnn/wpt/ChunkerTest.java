package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkerTest {
    @TempDir
    Path root;
    List<WptTest> all;

    @BeforeEach
    void writeTree() throws Exception {
        SampleWpt.write(root, "resources/testharness.js", "");
        for (int i = 0; i < 6; i++) {
            SampleWpt.write(root, "webnn/chunks/c-" + i + ".any.js",
                    i % 2 == 0 ? "// META: variant=?cpu\n// META: variant=?gpu\n" : "// META: global=window\n");
        }
        all = new TestDiscovery(root).discover(List.of("webnn/chunks"));
    }

    private static Set<String> files(List<WptTest> tests) {
        Set<String> s = new HashSet<>();
        tests.forEach(t -> s.add(t.file().getFileName().toString()));
        return s;
    }

    @Test
    void hashChunksAsWptrunnerDoes() {
        // MD5 of the path relative to the root, modulo 3, plus one (computed independently of this code).
        assertEquals(Set.of("c-5.any.js"), files(Chunker.select(all, 1, 3, Chunker.Type.HASH)));
        assertEquals(Set.of("c-1.any.js", "c-4.any.js"), files(Chunker.select(all, 2, 3, Chunker.Type.HASH)));
        assertEquals(Set.of("c-0.any.js", "c-2.any.js", "c-3.any.js"),
                files(Chunker.select(all, 3, 3, Chunker.Type.HASH)));
        assertEquals(all.size(), Chunker.select(all, 1, 3, Chunker.Type.DIR_HASH).size(), "one folder, one chunk");
        assertEquals(all, Chunker.select(all, 1, 1, Chunker.Type.HASH));
    }

    @Test
    void chunksPartitionTheTestsAndKeepFilesWhole() {
        for (Chunker.Type type : Chunker.Type.values()) {
            List<WptTest> union = new ArrayList<>();
            for (int k = 1; k <= 4; k++) {
                List<WptTest> chunk = Chunker.select(all, k, 4, type);
                for (WptTest t : chunk) {
                    assertTrue(chunk.containsAll(all.stream().filter(u -> u.file().equals(t.file())).toList()),
                            type + ": a file is split");
                }
                union.addAll(chunk);
            }
            assertEquals(all.size(), union.size(), type.toString());
            assertEquals(new HashSet<>(all), new HashSet<>(union), type.toString());
        }
    }

    @Test
    void equalChunksHoldAboutTheSameNumberOfUrls() {
        // 3 files with 4 URLs (two globals, two variants) and 3 with 1: 15 URLs.
        assertEquals(15, all.size());
        int[] sizes = new int[3];
        for (int k = 1; k <= 3; k++) {
            sizes[k - 1] = Chunker.select(all, k, 3, Chunker.Type.EQUAL).size();
        }
        assertEquals(List.of(5, 5, 5), List.of(sizes[0], sizes[1], sizes[2]));
    }

    @Test
    void badChunks() {
        assertThrows(IllegalArgumentException.class, () -> Chunker.select(all, 0, 3, Chunker.Type.HASH));
        assertThrows(IllegalArgumentException.class, () -> Chunker.select(all, 4, 3, Chunker.Type.HASH));
        assertThrows(IllegalArgumentException.class, () -> Chunker.Type.parse("random"));
        assertEquals(Chunker.Type.DIR_HASH, Chunker.Type.parse("dir-hash"));
    }
}
