package org.artsim.embed.pretrained;

import org.artsim.embed.Preprocessing;
import org.artsim.embed.image.PilResampler.Filter;

/**
 * The pretrained CNN presets {@code ./artsim models} makes from {@code nsfwjs@4.4.0}, with their
 * facts in one place: input side, output dimension, the Keras layer they end at, and their
 * preprocessing.
 *
 * <p><b>Preprocessing.</b> nsfwjs feeds its models RGB scaled to [0, 1] ({@code pixel / 255}, no
 * mean or standard deviation), resized to the square input without keeping the aspect ratio. The
 * presets keep that value range and the whole-image square resize (the networks were trained and
 * fine-tuned on it), but resize with Pillow's antialiased bilinear filter instead of tfjs's {@code
 * resizeBilinear(alignCorners=true)}, which skips pixels when it shrinks a large picture. The
 * conversion itself is checked against tfjs on one shared tensor ({@code tools/models/parity.py}).
 */
public enum PretrainedCnn {
  /** MobileNetV2, nsfwjs's {@code flatten_1}: {@code out_relu} pooled, 1280-d, 224 input. */
  MOBILENETV2("mobilenetv2", 224, 1280, "flatten_1",
      "MobileNetV2 pooled top features (1280-d; blocks 11-16 fine-tuned by nsfwjs), made by ./artsim models"),
  /** MobileNetV2 block 10 averaged over space (the last frozen, ImageNet block): 96-d, 224 input. */
  MOBILENETV2_IMAGENET("mobilenetv2-imagenet", 224, 96, "block_10_project_BN",
      "MobileNetV2 ImageNet features of block 10, averaged (96-d), made by ./artsim models"),
  /** InceptionV3 {@code mixed5} averaged over space (the last frozen, ImageNet block): 768-d, 299 input. */
  INCEPTIONV3("inceptionv3", 299, 768, "mixed5",
      "InceptionV3 ImageNet features of mixed5, averaged (768-d), made by ./artsim models");

  private final String presetName;
  private final int size;
  private final int dimension;
  private final String layer;
  private final String description;

  PretrainedCnn(String presetName, int size, int dimension, String layer, String description) {
    this.presetName = presetName;
    this.size = size;
    this.dimension = dimension;
    this.layer = layer;
    this.description = description;
  }

  /** The provider name ({@code mobilenetv2}...), also the model's directory and file name. */
  public String presetName() {
    return presetName;
  }

  /** The square input side in pixels. */
  public int size() {
    return size;
  }

  /** The feature vector length. */
  public int dimension() {
    return dimension;
  }

  /** The nsfwjs Keras layer the features come from. */
  public String layer() {
    return layer;
  }

  /** One line for provider listings. */
  public String description() {
    return description;
  }

  /** RGB / 255, antialiased bilinear resize to {@code size x size}, no crop, no mean or std. */
  public Preprocessing preprocessing() {
    return new Preprocessing(size, size, false, Filter.BILINEAR, new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});
  }

  /** The preset of a provider name; null if there is none. */
  public static PretrainedCnn byName(String name) {
    for (PretrainedCnn p : values()) {
      if (p.presetName.equals(name)) {
        return p;
      }
    }
    return null;
  }
}
