package io.hyperfusion.features;

/** Builds namespaced feature names ({@code group#name}) from free-form field names. */
public final class FeatureNames {
    private FeatureNames() { }

    /** {@code group#name} with characters outside {@code [A-Za-z0-9_.:-]} in the name replaced by '_'. */
    public static String of(String group, String name) {
        StringBuilder sb = new StringBuilder(group).append('#');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '-';
            sb.append(ok ? c : '_');
        }
        if (name.isEmpty()) {
            sb.append('_');
        }
        return sb.toString();
    }
}
