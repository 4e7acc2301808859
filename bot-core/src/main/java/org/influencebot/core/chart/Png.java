package org.influencebot.core.chart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;

/**
 * Renders a chart to PNG bytes, deterministically: an opaque RGB image, no metadata (so no time chunk),
 * strong compression. The same chart gives the same bytes on the same JDK and fonts.
 */
final class Png {
  /** The PNG writer's compression quality: 0 is the smallest file, 1 the fastest. */
  static final float QUALITY = 0.25f; // about 10 % larger than 0 and several times faster to encode

  private Png() {}

  static byte[] render(JFreeChart chart, int width, int height) {
    BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    return encode(image);
  }

  static byte[] encode(BufferedImage image) {
    return encode(image, QUALITY);
  }

  static byte[] encode(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (param.canWriteCompressed()) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding into memory failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
