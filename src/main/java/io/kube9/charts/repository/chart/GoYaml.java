package io.kube9.charts.repository.chart;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads the first YAML document of a chart file into the values Helm's YAML library gets from it
 * (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1): plain scalars resolved by go-yaml's rules
 * ({@link GoYamlScalars}), aliases expanded, {@code <<} merge keys applied, duplicate keys taken last,
 * and go-yaml's bound on alias expansion ("excessive aliasing"). Values are {@code null},
 * {@link Boolean}, {@link Long} or {@link java.math.BigInteger} (integers), {@link Double}, {@link String},
 * {@code Map<Object, Object>} (keys keep their YAML type) and {@code List<Object>}. The tokens
 * themselves come from SnakeYAML's parser, a YAML 1.1 parser like go-yaml's.
 */
final class GoYaml {
    /** Deeper nesting is refused (go-yaml has no bound; no chart file nests this deep). */
    static final int MAX_DEPTH = 1000;
    private static final String MERGE_TAG = "tag:yaml.org,2002:merge";
    private static final java.util.regex.Pattern ANCHOR_NAME = java.util.regex.Pattern.compile("[0-9A-Za-z_-]+");

    /** Why a document cannot be read, as a sentence fragment naming the line. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private enum Kind { SCALAR, MAPPING, SEQUENCE, ALIAS }

    /** A node as go-yaml's parser builds it; an alias points at the anchored node. */
    private static final class Node {
        final Kind kind;
        final int line;
        String value;
        String tag;
        boolean plainImplicit;
        final List<Node> children = new ArrayList<>();
        Node alias;

        Node(Kind kind, int line) {
            this.kind = kind;
            this.line = line;
        }
    }

    private GoYaml() {}

    /** The first document's value ({@code null} when the text holds no document), as go-yaml's Unmarshal reads it. */
    static Object firstDocument(byte[] utf8) throws Problem {
        return firstDocument(utf8, false);
    }

    /** As {@link #firstDocument(byte[])}; with {@code refuseDuplicateKeys}, a key given twice in one mapping is refused. */
    static Object firstDocument(byte[] utf8, boolean refuseDuplicateKeys) throws Problem {
        String text = decodeUtf8(utf8);
        Node root;
        try {
            root = new TreeBuilder(new ParserImpl(new StreamReader(text), loaderOptions())).firstDocument();
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
            throw new Problem((e.getProblem() == null ? "invalid YAML" : e.getProblem()) + where);
        } catch (YAMLException e) {
            throw new Problem(e.getMessage() == null ? "invalid YAML" : e.getMessage());
        }
        return root == null ? null : new Decoder(refuseDuplicateKeys).document(root);
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    private static String decodeUtf8(byte[] content) throws Problem {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new Problem("is not UTF-8 text");
        }
    }

    /** Builds the node tree of the first document from the parser's events, registering anchors as go-yaml does. */
    private static final class TreeBuilder {
        private final Parser parser;
        private final Map<String, Node> anchors = new java.util.HashMap<>();

        TreeBuilder(Parser parser) {
            this.parser = parser;
        }

        Node firstDocument() throws Problem {
            expect(Event.ID.StreamStart);
            if (parser.checkEvent(Event.ID.StreamEnd)) {
                return null;
            }
            expect(Event.ID.DocumentStart);
            return node(parser.getEvent(), 0);
        }

        private void expect(Event.ID id) {
            Event event = parser.getEvent();
            if (!event.is(id)) {
                throw new YAMLException("unexpected " + event.getEventId());
            }
        }

