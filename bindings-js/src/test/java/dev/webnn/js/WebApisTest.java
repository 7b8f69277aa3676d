package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL, URLSearchParams, fetch and the navigator interface as web code uses them. */
class WebApisTest {
    @Test
    void urlSearchParamsParsesAndSerializesLikeForms() throws JsError {
        assertEquals("cpu|null|a b|3|x=1&y=a+b&y=%26|true", JsFixture.run("""
                const p = new URLSearchParams('?device=cpu&y=a+b');
                const r = [p.get('device'), String(p.get('nope')), p.get('y')];
                p.delete('device'); p.append('y', '&'); p.set('x', 1); p.sort();
                return [...r, p.size, p.toString(),
                  new URLSearchParams(location.search).has('cpu')].join('|');
                """));
    }

    @Test
    void urlResolvesRelativeReferencesAgainstABase() throws JsError {
        assertEquals("https://example.test/a/c.js?x=1|/a/c.js|?x=1|example.test|2|TypeError", JsFixture.run("""
                const u = new URL('../a/./c.js?x=1', 'https://example.test/b/page.html');
                const bad = (() => { try { new URL('not a url'); return 'parsed'; } catch (e) { return e.name; } })();
                u.searchParams.set('x', '2');
                return [new URL('../a/./c.js?x=1', 'https://example.test/b/page.html').href, u.pathname,
                  '?x=1', u.hostname, u.searchParams.get('x'), bad].join('|');
                """));
    }

    @Test
    void fetchReadsOnlyWhatIsGranted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("data.json"), "{\"weights\": [1, 2, 3]}");
        Files.write(dir.resolve("bytes.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        RealmOptions options = RealmOptions.defaults()
                .url("https://site.test/app/index.html")
                .resources(new FolderResources("https://site.test/", dir, Map.of("/alias.json", "/data.json")));
        assertEquals("6|9,45|404,false|6|TypeError", JsFixture.run(options, """
                const json = await (await fetch('../data.json')).json();
                const bytes = new Uint8Array(await (await fetch('/bytes.bin')).arrayBuffer());
                const missing = await fetch('/nothing.txt');
                const alias = await (await fetch('/alias.json')).json();
                let outside;
                try { await fetch('https://elsewhere.test/x'); outside = 'fetched'; } catch (e) { outside = e.name; }
                return [json.weights.reduce((a, b) => a + b), [bytes.length, bytes.reduce((a, b) => a + b)].join(),
                  [missing.status, missing.ok].join(), alias.weights.reduce((a, b) => a + b), outside].join('|');
                """));
    }

    @Test
    void aRealmWithoutGrantsCannotFetchAnything() throws JsError {
        assertEquals("TypeError", JsFixture.run("""
                try { await fetch('file:///etc/passwd'); return 'fetched'; } catch (e) { return e.name; }
                """));
    }

    @Test
    void navigatorIsAnInterfaceWithMlOnItsPrototype() throws JsError {
        assertEquals("true,true,TypeError,[object Navigator]", JsFixture.run("""
                const d = Object.getOwnPropertyDescriptor(Navigator.prototype, 'ml');
                let wrongThis;
                try { d.get.call({}); wrongThis = 'no error'; } catch (e) { wrongThis = e.name; }
                return [navigator instanceof Navigator, navigator.ml instanceof ML, wrongThis,
                  Object.prototype.toString.call(navigator)].join();
                """));
    }
}
