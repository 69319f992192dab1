package io.github.photo2car.trainer.synth;

/**
 * A shard of a synthetic data set is missing, truncated, altered or does not match its manifest.
 * Its samples are never handed out; regenerate the shard (running the generator again on the same
 * folder redoes exactly the shards that fail verification).
 */
public final class CorruptShardException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the shard file
     */
    public CorruptShardException(String message) {
        super(message);
    }
}
