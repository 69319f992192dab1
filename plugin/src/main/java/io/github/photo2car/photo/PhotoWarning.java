package io.github.photo2car.photo;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Something odd about a photo that did not stop it from being used, worth telling the player
 * (HUD, CLI). Immutable.
 *
 * @param reason  what kind of oddity (not null)
 * @param message one player-readable sentence naming the photo (not null, not blank)
 * @param score   a number that qualifies the warning (for example the best car score of a
 *                segmentation), or empty
 */
public record PhotoWarning(Reason reason, String message, OptionalDouble score) {

    /** Kinds of recoverable oddities. */
    public enum Reason {
        /** The photo was larger than the decoder's pixel budget and was read at a fraction of its size. */
        SUBSAMPLED,
        /** A CMYK or YCCK (print) JPEG; its colours were converted to RGB. */
        CONVERTED_FROM_CMYK,
        /** More than 8 bits per channel; reduced to 8. */
        REDUCED_FROM_16_BIT,
        /** Black and white: the paint colour cannot come from this photo. */
        GRAYSCALE,
        /** The image's alpha channel is used as the car's mask. */
        ALPHA_USED_AS_MASK,
        /** The short side is below the decoder's low-resolution threshold: the texture will be blurry. */
        LOW_RESOLUTION,
        /** The image decoder reported a problem it worked around (damaged data skipped, no colour profile, ...). */
        DECODER_WARNING,
        /** Segmentation found no car; {@link #score()} holds the best car score (set by the segmentation stage). */
        NO_CAR_FOUND,
        /** Segmentation found several cars and kept the largest; {@link #score()} holds its score. */
        SEVERAL_CARS
    }

    /**
     * @throws IllegalArgumentException if the message is blank or the score is not finite
     */
    public PhotoWarning {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(score, "score");
        if (message.isBlank()) {
            throw new IllegalArgumentException("a warning needs a message");
        }
        if (score.isPresent() && !Double.isFinite(score.getAsDouble())) {
            throw new IllegalArgumentException("score must be finite, got " + score.getAsDouble());
        }
    }

    /**
     * A warning without a score.
     *
     * @param reason  what kind of oddity (not null)
     * @param message one player-readable sentence (not null, not blank)
     * @return the warning
     */
    public static PhotoWarning of(Reason reason, String message) {
        return new PhotoWarning(reason, message, OptionalDouble.empty());
    }

    /**
     * A warning that carries a score.
     *
     * @param reason  what kind of oddity (not null)
     * @param message one player-readable sentence (not null, not blank)
     * @param score   the qualifying number (finite)
     * @return the warning
     */
    public static PhotoWarning withScore(Reason reason, String message, double score) {
        return new PhotoWarning(reason, message, OptionalDouble.of(score));
    }
}
