package org.moodlesync.examples.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.moodlesync.api.SyncKind;
import org.moodlesync.core.schedule.Schedule;
import org.moodlesync.core.workspace.Retention;
import org.moodlesync.core.workspace.Workspace;
import org.moodlesync.core.workspace.WorkspaceOptions;
import org.moodlesync.jooq.internal.support.MoodleConfigFile;
import picocli.CommandLine.Option;

/** The workspace options of {@code process} and {@code schedule}. */
public final class WorkspaceArgs {

    @Option(names = "--workspace", required = true, paramLabel = "DIR",
            description = "the workspace: command files under tool_sync's names, reports/, archives/")
    Path dir;

    @Option(names = "--inbox", paramLabel = "DIR",
            description = "drop folder captured into the workspace before each run (tool_sync's <dataroot>/sync;"
                    + " 'dataroot' means <dataroot>/sync of --moodle-config)")
    String inbox;

    @Option(names = "--file-location", paramLabel = "KIND=PATH",
            description = "another file for a kind, relative to the workspace, e.g. users=feeds/users.csv")
    List<String> locations = new ArrayList<>();

    @Option(names = "--picture-prefix", paramLabel = "PREFIX", defaultValue = "userpictures_",
            description = "pictures: every PREFIX*.zip is a picture archive, run in name order (tool_sync's"
                    + " userpictures_fileprefix; may start with a folder, e.g. feeds/photos_; default:"
                    + " ${DEFAULT-VALUE}); --file-location pictures=GLOB wins")
    String picturePrefix;

    @Option(names = "--no-picture-force-deletion",
            description = "pictures: with --keep-file, leave processed picture archives in place too (by default they"
                    + " are removed whatever --keep-file says: tool_sync's userpictures_forcedeletion)")
    boolean noPictureForceDeletion;

    @Option(names = "--no-report", description = "do not write report files")
    boolean noReport;

    @Option(names = "--no-json-report", description = "do not write JSON reports")
    boolean noJsonReport;

    @Option(names = "--no-tryback", description = "do not write tryback files")
    boolean noTryback;

    @Option(names = "--no-archive", description = "do not copy processed files to archives/")
    boolean noArchive;

    @Option(names = "--keep-file", description = "leave processed files in place (tool_sync without filecleanup):"
            + " the next run processes them again")
    boolean keepFile;

    @Option(names = "--discard-file-on-failure",
            description = "set aside a file that could not be processed or whose run crashed, as"
                    + " <name>-tryback-failed.<ext> (tool_sync's discardfileonfailure)")
    boolean discardFileOnFailure;

    @Option(names = "--keep-days", paramLabel = "N", defaultValue = "0",
            description = "delete archives, reports and tryback files older than N days (0: keep)")
    int keepDays;

    @Option(names = "--keep-files", paramLabel = "N", defaultValue = "0",
            description = "keep only the N newest archives, reports and tryback files of each input (0: all)")
    int keepFiles;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "2s",
            description = "a dropped file is taken when unchanged for this long (default: ${DEFAULT-VALUE})")
    String settle;

    /** The workspace. */
    Workspace workspace(MoodleConfigFile config) {
        Workspace ws = Workspace.at(dir).picturePrefix(picturePrefix);
        if (inbox != null) {
            if (inbox.equals("dataroot")) {
                if (config == null || config.dataroot().isEmpty()) {
                    throw new IllegalArgumentException("--inbox dataroot needs --moodle-config with $CFG->dataroot");
                }
                ws = ws.inbox(Path.of(config.dataroot().get(), "sync"));
            } else {
                ws = ws.inbox(Path.of(inbox));
            }
        }
        for (String l : locations) {
            int eq = l.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--file-location is KIND=PATH, not " + l);
            }
            ws = ws.location(SyncKind.fromCliName(l.substring(0, eq)), l.substring(eq + 1));
        }
        return ws;
    }

    /** The options. */
    WorkspaceOptions options() {
        Schedule s = Schedule.parse(settle);
        if (!(s instanceof Schedule.FixedDelay delay)) {
            throw new IllegalArgumentException("--settle is a duration such as 2s, not " + settle);
        }
        Duration settleTime = delay.delay();
        return WorkspaceOptions.defaults()
                .withStoreReport(!noReport)
                .withJsonReport(!noJsonReport)
                .withTryback(!noTryback)
                .withArchive(!noArchive)
                .withCleanup(!keepFile)
                .withDiscardFileOnFailure(discardFileOnFailure)
                .withPictureForceDeletion(!noPictureForceDeletion)
                .withRetention(new Retention(keepDays, keepFiles))
                .withSettleTime(settleTime);
    }
}
