package org.moodlesync.jooq.version;

import java.util.List;
import java.util.Optional;

/**
 * The version of a Moodle site, as its {@code config} table records it.
 *
 * @param version {@code config.version}, for example {@code 2024100710.00}; 0 when the site has none
 * @param release {@code config.release}, for example {@code 4.5.10 (Build: 20260216)}; empty when absent
 */
public record MoodleVersion(double version, String release) {

    /** A version; {@code release} may be null. */
    public MoodleVersion {
        release = release == null ? "" : release.trim();
    }

    /** The stable branch of this version, empty for a development version or one moodle-sync does not know. */
    public Optional<MoodleBranch> branch() {
        return MoodleBranch.of(version);
    }

    /** Whether moodle-sync writes into a site of this version without an override. */
    public boolean writable() {
        return branch().map(MoodleBranch::writable).orElse(false);
    }

    /** How messages name this version: {@code Moodle 4.5.10 (Build: 20260216), version 2024100710.00}. */
    public String describe() {
        String number = version == 0 ? "no version" : String.format(java.util.Locale.ROOT, "version %.2f", version);
        return release.isEmpty() ? "Moodle, " + number : "Moodle " + release + ", " + number;
    }

    /** The sentence that refuses a run into a site of this version (nothing has been written when it is said). */
    public String refusal() {
        List<MoodleBranch> writable = MoodleBranch.writableBranches();
        String known = writable.size() == 1 ? writable.get(0).label()
                : writable.get(0).label() + " to " + writable.get(writable.size() - 1).label();
        String why;
        double first = MoodleBranch.writableBranches().get(0).firstVersion();
        if (version == 0) {
            why = "the site records no version (config.version), so it cannot be told apart from an unknown one";
        } else if (branch().isPresent()) {
            why = "moodle-sync does not yet mirror the Moodle " + branch().get().label() + " schema";
        } else if (version < first) {
            why = "it is older than every version moodle-sync writes";
        } else {
            why = "moodle-sync does not know this version (newer, or a development build)";
        }
        return "the site runs " + describe() + ", and " + why + "; moodle-sync writes into Moodle " + known
                + " only. Nothing was written. To run anyway, at your own risk, allow unknown Moodle versions"
                + " (--allow-unknown-moodle-version, or JooqMoodle.allowUnknownMoodleVersion()).";
    }

    /** The notice a run into a site of this version carries when unknown versions were allowed. */
    public String overrideNotice() {
        return "the site runs " + describe() + ", a version moodle-sync does not know: the run went ahead because"
                + " unknown Moodle versions were allowed; check the rows with Moodle before relying on them";
    }
}
