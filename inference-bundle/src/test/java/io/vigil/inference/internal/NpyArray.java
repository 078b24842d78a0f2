package io.vigil.inference.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numpy {@code .npy} array of little-endian float64 in C order, as skimage ships its data sets.
 * The format: the magic {@code \x93NUMPY}, a major and minor version byte, the header length
 * (2 bytes little-endian in version 1, 4 bytes in versions 2 and 3), then a Python dict literal
 * with {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and a newline,
 * then the data. Anything else is refused with what was found.
 */
record NpyArray(int[] shape, double[] data) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    static NpyArray read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    static NpyArray parse(byte[] bytes, String name) throws IOException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException(name + " is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(in.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IOException(name + ": .npy header cut short");
            }
            headerLength = in.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(name + ": .npy format version " + major + "." + bytes[7] + " is not 1, 2 or 3");
        }
        if (headerLength < 0 || headerStart + headerLength > bytes.length) {
            throw new IOException(name + ": .npy header length " + headerLength + " runs past the end of the file");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        if (!header.startsWith("{") || !header.endsWith("}")) {
            throw new IOException(name + ": .npy header is not a dict: " + header);
        }
        String descr = field(DESCR, header, "descr", name);
        if (!descr.equals("<f8")) {
            throw new IOException(name + ": element type '" + descr + "' is not little-endian float64 ('<f8')");
        }
        if (!field(FORTRAN, header, "fortran_order", name).equals("False")) {
            throw new IOException(name + ": Fortran-order arrays are not supported");
        }
        String[] dims = field(SHAPE, header, "shape", name).split(",");
        int[] shape = Arrays.stream(dims).map(String::strip).filter(s -> !s.isEmpty()).mapToInt(s -> {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return -1;
            }
        }).toArray();
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IOException(name + ": shape (" + String.join(",", dims) + ") is not a tuple of sizes");
            }
            count *= d;
        }
        int dataStart = headerStart + headerLength;
        if (dataStart % 16 != 0) {
            throw new IOException(name + ": data starts at byte " + dataStart + ", not on the 16-byte boundary the format requires");
        }
        if (bytes.length - dataStart != count * 8) {
            throw new IOException(name + ": shape " + Arrays.toString(shape) + " needs " + count * 8 + " bytes of data, the file has "
                    + (bytes.length - dataStart));
        }
        double[] data = new double[(int) count];
        in.position(dataStart);
        in.asDoubleBuffer().get(data);
        return new NpyArray(shape, data);
    }

    private static String field(Pattern pattern, String header, String key, String name) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": .npy header has no '" + key + "': " + header);
        }
        return m.group(1);
    }
}
