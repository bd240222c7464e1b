package org.artsim.embed;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import org.artsim.ConfigException;
import org.artsim.embed.image.PilResampler;
import org.artsim.embed.image.PilResampler.Filter;
import org.artsim.spi.ConfigMap;

/**
 * How an RGB image becomes a model's input tensor, matching torchvision's {@code
 * Compose([Resize(resize), CenterCrop(size), ToTensor(), Normalize(mean, std)])} on a PIL image
 * exactly (or {@code Resize((size, size))} without the crop when {@link #crop()} is false).
 *
 * <ol>
 *   <li><b>Resize</b> with Pillow's antialiased {@link Filter} ({@link PilResampler}, bit-identical
 *       to Pillow). With crop, the shorter side becomes {@code resize} and the longer side {@code
 *       (int) (resize * long / short)} (truncated, as torchvision does); without crop, the image
 *       becomes {@code size} &times; {@code size}, ignoring its aspect ratio.
 *   <li><b>Centre crop</b> to {@code size} &times; {@code size}: the top-left corner is {@code
 *       round((H - size) / 2)}, {@code round((W - size) / 2)} with Python's round-half-to-even. An
 *       image smaller than the crop is padded with zeros, like torchvision.
 *   <li><b>ToTensor</b>: channel-first RGB, each 8-bit sample {@code v / 255f} in float32.
 *   <li><b>Normalize</b>: {@code (x - mean[c]) / std[c]}, in float32.
 * </ol>
 *
 * @param size the model's input side (224 or 299 for the usual CNNs); setting {@code image_size}
 * @param resize the shorter side after resizing, when cropping (e.g. 256 for a 224 crop); setting
 *     {@code resize}
 * @param crop resize the shorter side then centre-crop (true), or resize to a square (false);
 *     setting {@code crop}
 * @param filter the interpolation; setting {@code interpolation} ({@code bilinear}, {@code bicubic})
 * @param mean per-channel mean (R, G, B); setting {@code mean} as three comma-separated numbers
 * @param std per-channel standard deviation (R, G, B); setting {@code std}
 */