        private Node node(Event event, int depth) throws Problem {
            if (depth > MAX_DEPTH) {
                throw new Problem("nests deeper than " + MAX_DEPTH + " levels at line " + line(event));
            }
            if (event instanceof NodeEvent withAnchor && withAnchor.getAnchor() != null
                    && !ANCHOR_NAME.matcher(withAnchor.getAnchor()).matches()) {
                // go-yaml (libyaml) allows only letters, digits, - and _ in anchor and alias names
                throw new Problem("names the anchor or alias '" + withAnchor.getAnchor() + "', which holds characters other than"
                        + " letters, digits, - and _ (line " + line(event) + ")");
            }
            if (event instanceof AliasEvent alias) {
                Node node = new Node(Kind.ALIAS, line(event));
                node.value = alias.getAnchor();
                node.alias = anchors.get(alias.getAnchor());
                if (node.alias == null) {
                    throw new Problem("refers to the unknown anchor '" + alias.getAnchor() + "' at line " + line(event));
                }
                return node;
            }
            if (event instanceof ScalarEvent scalar) {
                Node node = anchored(new Node(Kind.SCALAR, line(event)), scalar);
                node.value = scalar.getValue();
                node.tag = scalar.getTag();
                node.plainImplicit = scalar.getImplicit().canOmitTagInPlainScalar();
                return node;
            }
            if (event.is(Event.ID.MappingStart) || event.is(Event.ID.SequenceStart)) {
                boolean mapping = event.is(Event.ID.MappingStart);
                Node node = anchored(new Node(mapping ? Kind.MAPPING : Kind.SEQUENCE, line(event)), (NodeEvent) event);
                node.tag = ((CollectionStartEvent) event).getTag();
                Event.ID end = mapping ? Event.ID.MappingEnd : Event.ID.SequenceEnd;
                while (!parser.checkEvent(end)) {
                    node.children.add(node(parser.getEvent(), depth + 1));
                }
                parser.getEvent();
                return node;
            }
            throw new YAMLException("unexpected " + event.getEventId());
        }

        private Node anchored(Node node, NodeEvent event) {
            if (event.getAnchor() != null) {
                anchors.put(event.getAnchor(), node);
            }
            return node;
        }

        private static int line(Event event) {
            return event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
        }
    }

    /**
     * go-yaml's decoder into {@code interface{}}. An anchored node is decoded once and its value shared
     * by every alias (the values are never changed afterwards), while the counts behind go-yaml's
     * "excessive aliasing" check advance as if each alias were decoded again.
     */
    private static final class Decoder {
        private final boolean refuseDuplicateKeys;
        private long decodeCount;
        private long aliasCount;
        private final Map<Node, Object> decoded = new IdentityHashMap<>();
        private final Map<Node, Long> sizes = new IdentityHashMap<>();

        Decoder(boolean refuseDuplicateKeys) {
            this.refuseDuplicateKeys = refuseDuplicateKeys;
        }

        Object document(Node root) throws Problem {
            count(1);
            return decode(root);
        }

        private Object decode(Node node) throws Problem {
            count(1);
            switch (node.kind) {
                case SCALAR -> {
                    return GoYamlScalars.resolve(node.tag, node.value, node.plainImplicit, node.line);
                }
                case SEQUENCE -> {
                    List<Object> list = new ArrayList<>(node.children.size());
                    for (Node child : node.children) {
                        list.add(decode(child));
                    }
                    return remember(node, list);
                }
                case MAPPING -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    decodeInto(node, map);
                    return remember(node, map);
                }
                default -> {
                    return expand(node);
                }
            }
        }

        private Object remember(Node node, Object value) {
            decoded.put(node, value);
            return value;
        }

        /** An alias: the anchored node's value, counted as go-yaml counts decoding it again. */
        private Object expand(Node alias) throws Problem {
            Object value = decoded.get(alias.alias);
            if (value == null && !decoded.containsKey(alias.alias)) {
                if (alias.alias.kind != Kind.SCALAR) {
                    throw new Problem("anchor '" + alias.value + "' value contains itself (line " + alias.line + ")");
                }
                value = GoYamlScalars.resolve(alias.alias.tag, alias.alias.value, alias.alias.plainImplicit, alias.alias.line);
            }
            long size = size(alias.alias);
            // Within one expansion the ratio of alias-driven decodes only grows, so checking at its end suffices.
            aliasCount = saturatedAdd(aliasCount, size);
            decodeCount = saturatedAdd(decodeCount, size);
            check();
            return value;
        }

