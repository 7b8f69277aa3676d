package dev.webnn.engine.ops;

import java.util.Locale;

/**
 * An option enum whose constants stand for WebIDL enum values, spelt as the constant's name in lower case with
 * hyphens for underscores: {@code NEAREST_NEIGHBOR} is "nearest-neighbor".
 */
public interface WebIdlEnum {
    String name();

    default String webnnName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant WebIDL spells {@code name}, or null when there is none, so callers pick their own error. */
    static <E extends Enum<E> & WebIdlEnum> E fromWebnnName(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.webnnName().equals(name)) {
                return constant;
            }
        }
        return null;
    }
}
