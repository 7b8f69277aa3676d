package dev.webnn.js.ops;

import dev.webnn.engine.DataType;
import dev.webnn.engine.ValidationError;
import org.graalvm.polyglot.Value;

/**
 * An op's options after the JS shim converted them: plain numbers, strings, booleans and arrays of numbers. Absent
 * members take the caller's default; the WebIDL defaults themselves are applied in the shim.
 */
public final class Attributes {
    private final Value members;

    public Attributes(Value members) {
        this.members = members;
    }

    public boolean has(String name) {
        return members != null && members.hasMember(name) && !members.getMember(name).isNull();
    }

    public long[] longs(String name) {
        Value array = members.getMember(name);
        long[] out = new long[(int) array.getArraySize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.getArrayElement(i).asLong();
        }
        return out;
    }

    public String string(String name) {
        return members.getMember(name).asString();
    }

    public boolean bool(String name) {
        return members.getMember(name).asBoolean();
    }

    /** An integral number member (a converted WebIDL integer such as an [EnforceRange] unsigned long). */
    public long integer(String name) {
        return members.getMember(name).asLong();
    }

    /** A number member (a converted WebIDL double or float). */
    public double number(String name) {
        return members.getMember(name).asDouble();
    }

    /** A sequence of numbers (converted WebIDL floats or doubles). */
    public double[] numbers(String name) {
        Value array = members.getMember(name);
        double[] out = new double[(int) array.getArraySize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.getArrayElement(i).asDouble();
        }
        return out;
    }

    public String[] strings(String name) {
        Value array = members.getMember(name);
        String[] out = new String[(int) array.getArraySize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.getArrayElement(i).asString();
        }
        return out;
    }

    public DataType dataType(String name, String label) {
        DataType type = DataType.fromWebnnName(string(name));
        if (type == null) {
            throw new ValidationError(label, "unknown data type '" + string(name) + "'");
        }
        return type;
    }
}
