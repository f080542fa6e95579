package io.kube9.charts.repository.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers written as Helm's Go code writes them: {@code strconv.FormatFloat(f, 'g', -1, 32)}, which
 * sigs.k8s.io/yaml uses when a YAML float lands in a string field ({@code version: 1.10} becomes
 * "1.1", {@code appVersion: 1.0} becomes "1"), and encoding/json's form of a float64.
 */
final class GoNumbers {
    private GoNumbers() {}

    /** {@code strconv.FormatFloat(value, 'g', -1, 32)}: the shortest digits of the float32, exponent form from 1e+06. */
    static String formatFloat32(double value) {
        float f = (float) value;
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        if (f == 0) {
            return Float.floatToRawIntBits(f) < 0 ? "-0" : "0";
        }
        BigDecimal digits = shortest(new BigDecimal(f), candidate -> candidate.floatValue() == f, 9);
        return format(digits, 'g');
    }

    /** encoding/json's text for a float64: %f, or %e below 1e-6 and from 1e21 (with e-7, not e-07). */
    static String jsonFloat64(double value) {
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        BigDecimal digits = shortest(new BigDecimal(value), candidate -> candidate.doubleValue() == value, 17);
        double abs = Math.abs(value);
        if (abs < 1e-6 || abs >= 1e21) {
            return format(digits, 'e').replaceFirst("e-0(\\d)$", "e-$1");
        }
        return format(digits, 'f');
    }

    /** The shortest decimal that reads back as the same binary value; of two such, the closer one. */
    private static BigDecimal shortest(BigDecimal exact, java.util.function.Predicate<BigDecimal> roundTrips, int maxDigits) {
        for (int precision = 1; precision <= maxDigits; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
            boolean downOk = roundTrips.test(down);
            boolean upOk = roundTrips.test(up);
            if (downOk && upOk) {
                int closer = exact.subtract(down).abs().compareTo(up.subtract(exact).abs());
                return (closer < 0 ? down : closer > 0 ? up : exact.round(new MathContext(precision, RoundingMode.HALF_EVEN)))
                        .stripTrailingZeros();
            }
            if (downOk || upOk) {
                return (downOk ? down : up).stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** Go's %e / %f / shortest %g layout of the digits. */
    private static String format(BigDecimal value, char mode) {
        boolean negative = value.signum() < 0;
        String digits = value.unscaledValue().abs().toString();
        int pointPosition = digits.length() - value.scale();
        int exponent = pointPosition - 1;
        boolean exponential = mode == 'e' || (mode == 'g' && (exponent < -4 || exponent >= 6));
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        if (exponential) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int magnitude = Math.abs(exponent);
            out.append('e').append(exponent < 0 ? '-' : '+').append(magnitude < 10 ? "0" : "").append(magnitude);
        } else if (pointPosition <= 0) {
            out.append("0.").append("0".repeat(-pointPosition)).append(digits);
        } else if (pointPosition >= digits.length()) {
            out.append(digits).append("0".repeat(pointPosition - digits.length()));
        } else {
            out.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, digits.length());
        }
        return out.toString();
    }
}
