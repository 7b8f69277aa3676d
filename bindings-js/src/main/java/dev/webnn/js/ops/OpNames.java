package dev.webnn.js.ops;

import java.util.Locale;

/** Matches builder method names to the engine's enum kinds (ADD is "add", REDUCE_SUM is "reduceSum"). */
public final class OpNames {
    private OpNames() {
    }

    public static String methodName(Enum<?> kind) {
        String[] words = kind.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    public static <E extends Enum<E>> E kindOrNull(Class<E> type, String methodName) {
        for (E constant : type.getEnumConstants()) {
            if (methodName(constant).equals(methodName)) {
                return constant;
            }
        }
        return null;
    }
}
