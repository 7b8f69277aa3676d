package dev.webnn.js;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * What a realm's module loader may read: files below the granted folders, and URLs that the realm's resource
 * loaders serve (a folder mapped under {@code --base-url}, or the network when granted). A path outside both looks
 * absent, so JS learns nothing about the rest of the disk, not even whether a file exists.
 *
 * <p>GraalJS resolves module specifiers through this file system. A URL becomes a path below {@link #URL_ROOT}
 * ({@code http://host/a/b.js} is {@code /.webnn-url/http/host/a/b.js}), so relative imports inside a module
 * loaded from a URL resolve as paths do, and map back to URLs when read.
 */
final class RootedFileSystem implements FileSystem {
    static final String URL_ROOT = "/.webnn-url";

    private final FileSystem delegate = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final List<Path> roots;
    /** The roots with their own links resolved, which is what a resolved path is compared with. */
    private final List<Path> realRoots;
    private final ResourceLoader urls;
    /** Bodies fetched while resolving a module, so that reading it does not fetch it again. */
    private final Map<String, byte[]> fetched = new HashMap<>();

    RootedFileSystem(List<Path> roots, ResourceLoader urls) {
        this.roots = List.copyOf(roots);
        this.realRoots = roots.stream().map(RootedFileSystem::realOrSelf).toList();
        this.urls = urls;
    }

    /** The path that stands for a URL, or null when it is not a URL the loaders could serve. */
    static Path pathOf(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || url.getRawAuthority() == null || scheme.equalsIgnoreCase("file")) {
            return null;
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return Path.of(URL_ROOT, scheme.toLowerCase(Locale.ROOT), url.getRawAuthority() + path);
    }

    /** The URL a path below {@link #URL_ROOT} stands for, or null for an ordinary path. */
    static String urlOf(Path path) {
        Path normal = path.normalize();
        if (!normal.startsWith(URL_ROOT) || normal.getNameCount() < 3) {
            return null;
        }
        StringBuilder href = new StringBuilder(normal.getName(1) + "://" + normal.getName(2));
        for (int i = 3; i < normal.getNameCount(); i++) {
            href.append('/').append(normal.getName(i));
        }
        return href.toString();
    }

    /** Replaces the stand-in paths in a message with the URLs they stand for. */
    static String readable(String message) {
        if (message == null || !message.contains(URL_ROOT)) {
            return message;
        }
        return message.replaceAll("(?:file://)?" + java.util.regex.Pattern.quote(URL_ROOT) + "/([a-z][a-z0-9+.-]*)/",
                "$1://");
    }

    private byte[] body(Path path) throws IOException {
        String href = urlOf(path);
        byte[] cached = fetched.get(href);
        if (cached != null) {
            return cached;
        }
        ResourceLoader.Resource resource = urls == null ? null : urls.load(URI.create(href));
        if (resource == null) {
            throw new NoSuchFileException(href, null, "not served here (the URL is outside the granted folders "
                    + "and network hosts)");
        }
        if (resource.status() != 200) {
            throw new NoSuchFileException(href, null, "HTTP status " + resource.status());
        }
        fetched.put(href, resource.body());
        return resource.body();
    }

    private Path granted(Path path) throws IOException {
        Path absolute = delegate.toAbsolutePath(path).normalize();
        if (!isUnder(absolute, roots)) {
            throw new NoSuchFileException(path.toString(), null, Realm.OUTSIDE_READ_GRANTS);
        }
        Path real;
        try {
            real = delegate.toRealPath(absolute);
        } catch (NoSuchFileException e) {
            return absolute; // Nothing there to read; opening it fails the same way.
        }
        // A link inside a root that points outside it (to /etc, say) must not widen the grant.
        if (!isUnder(real, realRoots)) {
            throw new NoSuchFileException(path.toString(), null, Realm.OUTSIDE_READ_GRANTS);
        }
        return real;
    }

    private static boolean isUnder(Path path, List<Path> roots) {
        for (Path root : roots) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    private static Path realOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    @Override
    public Path parsePath(URI uri) {
        Path url = pathOf(uri);
        if (url != null) {
            if (urls == null) {
                throw new UnsupportedOperationException("no URL is served to this realm");
            }
            return url;
        }
        return delegate.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return delegate.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (urlOf(path) != null) {
            if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
                throw new java.nio.file.AccessDeniedException(urlOf(path));
            }
            body(path);
            return;
        }
        delegate.checkAccess(granted(path), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        delegate.createDirectory(granted(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(granted(path));
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        if (urlOf(path) != null) {
            if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
                throw new java.nio.file.AccessDeniedException(urlOf(path));
            }
            return new ReadOnlyBytes(body(path));
        }
        return delegate.newByteChannel(granted(path), options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        if (urlOf(dir) != null) {
            throw new NotDirectoryException(urlOf(dir));
        }
        return delegate.newDirectoryStream(granted(dir), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return delegate.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        if (urlOf(path) != null) {
            body(path);
            return path.normalize();
        }
        return delegate.toRealPath(granted(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (urlOf(path) != null) {
            return urlAttributes(body(path).length, attributes);
        }
        return delegate.readAttributes(granted(path), attributes, options);
    }

    /** The basic attributes of a fetched body: a regular file of its length, with no times worth reporting. */
    private static Map<String, Object> urlAttributes(long size, String attributes) {
        FileTime epoch = FileTime.fromMillis(0);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("lastModifiedTime", epoch);
        all.put("lastAccessTime", epoch);
        all.put("creationTime", epoch);
        all.put("size", size);
        all.put("isRegularFile", true);
        all.put("isDirectory", false);
        all.put("isSymbolicLink", false);
        all.put("isOther", false);
        all.put("fileKey", null);
        String list = attributes.contains(":") ? attributes.substring(attributes.indexOf(':') + 1) : attributes;
        if (list.equals("*")) {
            return all;
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (String name : list.split(",")) {
            if (all.containsKey(name)) {
                chosen.put(name, all.get(name));
            }
        }
        return chosen;
    }

    /** A fetched body as a read-only channel. */
    private static final class ReadOnlyBytes implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;
        private boolean open = true;

        ReadOnlyBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
