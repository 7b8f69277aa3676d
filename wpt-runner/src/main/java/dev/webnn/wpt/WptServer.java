package dev.webnn.wpt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serves a WPT checkout on loopback the way wptserve does for script tests: static files with their
 * {@code __dir__.headers} and {@code FILE.headers} applied, the generated wrappers of {@code .any.js},
 * {@code .window.js} and {@code .worker.js} tests ({@code X.any.html}, {@code X.any.worker.html},
 * {@code X.any.worker.js}, …) with the headers of the script they wrap, and wptserve's aliases
 * ({@code /resources/WebIDLParser.js}). Only GET and HEAD; nothing is written, and nothing outside the root is read.
 */
public final class WptServer implements AutoCloseable {
    /** URL paths wptserve serves from another file of the checkout. */
    public static final Map<String, String> ALIASES =
            Map.of("/resources/WebIDLParser.js", "/resources/webidl2/lib/webidl2.js");

    /** The wrappers wptserve generates: URL suffix, the suffix of the script test file it wraps, the globals. */
    private record Wrapper(String urlSuffix, String sourceSuffix, Set<WptGlobal> exposedIn, boolean workerScript) {
    }

    private static final List<Wrapper> WRAPPERS = List.of(
            new Wrapper(".any.serviceworker.html", ".any.js", Set.of(WptGlobal.SERVICE_WORKER), false),
            new Wrapper(".any.sharedworker.html", ".any.js", Set.of(WptGlobal.SHARED_WORKER), false),
            new Wrapper(".any.worker.html", ".any.js", Set.of(WptGlobal.DEDICATED_WORKER), false),
            new Wrapper(".any.worker.js", ".any.js", Set.of(WptGlobal.DEDICATED_WORKER, WptGlobal.SHARED_WORKER,
                    WptGlobal.SERVICE_WORKER), true),
            new Wrapper(".any.html", ".any.js", Set.of(WptGlobal.WINDOW), false),
            new Wrapper(".window.html", ".window.js", Set.of(WptGlobal.WINDOW), false),
            new Wrapper(".worker.html", ".worker.js", Set.of(WptGlobal.DEDICATED_WORKER), false));

    private final Path root;
    private final EventLoopGroup group;
    private final Channel channel;
    private final int port;

