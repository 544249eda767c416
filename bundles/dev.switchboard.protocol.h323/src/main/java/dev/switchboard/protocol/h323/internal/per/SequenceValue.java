package dev.switchboard.protocol.h323.internal.per;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A SEQUENCE value: the present components by name. For exact re-encoding it also keeps what the
 * sender put in the extension part: the length of its extension-addition bit-map (a sender may know
 * more or fewer additions than this schema), and the raw open-type contents of additions the schema
 * does not know, by their position among the additions.
 */
public final class SequenceValue {
    private final Map<String, Object> components = new LinkedHashMap<>();
    private final Map<Integer, byte[]> unknownAdditions = new TreeMap<>();
    private int additionBitmapLength = -1;

    /** Sets a component; a null value leaves an OPTIONAL component absent (builders pass Optional.orElse(null)). */
    public SequenceValue with(String name, Object value) {
        if (value == null) {
            components.remove(name);
        } else {
            components.put(name, value);
        }
        return this;
    }

    public boolean has(String name) {
        return components.containsKey(name);
    }

    public Object get(String name) {
        Object value = components.get(name);
        if (value == null) {
            throw new PerException("component " + name + " absent");
        }
        return value;
    }

    public Optional<Object> find(String name) {
        return Optional.ofNullable(components.get(name));
    }

    public long getLong(String name) {
        return (Long) get(name);
    }

    public String getString(String name) {
        return (String) get(name);
    }

    public SequenceValue getSequence(String name) {
        return (SequenceValue) get(name);
    }

    public ChoiceValue getChoice(String name) {
        return (ChoiceValue) get(name);
    }

    public Map<String, Object> components() {
        return Collections.unmodifiableMap(components);
    }

    /** Bit-map length as decoded (the encoder lengthens it for an addition set later), or -1 for "up to the last present addition". */
    public int additionBitmapLength() {
        return additionBitmapLength;
    }

    void setAdditionBitmapLength(int length) {
        additionBitmapLength = length;
    }

    public Map<Integer, byte[]> unknownAdditions() {
        return Collections.unmodifiableMap(unknownAdditions);
    }

    void putUnknownAddition(int index, byte[] contents) {
        unknownAdditions.put(index, contents);
    }

    @Override
    public String toString() {
        return components.toString() + (unknownAdditions.isEmpty() ? "" : " +unknown" + unknownAdditions.keySet());
    }
}
