package org.moodlesync.core.internal.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void roundTripsEveryPixelWithItsAlpha() {
        BufferedImage image = new BufferedImage(37, 23, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(42);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                int alpha = random.nextInt(256);
                image.setRGB(x, y, alpha == 0 ? 0 : (alpha << 24) | random.nextInt(1 << 24));
            }
        }
        BufferedImage back = TestImages.decode(PngEncoder.encode(image));
        assertThat(back.getWidth()).isEqualTo(37);
        assertThat(back.getHeight()).isEqualTo(23);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                assertThat(back.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(image.getRGB(x, y));
            }
        }
    }

    @Test
    void writesRgbaWithoutRowFiltersAndValidChunks() throws IOException {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(1, 1, 0x80ff0000);
        byte[] png = PngEncoder.encode(image);
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
        // IHDR: length 13, then width 5, height 3, depth 8, colour type 6 (RGBA)
        assertThat(png[16 + 3]).isEqualTo((byte) 5);
        assertThat(png[20 + 3]).isEqualTo((byte) 3);
        assertThat(png[24]).isEqualTo((byte) 8);
        assertThat(png[25]).isEqualTo((byte) 6);
        int pos = 8;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        while (pos < png.length) {
            int length = ((png[pos] & 0xff) << 24) | ((png[pos + 1] & 0xff) << 16) | ((png[pos + 2] & 0xff) << 8)
                    | (png[pos + 3] & 0xff);
            String type = new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(png, pos + 4, 4 + length);
            int stored = ((png[pos + 8 + length] & 0xff) << 24) | ((png[pos + 9 + length] & 0xff) << 16)
                    | ((png[pos + 10 + length] & 0xff) << 8) | (png[pos + 11 + length] & 0xff);
            assertThat(stored).as("CRC of " + type).isEqualTo((int) crc.getValue());
            if (type.equals("IDAT")) {
                idat.write(png, pos + 8, length);
            }
            pos += 12 + length;
        }
        byte[] raw = new InflaterInputStream(new ByteArrayInputStream(idat.toByteArray())).readAllBytes();
        assertThat(raw).hasSize(3 * (1 + 5 * 4));
        for (int row = 0; row < 3; row++) {
            assertThat(raw[row * 21]).as("filter of row " + row).isZero();
        }
        assertThat(Arrays.copyOfRange(raw, 21 + 1 + 4, 21 + 1 + 8))
                .containsExactly((byte) 0xff, 0, 0, (byte) 0x80);
    }
}