    private WptServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.group = new MultiThreadIoEventLoopGroup(2, r -> {
            Thread t = new Thread(r, "webnn-wpt-server");
            t.setDaemon(true);
            return t;
        }, NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new Handler());
                        }
                    });
            this.channel = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync()
                    .channel();
        } catch (InterruptedException e) {
            group.shutdownGracefully();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the WPT server", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw new IOException("could not start the WPT server on loopback: " + e.getMessage(), e);
        }
        this.port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Starts serving {@code root} on a free loopback port. */
    public static WptServer start(Path root) throws IOException {
        return new WptServer(root);
    }

    /** {@code http://127.0.0.1:PORT/} (or the IPv6 loopback), the server's own address. */
    public URI baseUri() {
        InetSocketAddress a = (InetSocketAddress) channel.localAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A response before it is written: status, headers in order, body. */
    record Reply(int status, List<String[]> headers, byte[] body) {
        static Reply notFound(String why) {
            List<String[]> h = new ArrayList<>();
            h.add(new String[] {"Content-Type", "text/plain; charset=utf-8"});
            return new Reply(404, h, why.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Answers one GET for a decoded URL path and its query (without the question mark). */
    Reply respond(String urlPath, String query) throws IOException {
        String path = ALIASES.getOrDefault(urlPath, urlPath);
        Path file = resolve(path);
        if (file == null) {
            return Reply.notFound("outside the WPT root: " + urlPath);
        }
        if (Files.isRegularFile(file)) {
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Content-Type", contentType(file.getFileName().toString())});
            headers.addAll(headersFor(file));
            return new Reply(200, headers, Files.readAllBytes(file));
        }
        for (Wrapper w : WRAPPERS) {
            if (!path.endsWith(w.urlSuffix())) {
                continue;
            }
            String stem = path.substring(0, path.length() - w.urlSuffix().length());
            Path source = resolve(stem + w.sourceSuffix());
            if (source == null || !Files.isRegularFile(source)) {
                break;
            }
            TestMeta meta = MetaParser.parse(source);
            if (w.sourceSuffix().equals(".any.js") && w.exposedIn().stream().noneMatch(meta.globals()::contains)) {
                return Reply.notFound(path + ": the test is not exposed in that global");
            }
            String name = stem.substring(stem.lastIndexOf('/') + 1);
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Content-Type", w.workerScript() ? "text/javascript; charset=utf-8"
                    : "text/html; charset=utf-8"});
            headers.addAll(headersFor(source));
            String body = w.workerScript() ? workerScript(meta, name + w.sourceSuffix())
                    : page(w, meta, name, query);
            return new Reply(200, headers, body.getBytes(StandardCharsets.UTF_8));
        }
        return Reply.notFound("not found: " + urlPath);
    }

    private Path resolve(String urlPath) {
        if (!urlPath.startsWith("/") || urlPath.indexOf('\0') >= 0) {
            return null;
        }
        Path file = root.resolve(urlPath.substring(1)).normalize();
        return file.startsWith(root) ? file : null;
    }

    /** {@code __dir__.headers} of the file's folder, then {@code FILE.headers}, as wptserve concatenates them. */
    static List<String[]> headersFor(Path file) throws IOException {
        List<String[]> headers = new ArrayList<>();
        readHeaders(file.resolveSibling("__dir__.headers"), headers);
        readHeaders(file.resolveSibling(file.getFileName() + ".headers"), headers);
        return headers;
    }

    private static void readHeaders(Path headersFile, List<String[]> into) throws IOException {
        if (!Files.isRegularFile(headersFile)) {
            return;
        }
        for (String line : Files.readAllLines(headersFile, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            if (!line.isBlank() && colon > 0) {
                into.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
            }
        }
    }

    /** The page a browser would load: what wptserve's wrapper holds, for a reader of this server's answers. */
    private static String page(Wrapper w, TestMeta meta, String name, String query) {
        String q = query == null || query.isEmpty() ? "" : "?" + query;
        StringBuilder html = new StringBuilder("<!doctype html>\n<meta charset=utf-8>\n");
        if (meta.title() != null) {
            html.append("<title>").append(escapeHtml(meta.title())).append("</title>\n");
        }
        boolean inPage = !w.exposedIn().iterator().next().isWorker();
        if (inPage) {
            html.append("<script>self.GLOBAL = {isWindow: () => true, isWorker: () => false,"
                    + " isShadowRealm: () => false};</script>\n");
        }
        html.append("<script src=\"/resources/testharness.js\"></script>\n");
        html.append("<script src=\"/resources/testharnessreport.js\"></script>\n");
        if (inPage) {
            for (String script : meta.scripts()) {
                html.append("<script src=\"").append(escapeHtml(script)).append("\"></script>\n");
            }
            html.append("<div id=log></div>\n<script src=\"").append(escapeHtml(name + w.sourceSuffix()))
                    .append("\"></script>\n");
        } else {
            String worker = escapeJs(name + ".any.worker.js" + q);
            String start = switch (w.urlSuffix()) {
                case ".any.sharedworker.html" -> "fetch_tests_from_worker(new SharedWorker('" + worker + "'));";
                case ".any.serviceworker.html" -> "(async () => { const r = await service_worker_unregister_and_"
                        + "register(null, '" + worker + "', './'); fetch_tests_from_worker(r.installing); })();";
                default -> "fetch_tests_from_worker(new Worker('" + worker + "'));";
            };
            html.append("<div id=log></div>\n<script>").append(start).append("</script>\n");
        }
        return html.toString();
    }

    private static String workerScript(TestMeta meta, String testFile) {
        StringBuilder js = new StringBuilder("self.GLOBAL = {isWindow: () => false, isWorker: () => true,"
                + " isShadowRealm: () => false};\nimportScripts('/resources/testharness.js');\n");
        for (String script : meta.scripts()) {
            js.append("importScripts('").append(escapeJs(script)).append("');\n");
        }
        js.append("importScripts('").append(escapeJs(testFile)).append("');\ndone();\n");
        return js.toString();
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String escapeJs(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n");
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return switch (dot < 0 ? "" : lower.substring(dot + 1)) {
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json";
            case "html", "htm" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "txt", "idl", "md", "headers", "yml" -> "text/plain; charset=utf-8";
            case "wasm" -> "application/wasm";
            case "png" -> "image/png";
            case "bin", "npy" -> "application/octet-stream";
            default -> "application/octet-stream";
        };
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean head = request.method().equals(HttpMethod.HEAD);
            Reply reply;
            if (!head && !request.method().equals(HttpMethod.GET)) {
                reply = new Reply(405, List.<String[]>of(new String[] {"Allow", "GET, HEAD"}), new byte[0]);
            } else {
                QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
                String uri = request.uri();
                int q = uri.indexOf('?');
                try {
                    reply = respond(decoder.path(), q < 0 ? "" : uri.substring(q + 1));
                } catch (IOException | RuntimeException e) {
                    reply = new Reply(500, List.<String[]>of(new String[] {"Content-Type", "text/plain; charset=utf-8"}),
                            String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                }
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
            for (String[] h : reply.headers()) {
                response.headers().add(h[0], h[1]);
            }
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
