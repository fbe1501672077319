package dirt.json;

/** JSON's {@code null}: one value, {@link #NULL}. */
public enum JsonNull implements Json {
    NULL;

    @Override
    public String type() {
        return "null";
    }

    @Override
    public String toString() {
        return "null";
    }
}
