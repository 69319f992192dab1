package io.github.photo2car.trainer.synth;

import com.jme3.texture.Image;
import com.jme3.texture.Texture;
import com.jme3.texture.Texture2D;
import com.jme3.texture.image.ColorSpace;
import com.jme3.util.BufferUtils;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of real photos (or wallpapers, e.g. Debian's {@code desktop-base} package) that the
 * generator may show behind a car instead of the procedural sky and ground. Files are taken in
 * name order; their bytes fingerprint the data set, so a changed folder is noticed on resume.
 */
public final class Backdrops {

    /** Longest side of a backdrop texture in pixels (larger photos are scaled down). */
    private static final int MAX_SIDE = 1024;

    private final List<Path> files;
    private final String fingerprint;

    private Backdrops(List<Path> files, String fingerprint) {
        this.files = files;
        this.fingerprint = fingerprint;
    }

    /** @return a set of no backdrops */
    public static Backdrops none() {
        return new Backdrops(List.of(), "");
    }

    /**
     * Lists the .png, .jpg and .jpeg files of a folder (not recursive).
     *
     * @param dir the folder (not null)
     * @return the backdrops
     * @throws IOException if the folder cannot be read or holds no picture
     */
    public static Backdrops scan(Path dir) throws IOException {
        List<Path> list = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
            }).sorted().forEach(list::add);
        }
        if (list.isEmpty()) {
            throw new IOException("no .png or .jpg pictures in " + dir);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : list) {
                sha.update(p.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(p));
            }
            return new Backdrops(List.copyOf(list), HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the number of pictures */
    public int size() {
        return files.size();
    }

    /** @return SHA-256 over the names and bytes of all pictures, "" when there are none */
    public String fingerprint() {
        return fingerprint;
    }

    /** @return the picture files in order (unmodifiable) */
    public List<Path> files() {
        return files;
    }

    /**
     * Loads every picture as a texture (sRGB bytes kept as they are: the sky shader shows them
     * unchanged apart from an exposure gain).
     *
     * @return new textures in file order
     * @throws IOException if a picture cannot be decoded
     */
    List<Texture2D> loadTextures() throws IOException {
        List<Texture2D> textures = new ArrayList<>(files.size());
        for (Path p : files) {
            BufferedImage src = ImageIO.read(p.toFile());
            if (src == null) {
                throw new IOException("cannot decode " + p);
            }
            double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(src.getWidth(), src.getHeight()));
            int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
            g.dispose();
            ByteBuffer buf = BufferUtils.createByteBuffer(w * h * 3);
            for (int y = h - 1; y >= 0; y--) { // texture rows start at the bottom
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    buf.put((byte) (rgb >> 16)).put((byte) (rgb >> 8)).put((byte) rgb);
                }
            }
            buf.flip();
            Texture2D t = new Texture2D(new Image(Image.Format.RGB8, w, h, buf, ColorSpace.Linear));
            t.setMinFilter(Texture.MinFilter.Trilinear);
            t.setMagFilter(Texture.MagFilter.Bilinear);
            t.setWrap(Texture.WrapMode.EdgeClamp);
            textures.add(t);
        }
        return textures;
    }
}
