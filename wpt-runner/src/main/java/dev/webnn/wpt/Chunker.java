package dev.webnn.wpt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --this-chunk K --total-chunks N}: which test URLs one of N machines runs, as wptrunner shards. Every URL of
 * one script file stays in one chunk, so each chunk's report holds whole files and the N reports merge into the
 * report of one run.
 */
public final class Chunker {
    /** How files are spread over chunks. */
    public enum Type {
        /** wptrunner's {@code hash}: the MD5 of the file's path, modulo N. */
        HASH,
        /** wptrunner's {@code dir_hash}: the MD5 of the file's folder, so a folder stays together. */
        DIR_HASH,
        /** Files in path order, cut into N runs of about the same number of test URLs. */
        EQUAL;

        public static Type parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "hash" -> HASH;
                case "dir_hash" -> DIR_HASH;
                case "equal", "equal_count" -> EQUAL;
                default -> throw new IllegalArgumentException("--chunk-type must be hash, dir_hash or equal: " + s);
            };
        }
    }

    private Chunker() {
    }

    /** The test URLs of chunk {@code thisChunk} (1-based) of {@code totalChunks}, in their original order. */
    public static List<WptTest> select(List<WptTest> tests, int thisChunk, int totalChunks, Type type) {
        if (totalChunks < 1 || thisChunk < 1 || thisChunk > totalChunks) {
            throw new IllegalArgumentException("--this-chunk must be between 1 and --total-chunks (" + totalChunks
                    + "): " + thisChunk);
        }
        if (totalChunks == 1) {
            return tests;
        }
        Map<String, Integer> chunkOfFile = switch (type) {
            case HASH, DIR_HASH -> {
                Map<String, Integer> m = new LinkedHashMap<>();
                for (WptTest t : tests) {
                    String path = t.sourcePath();
                    String key = type == Type.HASH ? path : path.substring(0, Math.max(0, path.lastIndexOf('/')));
                    m.computeIfAbsent(path, k -> md5(key).mod(BigInteger.valueOf(totalChunks)).intValue() + 1);
                }
                yield m;
            }
            case EQUAL -> equalChunks(tests, totalChunks);
        };
        List<WptTest> out = new ArrayList<>();
        for (WptTest t : tests) {
            if (chunkOfFile.get(t.sourcePath()) == thisChunk) {
                out.add(t);
            }
        }
        return out;
    }

    private static Map<String, Integer> equalChunks(List<WptTest> tests, int totalChunks) {
        TreeMap<String, Integer> urlsPerFile = new TreeMap<>();
        for (WptTest t : tests) {
            urlsPerFile.merge(t.sourcePath(), 1, Integer::sum);
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        long seen = 0;
        for (Map.Entry<String, Integer> e : urlsPerFile.entrySet()) {
            // The chunk in which this file's first URL falls when the URLs are cut into equal runs.
            m.put(e.getKey(), (int) (seen * totalChunks / tests.size()) + 1);
            seen += e.getValue();
        }
        return m;
    }

    static BigInteger md5(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }
}