public record Preprocessing(int size, int resize, boolean crop, Filter filter, float[] mean, float[] std) {
  /** ImageNet channel means, as torchvision's pretrained models use them. */
  public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  /** ImageNet channel standard deviations. */
  public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
  /** CLIP's channel means (OpenAI CLIP, and HF CLIPImageProcessor). */
  public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  /** CLIP's channel standard deviations. */
  public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};
  /** Inception's (0.5, 0.5, 0.5), mapping [0, 1] to [-1, 1]. */
  public static final float[] HALF = {0.5f, 0.5f, 0.5f};

  /** Validates the settings and copies the arrays. */
  public Preprocessing {
    if (size < 8 || size > 4096) {
      throw new ConfigException("preprocessing: image_size must be in [8, 4096], got " + size);
    }
    if (crop && (resize < size || resize > 8192)) {
      throw new ConfigException("preprocessing: resize must be in [image_size, 8192] when cropping, got " + resize + " with image_size " + size);
    }
    if (filter == null) {
      throw new ConfigException("preprocessing: interpolation is null; use bilinear or bicubic");
    }
    mean = check("mean", mean, false);
    std = check("std", std, true);
  }

  private static float[] check(String name, float[] v, boolean positive) {
    if (v == null || v.length != 3) {
      throw new ConfigException("preprocessing: " + name + " must have 3 values (R, G, B), got " + (v == null ? null : Arrays.toString(v)));
    }
    for (float x : v) {
      if (!Float.isFinite(x) || (positive && x <= 0)) {
        throw new ConfigException("preprocessing: " + name + " values must be finite" + (positive ? " and > 0" : "") + ", got " + Arrays.toString(v));
      }
    }
    return v.clone();
  }

  /** torchvision's ImageNet evaluation transform: resize 256, crop 224, bilinear, ImageNet stats. */
  public static Preprocessing imagenet224() {
    return new Preprocessing(224, 256, true, Filter.BILINEAR, IMAGENET_MEAN, IMAGENET_STD);
  }

  /** CLIP's transform: bicubic short side 224, crop 224, CLIP stats. */
  public static Preprocessing clip224() {
    return new Preprocessing(224, 224, true, Filter.BICUBIC, CLIP_MEAN, CLIP_STD);
  }

  /** A copy that resizes to a square without cropping. */
  public Preprocessing withoutCrop() {
    return new Preprocessing(size, resize, false, filter, mean, std);
  }

  /** A copy with another interpolation. */
  public Preprocessing withFilter(Filter filter) {
    return new Preprocessing(size, resize, crop, filter, mean, std);
  }

  /** A copy with other input and resize sides. */
  public Preprocessing withSize(int size, int resize) {
    return new Preprocessing(size, resize, crop, filter, mean, std);
  }

  /** A copy with other normalisation statistics. */
  public Preprocessing withStats(float[] mean, float[] std) {
    return new Preprocessing(size, resize, crop, filter, mean, std);
  }

  /** The array mean; a copy. */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** The array std; a copy. */
  @Override
  public float[] std() {
    return std.clone();
  }

  /** Reads the preprocessing settings over {@code base} (the caller finishes the map). */
  public static Preprocessing read(ConfigMap c, Preprocessing base) {
    int size = c.getInt("image_size", base.size);
    int resize = c.getInt("resize", base.resize == base.size ? size : base.resize);
    boolean crop = c.getBoolean("crop", base.crop);
    Filter filter = c.getEnum("interpolation", Filter.class, base.filter);
    float[] mean = c.get("mean", base.mean, Preprocessing::floats3, "three comma-separated numbers");
    float[] std = c.get("std", base.std, Preprocessing::floats3, "three comma-separated numbers");
    return new Preprocessing(size, resize, crop, filter, mean, std);
  }

  private static float[] floats3(String s) {
    String[] parts = s.split(",");
    if (parts.length != 3) {
      throw new IllegalArgumentException(s);
    }
    float[] v = new float[3];
    for (int i = 0; i < 3; i++) {
      v[i] = Float.parseFloat(parts[i].trim());
    }
    return v;
  }

  /** The number of floats one image becomes: {@code 3 * size * size}. */
  public int tensorLength() {
    return 3 * size * size;
  }

  /** The image after resize and crop, as packed RGB {@code size * size} ints (exposed for tests). */
  public int[] resizeAndCrop(BufferedImage rgbImage) {
    int w = rgbImage.getWidth();
    int h = rgbImage.getHeight();
    int[] rgb = rgbImage.getRGB(0, 0, w, h, null, 0, w);
    if (!crop) {
      return PilResampler.resize(rgb, w, h, size, size, filter);
    }
    int rw;
    int rh;
    if (w <= h) {
      rw = resize;
      rh = (int) ((long) resize * h / w);
    } else {
      rh = resize;
      rw = (int) ((long) resize * w / h);
    }
    if (w == h) {
      rw = rh = resize;
    }
    int[] resized = PilResampler.resize(rgb, w, h, rw, rh, filter);
    int top = (int) Math.rint((rh - size) / 2.0);
    int left = (int) Math.rint((rw - size) / 2.0);
    int[] out = new int[size * size];
    for (int y = 0; y < size; y++) {
      int sy = y + top;
      for (int x = 0; x < size; x++) {
        int sx = x + left;
        out[y * size + x] = sy >= 0 && sy < rh && sx >= 0 && sx < rw ? resized[sy * rw + sx] : 0;
      }
    }
    return out;
  }

  /**
   * Writes the image's input tensor (3 &times; size &times; size, channel-first) into {@code dst}
   * at {@code offset}.
   */
  public void toTensor(BufferedImage rgbImage, float[] dst, int offset) {
    int[] px = resizeAndCrop(rgbImage);
    int plane = size * size;
    for (int c = 0; c < 3; c++) {
      int shift = 16 - 8 * c;
      float m = mean[c];
      float s = std[c];
      int base = offset + c * plane;
      for (int i = 0; i < plane; i++) {
        float v = ((px[i] >>> shift) & 0xFF) / 255f;
        dst[base + i] = (v - m) / s;
      }
    }
  }

  /** The image's input tensor as a new array. */
  public float[] toTensor(BufferedImage rgbImage) {
    float[] out = new float[tensorLength()];
    toTensor(rgbImage, out, 0);
    return out;
  }

  /** The settings as strings, for {@link org.artsim.EmbedderInfo}. */
  public java.util.Map<String, String> describe() {
    return java.util.Map.of(
        "image_size", Integer.toString(size),
        "resize", crop ? Integer.toString(resize) : "none",
        "crop", Boolean.toString(crop),
        "interpolation", filter.name().toLowerCase(Locale.ROOT),
        "mean", join(mean),
        "std", join(std));
  }

  private static String join(float[] v) {
    return v[0] + "," + v[1] + "," + v[2];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Preprocessing p && size == p.size && resize == p.resize && crop == p.crop && filter == p.filter
        && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std);
  }

  @Override
  public int hashCode() {
    return ((size * 31 + resize) * 31 + Boolean.hashCode(crop)) * 31 + filter.hashCode() + Arrays.hashCode(mean) * 7 + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Preprocessing" + describe();
  }
}
