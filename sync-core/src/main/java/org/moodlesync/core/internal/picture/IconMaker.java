package org.moodlesync.core.internal.picture;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.moodlesync.api.command.picture.Icon;
import org.moodlesync.api.command.picture.IconFormat;
import org.moodlesync.api.command.picture.PictureIcons;
import org.moodlesync.api.command.picture.PictureLimits;
import org.moodlesync.core.internal.pipeline.LineFailure;

/**
 * Makes the three icons of a user picture from an uploaded image, as Moodle's {@code process_new_icon()} does:
 * JPEG, PNG or GIF in (told from the content, never from the name); the largest centred square cropped out (side
 * {@code 2 × floor(min(width, height) / 2)}, centre {@code floor(width / 2), floor(height / 2)}); scaled to
 * 100×100 ({@code f1}), 35×35 ({@code f2}) and 512×512 ({@code f3}); JPEG out (quality 90) for a JPEG, PNG out
 * (RGBA, no row filter, zlib level 1, as Moodle asks GD) with its alpha channel for a PNG or a GIF (a GIF's
 * transparent colour stays transparent).
 *
 * <p>Everything happens in memory (no ImageIO disk cache). Only the cropped square is decoded, subsampled when it
 * is far larger than 512 pixels, so memory stays small whatever the image's size; the image's declared size is
 * checked against {@link PictureLimits#maxPixels()} before decoding. The bytes differ from PHP-GD's, the sizes and
 * formats do not. Output is deterministic: the same image gives the same icons, so a rerun changes nothing.
 * Thread-safe.
 */
public final class IconMaker {

    /** Sides above twice this are subsampled while decoding, then scaled down smoothly. */
    private static final int DECODE_SIDE = 1024;
    private static final float JPEG_QUALITY = 0.9f;

    private final PictureLimits limits;

    public IconMaker(PictureLimits limits) {
        this.limits = limits;
    }

    /**
     * The icons of an image.
     *
     * @throws LineFailure when the bytes are not a JPEG, PNG or GIF image Moodle could use, or are over the limits
     */
    public PictureIcons make(byte[] image) {
        ImageFormat format = ImageFormat.sniff(image);
        if (format == null) {
            throw new LineFailure(null, "not an image Moodle accepts (JPEG, PNG or GIF, told from the content)");
        }
        BufferedImage square = decodeSquare(image, format);
        IconFormat out = format.iconFormat();
        BufferedImage base = toWorkingType(square, out);
        byte[] f1 = encode(scale(base, Icon.F1.size(), out), out);
        byte[] f2 = encode(scale(base, Icon.F2.size(), out), out);
        byte[] f3 = encode(scale(base, Icon.F3.size(), out), out);
        return new PictureIcons(out, f1, f2, f3);
    }

    private BufferedImage decodeSquare(byte[] image, ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new LineFailure(null, "no " + format + " decoder in this Java runtime");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new LineFailure(null, "the " + format + " image has no pixels");
            }
            if ((long) width * height > limits.maxPixels()) {
                throw new LineFailure(null, "the " + format + " image is " + width + "×" + height + " pixels, over "
                        + limits.maxPixels() + " pixels");
            }
            int half = Math.min(width, height) / 2;
            if (half < 1) {
                throw new LineFailure(null, "the " + format + " image is " + width + "×" + height
                        + " pixels: too small to crop a square from");
            }
            int side = 2 * half;
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle(width / 2 - half, height / 2 - half, side, side));
            int step = Math.max(1, side / DECODE_SIDE);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage decoded = reader.read(0, param);
            if (decoded == null || decoded.getWidth() < 1 || decoded.getHeight() < 1) {
                throw new LineFailure(null, "the " + format + " image could not be decoded");
            }
            return decoded;
        } catch (IIOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Unsupported Image Type")) {
                throw new LineFailure(null, "the JPEG image uses a colour space this decoder cannot read (CMYK or "
                        + "YCCK): save it as an RGB JPEG");
            }
            throw new LineFailure(null, "the " + format + " image cannot be decoded: " + m);
        } catch (IOException | RuntimeException e) {
            if (e instanceof LineFailure failure) {
                throw failure;
            }
            throw new LineFailure(null, "the " + format + " image cannot be decoded: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    /** The decoded square in the type the scaling works in: premultiplied ARGB for PNG, RGB for JPEG. */
    private static BufferedImage toWorkingType(BufferedImage decoded, IconFormat out) {
        int side = Math.min(decoded.getWidth(), decoded.getHeight());
        int type = out == IconFormat.PNG ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB;
        BufferedImage copy = new BufferedImage(side, side, type);
        Graphics2D g = copy.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(decoded, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    /** Halves with bilinear filtering while the image stays at least twice the target, then one last step. */
    static BufferedImage scale(BufferedImage image, int target, IconFormat out) {
        BufferedImage current = image;
        int side = current.getWidth();
        while (side / 2 >= target) {
            side /= 2;
            current = resized(current, side, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (side != target) {
            // down by less than half: bilinear is enough; up (a small image): bicubic
            current = resized(current, target, side > target ? RenderingHints.VALUE_INTERPOLATION_BILINEAR
                    : RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        }
        if (out == IconFormat.PNG) {
            BufferedImage plain = new BufferedImage(target, target, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = plain.createGraphics();
            try {
                g.setComposite(AlphaComposite.Src);
                g.drawImage(current, 0, 0, null);
            } finally {
                g.dispose();
            }
            return plain;
        }
        return current;
    }

    private static BufferedImage resized(BufferedImage source, int side, Object interpolation) {
        BufferedImage target = new BufferedImage(side, side, source.getType());
        Graphics2D g = target.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(source, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] encode(BufferedImage image, IconFormat format) {
        if (format == IconFormat.PNG) {
            return PngEncoder.encode(image);
        }
        String name = "jpeg";
        ImageWriter writer = ImageIO.getImageWritersByFormatName(name).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a " + name + " icon in memory: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
