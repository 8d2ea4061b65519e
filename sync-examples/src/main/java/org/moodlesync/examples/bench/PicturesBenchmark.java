package org.moodlesync.examples.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.moodlesync.api.command.UserKey;
import org.moodlesync.api.result.RunResult;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.install.MoodleSchemaInstaller;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * A runnable benchmark of user pictures: N users created first (not timed), then a zip of N pictures (JPEG and PNG,
 * 400×400, a fixed seed) run into a file store of its own: first run (every icon written: f1, f2, f3 resized and the
 * files rows), rerun (same pictures: nothing to change when overwrite is off, rewritten when on).
 *
 * <pre>
 * java -cp sync-examples/target/moodle-sync.jar org.moodlesync.examples.bench.PicturesBenchmark postgresql 1000
 * </pre>
 *
 * Arguments: database (h2, postgresql, mariadb), number of pictures (default 1000), threads (default: cores).
 */
public final class PicturesBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.setProperty("java.awt.headless", "true");
        String engine = args.length > 0 ? args[0] : "h2";
        int pictures = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("moodle-sync-bench");
        Path users = DataSets.users(dir.resolve("userimport.csv"), pictures, 0, 42);
        Path zip = zip(dir.resolve("userpictures_bench.zip"), pictures, 42);
        Path dataroot = dir.resolve("moodledata");
        Files.createDirectories(dataroot.resolve("filedir")); // as Moodle's installer leaves it
        String name = "msbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (BenchDatabase target = BenchDatabase.create(engine, name);
             MoodleDatabase db = MoodleDatabase.fromJdbcUrl(target.url, target.user, target.password, "mdl_")) {
            MoodleSchemaInstaller.on(db).install();
            SyncEngine sync = SyncEngine.builder().moodle(JooqMoodle.on(db)).build();
            sync.users().from(users).identifyBy(UserKey.IDNUMBER).retainFailuresOnly().noOutputFiles().execute();
            CpuMeter cpu = new CpuMeter(target);
            System.out.printf(Locale.ROOT, "pictures benchmark: %s, %,d pictures (%,d KB zip), %d threads%n", engine,
                    pictures, Files.size(zip) / 1024, threads);
            cpu.start();
            report("dry run", run(sync, zip, dataroot, threads, true, true), pictures, cpu);
            cpu.start();
            report("first run", run(sync, zip, dataroot, threads, true, false), pictures, cpu);
            cpu.start();
            report("rerun, overwrite off", run(sync, zip, dataroot, threads, false, false), pictures, cpu);
            cpu.start();
            report("rerun, overwrite on", run(sync, zip, dataroot, threads, true, false), pictures, cpu);
        }
    }

    private static RunResult run(SyncEngine sync, Path zip, Path dataroot, int threads, boolean overwrite,
                                 boolean dryRun) {
        return sync.pictures().from(zip).userField(UserKey.IDNUMBER).dataroot(dataroot).threads(threads)
                .overwrite(overwrite).dryRun(dryRun).retainFailuresOnly().noOutputFiles().execute();
    }

    private static void report(String what, RunResult r, int pictures, CpuMeter cpu) {
        System.out.printf(Locale.ROOT, "  %-22s %8.0f pictures/s  %6d ms  %s  %s%n", what, r.linesPerSecond(),
                r.duration().toMillis(), cpu.since(), r.counts());
        if (r.counts().read() != pictures || r.counts().failed() > 0) {
            System.out.println("  unexpected: " + r.status() + " " + r.error() + " " + r.failures().stream()
                    .limit(3).toList());
        }
    }

    /** A zip of pictures named by the users' idnumbers ({@code ID1}…, as in {@link DataSets}), one in two a PNG. */
    static Path zip(Path file, int count, long seed) throws IOException {
        Random random = new Random(seed);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 1; i <= count; i++) {
                boolean png = i % 2 == 1;
                zip.putNextEntry(new ZipEntry("ID" + i + (png ? ".png" : ".jpg")));
                zip.write(image(random, png));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static byte[] image(Random random, boolean png) throws IOException {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRect(0, 0, 400, 400);
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillOval(random.nextInt(200), random.nextInt(200), 150 + random.nextInt(100), 150 + random.nextInt(100));
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, png ? "png" : "jpg", bytes);
        return bytes.toByteArray();
    }
}
