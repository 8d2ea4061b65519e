package org.moodlesync.core.internal.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.moodlesync.api.command.picture.Icon;
import org.moodlesync.api.command.picture.IconFormat;
import org.moodlesync.api.command.picture.PictureIcons;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.core.internal.pipeline.LineFailure;

class IconMakerTest {

    private final IconMaker maker = new IconMaker(PictureLimits.defaults());

    private static void assertSizes(PictureIcons icons, String format) {
        for (Icon icon : Icon.values()) {
            byte[] bytes = icons.content(icon);
            assertThat(TestImages.formatOf(bytes)).as(icon + " format").isEqualTo(format);
            BufferedImage decoded = TestImages.decode(bytes);
            assertThat(decoded.getWidth()).as(icon + " width").isEqualTo(icon.size());
            assertThat(decoded.getHeight()).as(icon + " height").isEqualTo(icon.size());
        }
    }

    @Test
    void jpegInGivesJpegIconsOfTheThreeSizes() {
        PictureIcons icons = maker.make(TestImages.jpeg(1200, 1600));
        assertThat(icons.format()).isEqualTo(IconFormat.JPEG);
        assertSizes(icons, "jpeg");
    }

    @Test
    void pngInGivesPngIconsWithTheirAlpha() {
        PictureIcons icons = maker.make(TestImages.pngHalfTransparent(300, 200));
        assertThat(icons.format()).isEqualTo(IconFormat.PNG);
        assertSizes(icons, "png");
        BufferedImage f3 = TestImages.decode(icons.content(Icon.F3));
        assertThat(f3.getColorModel().hasAlpha()).isTrue();
        // 300×200 → centre square x 50..250: its left half is transparent, its right half red
        assertThat(f3.getRGB(20, 256) >>> 24).as("alpha of the left side").isZero();
        Color right = new Color(f3.getRGB(490, 256), true);
        assertThat(right.getAlpha()).isEqualTo(255);
        assertThat(right.getRed()).isGreaterThan(240);
    }

    @Test
    void gifInGivesPngIconsKeepingItsTransparentColour() {
        PictureIcons icons = maker.make(TestImages.gifHalfTransparent(64, 64));
        assertThat(icons.format()).isEqualTo(IconFormat.PNG);
        assertSizes(icons, "png");
        BufferedImage f1 = TestImages.decode(icons.content(Icon.F1));
        assertThat(f1.getRGB(50, 5) >>> 24).as("top: the GIF's transparent colour").isZero();
        Color bottom = new Color(f1.getRGB(50, 95), true);
        assertThat(bottom.getAlpha()).isEqualTo(255);
        assertThat(bottom.getGreen()).isGreaterThan(240);
    }

    @Test
    void formatIsToldFromTheContentNotTheName() {
        assertThat(maker.make(TestImages.image("png", 40, 40, Color.BLUE)).format()).isEqualTo(IconFormat.PNG);
        assertThat(maker.make(TestImages.image("jpg", 40, 40, Color.BLUE)).format()).isEqualTo(IconFormat.JPEG);
        assertThatThrownBy(() -> maker.make("GIF87a but not really an image".getBytes()))
                .isInstanceOf(LineFailure.class).hasMessageContaining("cannot be decoded");
        assertThatThrownBy(() -> maker.make("hello".getBytes()))
                .isInstanceOf(LineFailure.class).hasMessageContaining("JPEG, PNG or GIF");
        assertThatThrownBy(() -> maker.make(TestImages.image("bmp", 40, 40, Color.BLUE)))
                .as("BMP is not accepted even though Java reads it")
                .isInstanceOf(LineFailure.class).hasMessageContaining("JPEG, PNG or GIF");
    }

    @Test
    void theCentreSquareIsCropped() {
        for (byte[] image : new byte[][] {TestImages.greenCentre("png", 300, 100),
                TestImages.greenCentre("png", 100, 300), TestImages.greenCentre("png", 1999, 3001)}) {
            BufferedImage f1 = TestImages.decode(maker.make(image).content(Icon.F1));
            for (int[] p : new int[][] {{0, 0}, {99, 0}, {0, 99}, {99, 99}, {50, 50}}) {
                Color c = new Color(f1.getRGB(p[0], p[1]));
                assertThat(c.getGreen()).as("green at %s,%s", p[0], p[1]).isGreaterThan(200);
                assertThat(c.getRed()).as("no red at %s,%s", p[0], p[1]).isLessThan(60);
            }
        }
    }

    @Test
    void sameImageSameIcons() {
        byte[] image = TestImages.jpeg(640, 480);
        assertThat(maker.make(image)).isEqualTo(maker.make(image));
    }

    @Test
    void smallImagesAreScaledUp() {
        PictureIcons icons = maker.make(TestImages.image("png", 20, 30, Color.ORANGE));
        assertSizes(icons, "png");
    }

    @Test
    void imagesOverThePixelLimitOrTooSmallFail() {
        IconMaker strict = new IconMaker(PictureLimits.defaults().withMaxPixels(10_000));
        assertThatThrownBy(() -> strict.make(TestImages.image("png", 101, 100, Color.BLUE)))
                .isInstanceOf(LineFailure.class).hasMessageContaining("101×100").hasMessageContaining("10000");
        assertThat(strict.make(TestImages.image("png", 100, 100, Color.BLUE)).format()).isEqualTo(IconFormat.PNG);
        assertThatThrownBy(() -> maker.make(TestImages.image("png", 1, 50, Color.BLUE)))
                .isInstanceOf(LineFailure.class).hasMessageContaining("too small");
    }

    @Test
    void aPngHeaderClaimingAHugeImageIsRefusedBeforeDecoding() {
        byte[] png = TestImages.image("png", 10, 10, Color.BLUE);
        // IHDR width and height at bytes 16..23: claim 100000×100000 (CRC now wrong, the header is read first)
        byte[] forged = png.clone();
        int side = 100_000;
        for (int i = 0; i < 2; i++) {
            forged[16 + 4 * i] = (byte) (side >>> 24);
            forged[17 + 4 * i] = (byte) (side >>> 16);
            forged[18 + 4 * i] = (byte) (side >>> 8);
            forged[19 + 4 * i] = (byte) side;
        }
        assertThatThrownBy(() -> maker.make(forged)).isInstanceOf(LineFailure.class)
                .hasMessageContaining("100000×100000 pixels, over");
    }

    @Test
    void aTruncatedImageFailsWithoutThrowingAnythingElse() {
        byte[] png = TestImages.image("png", 200, 200, Color.BLUE);
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 3);
        assertThatThrownBy(() -> maker.make(cut)).isInstanceOf(LineFailure.class);
    }
}
