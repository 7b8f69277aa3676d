package dev.webnn.wpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaParserTest {
    @Test
    void readsEveryKeyInOrder(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sample-meta.https.any.js");
        Files.writeString(f, """
                // META: title=sample title = with equals
                // META: global=window,worker
                // META: variant=?cpu
                // META: variant=?gpu
                // META: script=../resources/a.js
                // META: script=/resources/b.js
                // META: timeout=long

                'use strict';
                // META: script=ignored-after-the-header.js
                """);
        TestMeta m = MetaParser.parse(f);
        assertEquals("sample title = with equals", m.title());
        assertEquals(EnumSet.allOf(WptGlobal.class), m.globals());
        assertEquals(List.of("?cpu", "?gpu"), m.variants());
        assertEquals(List.of("../resources/a.js", "/resources/b.js"), m.scripts());
        assertTrue(m.longTimeout());
    }

    @Test
    void defaults() {
        TestMeta m = MetaParser.parse("test(() => {});\n");
        assertNull(m.title());
        assertEquals(EnumSet.of(WptGlobal.WINDOW, WptGlobal.DEDICATED_WORKER), m.globals());
        assertEquals(List.of(""), m.variants());
        assertEquals(List.of(), m.scripts());
        assertFalse(m.longTimeout());
    }

    @Test
    void crlfAndBom() {
        TestMeta m = MetaParser.parse("\uFEFF// META: global=window\r\n// META: timeout=long\r\ncode();\r\n");
        assertEquals(EnumSet.of(WptGlobal.WINDOW), m.globals());
        assertTrue(m.longTimeout());
    }

    @Test
    void globals() {
        assertEquals(EnumSet.of(WptGlobal.WINDOW), MetaParser.parseGlobals("window"));
        assertEquals(EnumSet.of(WptGlobal.DEDICATED_WORKER, WptGlobal.SHARED_WORKER, WptGlobal.SERVICE_WORKER),
                MetaParser.parseGlobals("worker"));
        assertEquals(EnumSet.of(WptGlobal.WINDOW, WptGlobal.DEDICATED_WORKER, WptGlobal.SERVICE_WORKER),
                MetaParser.parseGlobals("window,dedicatedworker,serviceworker"));
        assertEquals(EnumSet.of(WptGlobal.DEDICATED_WORKER), MetaParser.parseGlobals("default,-window"));
        assertEquals(EnumSet.of(WptGlobal.WINDOW), MetaParser.parseGlobals("window,shadowrealm,jsshell"));
    }
}
