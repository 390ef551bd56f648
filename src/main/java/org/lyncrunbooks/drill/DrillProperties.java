package org.lyncrunbooks.drill;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.lyncrunbooks.topology.SqlStoreRef;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The restore drill's configuration ({@code lync.drill}); defaults are in {@code application.yaml}.
 *
 * @param schedule      cron of the drill's timer (Camunda cron, 6 or 7 fields), nightly after the backup
 * @param sqlInstance   {@code fqdn\instance} that restores every drilled database; empty: each database's own
 *                      instance, under a scratch name beside it
 * @param maxSize       databases whose backup is larger are verified only ({@code RESTORE VERIFYONLY}), and the
 *                      record says so; empty: no limit
 * @param maxDrop       a count of an export (users, contacts, conferences, workflows…) falling by more than this
 *                      against the previous drilled set fails the drill, e.g. {@code 20%}
 * @param maxAge        the {@code backup} health group is DOWN when the newest set a drill proved restorable is older
 * @param scratchFolder where file stores and the engine database are restored for a drill, and removed afterwards;
 *                      a local folder of this application that nothing else writes to
 */
@Validated
@ConfigurationProperties("lync.drill")
public record DrillProperties(@NotBlank String schedule, String sqlInstance, DataSize maxSize, @NotBlank String maxDrop,
                              @NotNull Duration maxAge, @NotNull Path scratchFolder) {

    public DrillProperties {
        sqlInstance = sqlInstance == null || sqlInstance.isBlank() ? null : sqlInstance.trim();
        if (sqlInstance != null && (sqlInstance.indexOf('\\') <= 0 || sqlInstance.endsWith("\\"))) {
            throw new IllegalArgumentException("lync.drill.sql-instance must be fqdn\\instance (e.g. "
                    + "drill01.contoso.local\\drill), not '" + sqlInstance + "'");
        }
        if (maxSize != null && maxSize.toBytes() <= 0) {
            maxSize = null;
        }
        fraction(maxDrop);
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("lync.drill.max-age must be a positive duration, not " + maxAge);
        }
    }

    /** {@link #maxDrop} as a fraction: {@code 20%} is 0.2. */
    public double maxDropFraction() {
        return fraction(maxDrop);
    }

    /** The configured drill instance, if one is set. */
    public Optional<SqlStoreRef> drillInstance() {
        if (sqlInstance == null) {
            return Optional.empty();
        }
        int slash = sqlInstance.indexOf('\\');
        return Optional.of(new SqlStoreRef(sqlInstance.substring(0, slash), sqlInstance.substring(slash + 1)));
    }

    private static double fraction(String percent) {
        String text = percent == null ? "" : percent.strip();
        try {
            if (!text.endsWith("%")) {
                throw new NumberFormatException();
            }
            double value = new BigDecimal(text.substring(0, text.length() - 1).strip()).doubleValue() / 100;
            if (value <= 0 || value >= 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lync.drill.max-drop must be a percentage above 0% and below 100%, "
                    + "e.g. 20%, not '" + percent + "'");
        }
    }
}
