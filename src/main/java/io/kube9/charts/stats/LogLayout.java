package io.kube9.charts.stats;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where CloudFront standard logging v2 delivers: {@code <prefix><yyyy>/<MM>/<dd>/<HH>/<file>}, the prefix being
 * {@code AWSLogs/<account>/CloudFront/<distributionId>/} (the delivery's suffix path {@code {yyyy}/{MM}/{dd}/{HH}}).
 */
public record LogLayout(String prefix) {
    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/");
    private static final Pattern HOUR_OBJECT = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/[^/]+");

    public LogLayout {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("--logs-prefix must not start with '/': " + prefix);
        }
    }

    public String dayPrefix(LocalDate day) {
        return prefix + DAY_PATH.format(day);
    }

    /** The hour (0-23) of a log object of {@code day}, or empty when the key is not an hour folder's file of that day. */
    public Optional<Integer> hourOf(String key, LocalDate day) {
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        Matcher matcher = HOUR_OBJECT.matcher(key.substring(prefix.length()));
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) != day.getYear()
                || Integer.parseInt(matcher.group(2)) != day.getMonthValue()
                || Integer.parseInt(matcher.group(3)) != day.getDayOfMonth()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(matcher.group(4));
        return hour < 24 ? Optional.of(hour) : Optional.empty();
    }
}
