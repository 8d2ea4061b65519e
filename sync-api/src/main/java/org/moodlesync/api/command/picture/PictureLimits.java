package org.moodlesync.api.command.picture;

/**
 * Bounds on what a pictures run reads, so that a hostile or broken archive cannot exhaust memory, disk or time.
 * An entry over a bound fails alone; a bound of the whole archive (entries, total bytes) or a decompression bomb
 * ends the reading of the archive, the entries read so far keeping their results.
 *
 * @param maxEntries          entries an archive may hold (directories included)
 * @param maxEntryBytes       uncompressed bytes of one image
 * @param maxArchiveBytes     uncompressed bytes of all entries together
 * @param maxCompressionRatio uncompressed to compressed bytes of an entry beyond which it is taken for a
 *                            decompression bomb (JPEG, PNG and GIF are compressed already: a real picture stays
 *                            near 1:1)
 * @param maxPixels           width × height of one image (decoding is bounded by the 512×512 crop, but a header
 *                            claiming a huge image still costs time)
 */
public record PictureLimits(int maxEntries, long maxEntryBytes, long maxArchiveBytes, int maxCompressionRatio,
                            long maxPixels) {

    /**
     * Checks that every bound is positive and the compression ratio at least 2.
     *
     * @param maxEntries          entries an archive may hold (directories included)
     * @param maxEntryBytes       uncompressed bytes of one image
     * @param maxArchiveBytes     uncompressed bytes of all entries together
     * @param maxCompressionRatio uncompressed to compressed bytes of an entry beyond which it is taken for a
     *                            decompression bomb (JPEG, PNG and GIF are compressed already: a real picture stays
     *                            near 1:1)
     * @param maxPixels           width × height of one image (decoding is bounded by the 512×512 crop, but a header
     *                            claiming a huge image still costs time)
     * @throws IllegalArgumentException when a bound is out of range
     */
    public PictureLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxArchiveBytes < 1 || maxCompressionRatio < 2
                || maxPixels < 1) {
            throw new IllegalArgumentException("picture limits must be positive (compression ratio at least 2)");
        }
    }

    /**
     * 10,000 entries, 20 MiB an image, 2 GiB an archive, ratio 100:1, 100 megapixels.
     *
     * @return the default limits
     */
    public static PictureLimits defaults() {
        return new PictureLimits(10_000, 20L << 20, 2L << 30, 100, 100_000_000L);
    }

    /**
     * A copy with another bound on the number of archive entries.
     *
     * @param n the number of entries, 1 or more
     * @return the changed copy
     */
    public PictureLimits withMaxEntries(int n) {
        return new PictureLimits(n, maxEntryBytes, maxArchiveBytes, maxCompressionRatio, maxPixels);
    }

    /**
     * A copy with another bound on the uncompressed size of one image.
     *
     * @param n the size in bytes, 1 or more
     * @return the changed copy
     */
    public PictureLimits withMaxEntryBytes(long n) {
        return new PictureLimits(maxEntries, n, maxArchiveBytes, maxCompressionRatio, maxPixels);
    }

    /**
     * A copy with another bound on the uncompressed size of all entries together.
     *
     * @param n the size in bytes, 1 or more
     * @return the changed copy
     */
    public PictureLimits withMaxArchiveBytes(long n) {
        return new PictureLimits(maxEntries, maxEntryBytes, n, maxCompressionRatio, maxPixels);
    }

    /**
     * A copy with another decompression bomb threshold.
     *
     * @param n the uncompressed to compressed ratio, 2 or more
     * @return the changed copy
     */
    public PictureLimits withMaxCompressionRatio(int n) {
        return new PictureLimits(maxEntries, maxEntryBytes, maxArchiveBytes, n, maxPixels);
    }

    /**
     * A copy with another bound on the pixels (width × height) of one image.
     *
     * @param n the number of pixels, 1 or more
     * @return the changed copy
     */
    public PictureLimits withMaxPixels(long n) {
        return new PictureLimits(maxEntries, maxEntryBytes, maxArchiveBytes, maxCompressionRatio, n);
    }
}
