package io.kube9.charts.ops;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders one attribute value compactly as JSON, shortening long values (policies, file contents). */
public record ValueFormat(int maxLength) {
    public static final int DEFAULT_MAX_LENGTH = 120;
    public static final int MIN_MAX_LENGTH = 8;

    public ValueFormat {
        if (maxLength < MIN_MAX_LENGTH) {
            throw new IllegalArgumentException("maxLength must be at least " + MIN_MAX_LENGTH + ", got " + maxLength);
        }
    }

    public String render(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "null";
        }
        String text = value.toString();
        if (text.length() <= maxLength) {
            return text;
        }
        int cut = maxLength;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "… (" + (text.length() - cut) + " more characters)";
    }
}
