package io.saccade.accelerator.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Enum constants by the lower-case names settings spell them in. */
final class Names {
    private Names() {
    }

    /**
     * @param type  the enum, whose {@code toString} is the name settings use.
     * @param what  what is being named, for the message.
     * @param name  the name, any case, surrounding blanks ignored.
     * @param <E>   the enum type.
     * @return the constant.
     * @throws IllegalArgumentException listing the names when none matches.
     */
    static <E extends Enum<E>> E parse(final Class<E> type, final String what, final String name) {
        final String wanted = name == null ? "" : name.strip();
        for (final E constant : type.getEnumConstants()) {
            if (constant.toString().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(what + " must be one of " + Arrays.stream(type.getEnumConstants())
            .map(Object::toString).collect(Collectors.joining(", ")) + ", got '" + name + "'");
    }
}
