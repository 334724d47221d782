package io.cpaas.sfu.srtp;

/** Hex for test vectors copied from RFCs: whitespace between digits is ignored. */
final class Hex {

    private Hex() {
    }

    static byte[] decode(String text) {
        String digits = text.replaceAll("\\s", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String encode(byte[] bytes, int off, int len) {
        StringBuilder sb = new StringBuilder(2 * len);
        for (int i = off; i < off + len; i++) {
            sb.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return sb.toString();
    }

    static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }
}
