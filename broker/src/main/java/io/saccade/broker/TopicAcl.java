package io.saccade.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Topic permissions in the syntax of Mosquitto's {@code acl_file}, so that one file governs the embedded broker and
 * the cluster's Mosquitto alike: {@code user NAME} starts a user's section, {@code topic [read|write|readwrite]
 * FILTER} grants that user access, {@code pattern [read|write|readwrite] FILTER} grants every user access with
 * {@code %u} replaced by the user name and {@code %c} by the client id, {@code #} starts a comment. Access not
 * granted is denied. Anything else in the file is an error naming its line.
 */
public final class TopicAcl {
    private final Map<String, List<Grant>> users;
    private final List<Grant> patterns;

    /**
     * One permission.
     *
     * @param filter a topic filter, MQTT wildcards allowed.
     * @param access what it allows.
     */
    public record Grant(String filter, Access access) {
    }

    /** What a grant allows. */
    public enum Access {
        /** Subscribing (and receiving). */
        READ,
        /** Publishing, the Will included. */
        WRITE,
        /** Both. */
        READWRITE
    }

    private TopicAcl(final Map<String, List<Grant>> users, final List<Grant> patterns) {
        this.users = users;
        this.patterns = patterns;
    }

    /**
     * @param file an ACL file.
     * @return its permissions.
     * @throws IOException when it cannot be read.
     * @throws IllegalArgumentException naming the file and line of anything it does not understand.
     */
    public static TopicAcl read(final Path file) throws IOException {
        return parse(Files.readAllLines(file), file.toString());
    }

    /**
     * @param lines  the file's lines.
     * @param source what they come from, for messages.
     * @return the permissions.
     * @throws IllegalArgumentException naming the line of anything not understood.
     */
    public static TopicAcl parse(final List<String> lines, final String source) {
        final Map<String, List<Grant>> users = new HashMap<>();
        final List<Grant> patterns = new ArrayList<>();
        String user = null;
        for (int number = 1; number <= lines.size(); number++) {
            final String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String[] words = line.split("\\s+", 2);
            final String where = source + ":" + number + ": ";
            switch (words[0]) {
                case "user" -> {
                    user = argument(words, where, "user NAME");
                    users.computeIfAbsent(user, name -> new ArrayList<>());
                }
                case "topic" -> {
                    if (user == null) {
                        throw new IllegalArgumentException(where + "a topic line needs a user line before it "
                            + "(anonymous clients are never admitted)");
                    }
                    users.get(user).add(grant(argument(words, where, "topic [read|write|readwrite] FILTER"), where));
                }
                case "pattern" -> patterns.add(grant(argument(words, where, "pattern [read|write|readwrite] FILTER"),
                    where));
                default -> throw new IllegalArgumentException(where + "unknown directive '" + words[0]
                    + "'; this broker reads user, topic and pattern lines");
            }
        }
        return new TopicAcl(Map.copyOf(users), List.copyOf(patterns));
    }

    /**
     * @param user     an authenticated user.
     * @param clientId its client id.
     * @return every grant the user has, patterns resolved.
     */
    public List<Grant> grants(final String user, final String clientId) {
        final List<Grant> grants = new ArrayList<>(users.getOrDefault(user, List.of()));
        for (final Grant pattern : patterns) {
            grants.add(new Grant(pattern.filter().replace("%u", user).replace("%c", clientId), pattern.access()));
        }
        return grants;
    }

    private static String argument(final String[] words, final String where, final String form) {
        if (words.length < 2 || words[1].isBlank()) {
            throw new IllegalArgumentException(where + "expected " + form);
        }
        return words[1].strip();
    }

    private static Grant grant(final String rest, final String where) {
        final String[] words = rest.split("\\s+");
        if (words.length > 2) {
            throw new IllegalArgumentException(where + "expected [read|write|readwrite] FILTER, got '" + rest + "'");
        }
        final Access access;
        if (words.length == 1) {
            access = Access.READWRITE;
        } else {
            try {
                access = Access.valueOf(words[0].toUpperCase(Locale.ROOT));
            } catch (final IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + "access must be read, write or readwrite, got '" + words[0]
                    + "'", ex);
            }
        }
        return new Grant(words[words.length - 1], access);
    }
}
