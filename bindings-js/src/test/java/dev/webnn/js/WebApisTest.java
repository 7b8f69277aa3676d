package dev.webnn.js;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL, URLSearchParams, fetch and the navigator interface as web code uses them. */
class WebApisTest {
    /** Large fills take the copying path; each must equal the element-by-element definition of fill. */
    @Test
    void typedArrayFillMatchesTheDefinitionOnLargeArrays() throws JsError {
        assertEquals("ok", JsFixture.run("""
                function byDefinition(a, value, start, end) {
                  const len = a.length;
                  const rel = (v, d) => v === undefined ? d : (Number.isNaN(v) ? 0 : Math.trunc(v));
                  let k = rel(start, 0), fin = rel(end, len);
                  k = k < 0 ? Math.max(len + k, 0) : Math.min(k, len);
                  fin = fin < 0 ? Math.max(len + fin, 0) : Math.min(fin, len);
                  for (let i = k; i < fin; i++) a[i] = value;
                  return a;
                }
                const cases = [[], [5], [-9000], [10, 9000], [3, -3], [NaN, 1e9], [-1e9, 8500.7], [9000, 5], [-Infinity]];
                for (const Kind of [Float32Array, Int16Array, Uint8ClampedArray]) {
                  for (const args of cases) {
                    const fast = new Kind(10001).fill(7);
                    const slow = new Kind(10001).fill(7);
                    if (fast.fill(300.5, ...args) !== fast) return 'fill did not return its receiver';
                    byDefinition(slow, Kind === Uint8ClampedArray ? 255 : (Kind === Int16Array ? 300 : 300.5), ...args);
                    for (let i = 0; i < fast.length; i++) {
                      if (!Object.is(fast[i], slow[i])) return `${Kind.name} ${args}: [${i}] ${fast[i]} != ${slow[i]}`;
                    }
                  }
                }
                const big = new BigInt64Array(10000).fill(-3n, 7);
                if (big[6] !== 0n || big[7] !== -3n || big[9999] !== -3n) return 'bigint fill';
                // A view into the middle of a buffer fills only its own bytes.
                const bytes = new Uint8Array(40000);
                new Uint16Array(bytes.buffer, 2, 10000).fill(0xffff);
                if (bytes[1] !== 0 || bytes[2] !== 255 || bytes[20001] !== 255 || bytes[20002] !== 0) return 'view';
                const errors = [];
                try { new Float32Array(10000).fill(1n); } catch (e) { errors.push(e.name); }
                try { new BigInt64Array(10000).fill(1); } catch (e) { errors.push(e.name); }
                try { Float32Array.prototype.fill.call([1, 2], 0); } catch (e) { errors.push(e.name); }
                if (errors.join() !== 'TypeError,TypeError,TypeError') return errors.join();
                let calls = 0;
                new Float32Array(10000).fill({valueOf() { calls++; return 2; }});
                const desc = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array).prototype, 'fill');
                return calls === 1 && desc.writable && !desc.enumerable && desc.configurable
                  && desc.value.length === 1 && desc.value.name === 'fill' ? 'ok' : 'valueOf or descriptor';
                """));
    }

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
