package io.hyperfusion.app.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** What hostile clients send, for the server tests and the hostile-load benchmark: raw sockets and pixel bombs. */
final class Hostile {
    private Hostile() { }

    /**
     * A black 16-bit RGB PNG: small on the wire, 6 bytes per pixel to inflate. 6320 x 6320 (just under the default
     * 40-megapixel limit per image) is 233 KB and takes the JDK reader about a second.
     */
    static byte[] pixelBomb(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9), 1 << 16)) {
            byte[] row = new byte[1 + width * 6];
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A batch of {@code n} posts carrying the same image (as separate arrays once decoded by the server). */
    static String batch(int n, byte[] image) {
        String b64 = Base64.getEncoder().encodeToString(image);
        StringBuilder sb = new StringBuilder("{\"explain\": false, \"posts\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"post_id\": \"bomb").append(i)
                    .append("\", \"user_id\": \"u1\", \"image_base64\": \"").append(b64).append("\"}");
        }
        return sb.append("]}").toString();
    }

    /** An ordinary single post with its author's profile and no image. */
    static String ordinaryPost(String id) {
        return "{\"post_id\": \"" + id + "\", \"user_id\": \"u1\", \"posted_at\": \"2016-03-01T18:00:00Z\", "
                + "\"title\": \"beach at dusk\", \"tags\": [\"sea\"], \"user\": {\"photo_count\": 42}}";
    }

    /** A connection that sent the headers of a POST declaring {@code length} bytes, and one byte of its body. */
    static Socket slowBody(int port, int length) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /** Sends one more byte; false when the server has closed the connection. */
    static boolean trickle(Socket s) {
        try {
            s.getOutputStream().write(' ');
            s.getOutputStream().flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status line the server answered on {@code s}, or "" when it closed the connection without one. */
    static String statusLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    /**
     * The status line and the body of the answer on {@code s}, read by the answer's own Content-Length (so a server
     * that keeps the connection open does not make the read wait).
     */
    static String answer(Socket s) throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
        String status = line(in);
        int bodyLength = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                bodyLength = Integer.parseInt(h.substring("content-length:".length()).trim());
            }
        }
        byte[] body = new byte[bodyLength];
        in.readFully(body);
        return status + "\n" + new String(body, StandardCharsets.UTF_8);
    }

    /** One header line without its CR LF; "" at the end of the headers or of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** A request line with an invented method and nothing else; returns the status line. */
    static String rawRequest(int port, String method, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return statusLine(s);
        }
    }
}