        private void decodeInto(Node mapping, Map<Object, Object> map) throws Problem {
            List<Node> children = mapping.children;
            java.util.Set<Object> explicit = refuseDuplicateKeys ? new java.util.HashSet<>() : null;
            for (int i = 0; i + 1 < children.size(); i += 2) {
                Node key = children.get(i);
                Node value = children.get(i + 1);
                if (isMerge(key)) {
                    merge(value, map);
                    continue;
                }
                Object k = decode(key);
                if (k instanceof Map || k instanceof List) {
                    throw new Problem("uses a " + (k instanceof Map ? "mapping" : "list") + " as a mapping key at line " + key.line);
                }
                if (explicit != null && !explicit.add(k)) {
                    throw new Problem("has the key " + k + " twice (line " + key.line + "); Helm would take the last one");
                }
                map.put(k, decode(value));
            }
        }

        private void merge(Node value, Map<Object, Object> map) throws Problem {
            switch (value.kind) {
                case MAPPING, ALIAS -> mergeOne(value, map);
                case SEQUENCE -> {
                    // go-yaml steps backwards: earlier maps take precedence
                    for (int i = value.children.size() - 1; i >= 0; i--) {
                        mergeOne(value.children.get(i), map);
                    }
                }
                default -> throw wantMap(value);
            }
        }

        private void mergeOne(Node node, Map<Object, Object> map) throws Problem {
            boolean mapping = node.kind == Kind.MAPPING || (node.kind == Kind.ALIAS && node.alias.kind == Kind.MAPPING);
            if (!mapping) {
                throw wantMap(node);
            }
            ((Map<?, ?>) decode(node)).forEach(map::put);
        }

        private static Problem wantMap(Node node) {
            return new Problem("map merge requires map or sequence of maps as the value (line " + node.line + ")");
        }

        private static boolean isMerge(Node node) {
            return node.kind == Kind.SCALAR && "<<".equals(node.value) && (node.plainImplicit || MERGE_TAG.equals(node.tag));
        }

        /** How many decode steps go-yaml takes for the node, aliases expanded; a cycle is an error. */
        private long size(Node node) throws Problem {
            Long known = sizes.get(node);
            if (known != null) {
                if (known < 0) {
                    throw new Problem("anchor value contains itself (line " + node.line + ")");
                }
                return known;
            }
            sizes.put(node, -1L);
            long size = 1;
            if (node.kind == Kind.ALIAS) {
                size = saturatedAdd(size, size(node.alias));
            } else {
                for (int i = 0; i < node.children.size(); i++) {
                    Node child = node.children.get(i);
                    boolean mergeKey = node.kind == Kind.MAPPING && i % 2 == 0 && isMerge(child);
                    if (!mergeKey) {
                        size = saturatedAdd(size, size(child));
                    }
                }
            }
            sizes.put(node, size);
            return size;
        }

        /** One decode step outside any alias expansion (those are counted whole by {@link #expand}). */
        private void count(int steps) throws Problem {
            decodeCount += steps;
            check();
        }

        private void check() throws Problem {
            if (aliasCount > 100 && decodeCount > 1000 && (double) aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
                throw new Problem("contains excessive aliasing (its aliases expand to far more than the document holds)");
            }
        }

        /** go-yaml v2's allowed share of alias-driven decodes: 99% for small documents, down to 10% for very large ones. */
        private static double allowedAliasRatio(long decodeCount) {
            if (decodeCount <= 400_000) {
                return 0.99;
            }
            if (decodeCount >= 4_000_000) {
                return 0.10;
            }
            return 0.99 - 0.89 * ((double) (decodeCount - 400_000) / 3_600_000);
        }

        private static long saturatedAdd(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }
}
