package org.moodlesync.core.internal.picture;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes an ARGB image as an 8-bit RGBA PNG the way Moodle asks PHP-GD to ({@code imagepng($im, null, 1,
 * PNG_NO_FILTER)}): no row filter, zlib level 1. Much faster than ImageIO's writer, which tries every filter on
 * every row, and deterministic. Only the chunks a PNG needs: IHDR, IDAT, IEND.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    private static final int COLOR_TYPE_RGBA = 6;

    private PngEncoder() {
    }

    /** The PNG bytes of an image (read through {@link BufferedImage#getRGB}: any type, alpha kept). */
    static byte[] encode(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream(width * height + 1024);
            DataOutputStream out = new DataOutputStream(png);
            out.write(SIGNATURE);

            ByteArrayOutputStream header = new ByteArrayOutputStream(13);
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(8);
            h.writeByte(COLOR_TYPE_RGBA);
            h.writeByte(0);
            h.writeByte(0);
            h.writeByte(0);
            chunk(out, "IHDR", header.toByteArray());

            ByteArrayOutputStream data = new ByteArrayOutputStream(width * height);
            Deflater deflater = new Deflater(1);
            try (DeflaterOutputStream z = new DeflaterOutputStream(data, deflater, 64 * 1024)) {
                int[] argb = new int[width];
                byte[] row = new byte[1 + 4 * width];
                for (int y = 0; y < height; y++) {
                    image.getRGB(0, y, width, 1, argb, 0, width);
                    row[0] = 0;
                    for (int x = 0, i = 1; x < width; x++) {
                        int p = argb[x];
                        row[i++] = (byte) (p >>> 16);
                        row[i++] = (byte) (p >>> 8);
                        row[i++] = (byte) p;
                        row[i++] = (byte) (p >>> 24);
                    }
                    z.write(row);
                }
            } finally {
                deflater.end();
            }
            chunk(out, "IDAT", data.toByteArray());
            chunk(out, "IEND", new byte[0]);
            out.flush();
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
