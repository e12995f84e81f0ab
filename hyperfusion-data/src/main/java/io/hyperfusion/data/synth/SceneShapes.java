package io.hyperfusion.data.synth;

import static io.hyperfusion.data.synth.SceneRenderer.clamp;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.util.SplittableRandom;

/**
 * The procedural drawing of each {@link Scene}: a scene-specific palette (sky gradients, greens, greys,
 * skin tones, bright party colours) and shapes (sun, sea, tree crowns, peaks, building blocks with windows,
 * plate and food, head and shoulders, four-legged animal, balloons, a device with a screen), jittered by the
 * image's random stream.
 */
final class SceneShapes {

    private SceneShapes() {
    }

    static void draw(Graphics2D g, Scene scene, int w, int h, SplittableRandom r) {
        switch (scene) {
            case SUNSET -> sunset(g, w, h, r);
            case BEACH -> beach(g, w, h, r);
            case FOREST -> forest(g, w, h, r);
            case MOUNTAIN -> mountain(g, w, h, r);
            case CITY -> city(g, w, h, r, false);
            case NIGHT -> city(g, w, h, r, true);
            case SNOW -> snow(g, w, h, r);
            case FOOD -> food(g, w, h, r);
            case PORTRAIT -> portrait(g, w, h, r);
            case ANIMAL -> animal(g, w, h, r);
            case PARTY -> party(g, w, h, r);
            case GADGET -> gadget(g, w, h, r);
            default -> throw new IllegalStateException("no drawing for scene " + scene);
        }
    }

    private static Color jitter(SplittableRandom r, int red, int green, int blue, int amount) {
        return new Color(clamp(red + r.nextInt(2 * amount + 1) - amount),
                clamp(green + r.nextInt(2 * amount + 1) - amount), clamp(blue + r.nextInt(2 * amount + 1) - amount));
    }

    private static void sky(Graphics2D g, int w, int horizon, Color top, Color bottom) {
        g.setPaint(new GradientPaint(0, 0, top, 0, horizon, bottom));
        g.fillRect(0, 0, w, horizon + 1);
    }

    private static void sunset(Graphics2D g, int w, int h, SplittableRandom r) {
        int horizon = (int) (h * (0.5 + 0.2 * r.nextDouble()));
        sky(g, w, horizon, jitter(r, 60, 40, 120, 20), jitter(r, 250, 130, 50, 15));
        int sun = (int) (Math.min(w, h) * (0.12 + 0.1 * r.nextDouble()));
        int sx = (int) (w * (0.2 + 0.6 * r.nextDouble()));
        g.setColor(jitter(r, 255, 210, 90, 10));
        g.fillOval(sx - sun, horizon - sun, 2 * sun, 2 * sun);
        g.setPaint(new GradientPaint(0, horizon, jitter(r, 70, 40, 80, 15), 0, h, jitter(r, 20, 15, 40, 10)));
        g.fillRect(0, horizon, w, h - horizon);
        g.setColor(new Color(255, 180, 90));
        for (int y = horizon + 4; y < h; y += 6 + r.nextInt(8)) {
            int len = sun / 2 + r.nextInt(sun + 1);
            g.fillRect(sx - len / 2, y, len, 2);
        }
    }

    private static void beach(Graphics2D g, int w, int h, SplittableRandom r) {
        int horizon = (int) (h * (0.4 + 0.15 * r.nextDouble()));
        int shore = horizon + (int) ((h - horizon) * (0.35 + 0.3 * r.nextDouble()));
        sky(g, w, horizon, jitter(r, 70, 140, 230, 15), jitter(r, 185, 220, 250, 10));
        g.setColor(jitter(r, 255, 240, 140, 10));
        int sun = Math.max(6, Math.min(w, h) / 12);
        g.fillOval((int) (w * (0.6 + 0.3 * r.nextDouble())), (int) (horizon * 0.2), sun, sun);
        g.setColor(jitter(r, 20, 100, 170, 15));
        g.fillRect(0, horizon, w, shore - horizon);
        g.setColor(jitter(r, 230, 210, 160, 12));
        g.fillRect(0, shore, w, h - shore);
        g.setColor(new Color(245, 250, 255));
        g.setStroke(new BasicStroke(2f));
        for (int i = 0; i < 6; i++) {
            int y = horizon + r.nextInt(Math.max(1, shore - horizon));
            g.drawArc(r.nextInt(w), y, 20 + r.nextInt(40), 6, 0, 180);
        }
    }

    private static void forest(Graphics2D g, int w, int h, SplittableRandom r) {
        int horizon = (int) (h * (0.25 + 0.15 * r.nextDouble()));
        sky(g, w, horizon, jitter(r, 150, 190, 225, 15), jitter(r, 200, 220, 230, 10));
        g.setColor(jitter(r, 40, 90, 35, 15));
        g.fillRect(0, horizon, w, h - horizon);
        int trees = 8 + r.nextInt(14);
        for (int i = 0; i < trees; i++) {
            int x = r.nextInt(w);
            int base = horizon + r.nextInt(Math.max(1, h - horizon));
            int size = (int) (Math.min(w, h) * (0.12 + 0.2 * r.nextDouble()));
            g.setColor(jitter(r, 90, 60, 30, 15));
            g.fillRect(x - size / 10, base - size, Math.max(2, size / 5), size);
            g.setColor(jitter(r, 50 + r.nextInt(40), 120 + r.nextInt(70), 40, 20));
            g.fillOval(x - size / 2, base - size - size / 2, size, size);
        }
    }

    private static void mountain(Graphics2D g, int w, int h, SplittableRandom r) {
        int horizon = (int) (h * (0.55 + 0.15 * r.nextDouble()));
        sky(g, w, horizon, jitter(r, 60, 120, 210, 15), jitter(r, 190, 215, 240, 10));
        for (int i = 0; i < 3 + r.nextInt(3); i++) {
            int peakX = r.nextInt(w);
            int peakY = (int) (h * (0.1 + 0.35 * r.nextDouble()));
            int half = (int) (w * (0.2 + 0.3 * r.nextDouble()));
            g.setColor(jitter(r, 110, 110, 120, 20));
            g.fillPolygon(new Polygon(new int[] {peakX - half, peakX, peakX + half},
                    new int[] {horizon, peakY, horizon}, 3));
            int capY = peakY + (horizon - peakY) / 4;
            int capHalf = half * (capY - peakY) / Math.max(1, horizon - peakY);
            g.setColor(new Color(245, 248, 252));
            g.fillPolygon(new Polygon(new int[] {peakX - capHalf, peakX, peakX + capHalf},
                    new int[] {capY, peakY, capY}, 3));
        }
        g.setColor(jitter(r, 70, 130, 60, 15));
        g.fillRect(0, horizon, w, h - horizon);
    }

    private static void city(Graphics2D g, int w, int h, SplittableRandom r, boolean night) {
        int street = (int) (h * (0.8 + 0.1 * r.nextDouble()));
        if (night) {
            sky(g, w, street, jitter(r, 5, 5, 30, 5), jitter(r, 25, 25, 70, 10));
            g.setColor(new Color(240, 240, 220));
            int moon = Math.max(8, Math.min(w, h) / 10);
            g.fillOval(r.nextInt(Math.max(1, w - moon)), r.nextInt(Math.max(1, h / 4)), moon, moon);
            for (int i = 0; i < 40; i++) {
                g.fillRect(r.nextInt(w), r.nextInt(Math.max(1, street / 2)), 2, 2);
            }
        } else {
            sky(g, w, street, jitter(r, 150, 170, 190, 15), jitter(r, 210, 215, 220, 10));
        }
        int x = -r.nextInt(20);
        while (x < w) {
            int bw = 25 + r.nextInt(Math.max(1, w / 4));
            int top = (int) (street * (0.15 + 0.6 * r.nextDouble()));
            int grey = 80 + r.nextInt(90);
            g.setColor(night ? jitter(r, 15, 15, 20, 5) : jitter(r, grey, grey, grey + 5, 8));
            g.fillRect(x, top, bw, street - top);
            for (int wy = top + 6; wy < street - 8; wy += 12) {
                for (int wx = x + 5; wx < x + bw - 8; wx += 10) {
                    boolean lit = r.nextDouble() < (night ? 0.45 : 1.0);
                    if (lit) {
                        g.setColor(night ? jitter(r, 250, 210, 90, 15) : jitter(r, 190, 205, 220, 10));
                        g.fillRect(wx, wy, 5, 7);
                    }
                }
            }
            x += bw + r.nextInt(6);
        }
        g.setColor(night ? new Color(20, 20, 25) : jitter(r, 60, 60, 65, 5));
        g.fillRect(0, street, w, h - street);
    }

    private static void snow(Graphics2D g, int w, int h, SplittableRandom r) {
        int horizon = (int) (h * (0.45 + 0.2 * r.nextDouble()));
        sky(g, w, horizon, jitter(r, 170, 190, 215, 10), jitter(r, 225, 230, 240, 8));
        g.setColor(jitter(r, 245, 248, 252, 4));
        g.fillRect(0, horizon, w, h - horizon);
        for (int i = 0; i < 4 + r.nextInt(6); i++) {
            int x = r.nextInt(w);
            int base = horizon + r.nextInt(Math.max(1, (h - horizon) / 2));
            int size = (int) (h * (0.15 + 0.2 * r.nextDouble()));
            g.setColor(jitter(r, 30, 70, 45, 10));
            g.fillPolygon(new int[] {x - size / 3, x, x + size / 3}, new int[] {base, base - size, base}, 3);
            g.setColor(Color.WHITE);
            g.fillPolygon(new int[] {x - size / 8, x, x + size / 8}, new int[] {base - size * 2 / 3, base - size, base - size * 2 / 3}, 3);
        }
        g.setColor(Color.WHITE);
        for (int i = 0; i < 120; i++) {
            int d = 2 + r.nextInt(3);
            g.fillOval(r.nextInt(w), r.nextInt(h), d, d);
        }
    }

    private static void food(Graphics2D g, int w, int h, SplittableRandom r) {
        g.setColor(jitter(r, 140, 90, 50, 15));
        g.fillRect(0, 0, w, h);
        g.setColor(jitter(r, 115, 70, 35, 10));
        for (int y = r.nextInt(20); y < h; y += 18 + r.nextInt(10)) {
            g.fillRect(0, y, w, 3);
        }
        int pw = (int) (w * (0.55 + 0.25 * r.nextDouble()));
        int ph = (int) (h * (0.55 + 0.25 * r.nextDouble()));
        int px = (w - pw) / 2 + r.nextInt(w / 10 + 1) - w / 20;
        int py = (h - ph) / 2 + r.nextInt(h / 10 + 1) - h / 20;
        g.setColor(new Color(245, 245, 240));
        g.fillOval(px, py, pw, ph);
        Color[] foods = {new Color(200, 40, 30), new Color(60, 160, 50), new Color(240, 200, 40),
            new Color(230, 120, 30), new Color(120, 60, 30)};
        for (int i = 0; i < 5 + r.nextInt(8); i++) {
            Color c = foods[r.nextInt(foods.length)];
            g.setColor(jitter(r, c.getRed(), c.getGreen(), c.getBlue(), 15));
            int fw = pw / 6 + r.nextInt(Math.max(1, pw / 5));
            int fh = ph / 6 + r.nextInt(Math.max(1, ph / 5));
            g.fillOval(px + pw / 5 + r.nextInt(Math.max(1, pw * 3 / 5 - fw / 2)),
                    py + ph / 5 + r.nextInt(Math.max(1, ph * 3 / 5 - fh / 2)), fw, fh);
        }
    }

    private static void portrait(Graphics2D g, int w, int h, SplittableRandom r) {
        g.setPaint(new GradientPaint(0, 0, jitter(r, 150, 140, 160, 40), w, h, jitter(r, 90, 90, 110, 30)));
        g.fillRect(0, 0, w, h);
        int cx = w / 2 + r.nextInt(w / 6 + 1) - w / 12;
        int head = (int) (Math.min(w, h) * (0.28 + 0.12 * r.nextDouble()));
        int headY = (int) (h * 0.2);
        g.setColor(jitter(r, 40 + r.nextInt(160), 40 + r.nextInt(120), 60 + r.nextInt(120), 10));
        g.fillOval(cx - head, headY + head, 2 * head, 2 * head); // shoulders
        int[][] skins = {{240, 200, 170}, {200, 150, 110}, {140, 95, 65}, {90, 60, 40}};
        int[] skin = skins[r.nextInt(skins.length)];
        g.setColor(jitter(r, skin[0], skin[1], skin[2], 8));
        g.fillOval(cx - head / 2, headY, head, (int) (head * 1.25));
        g.setColor(jitter(r, 50, 35, 25, 15));
        g.fillArc(cx - head / 2, headY - head / 10, head, head / 2, 0, 180);
        g.setColor(new Color(30, 30, 30));
        int eye = Math.max(2, head / 10);
        g.fillOval(cx - head / 4 - eye / 2, headY + head / 2, eye, eye);
        g.fillOval(cx + head / 4 - eye / 2, headY + head / 2, eye, eye);
        g.setColor(new Color(170, 60, 60));
        g.fillArc(cx - head / 6, headY + head * 3 / 4, head / 3, head / 6, 180, 180);
    }

    private static void animal(Graphics2D g, int w, int h, SplittableRandom r) {
        int horizon = (int) (h * (0.35 + 0.15 * r.nextDouble()));
        sky(g, w, horizon, jitter(r, 120, 170, 225, 15), jitter(r, 200, 225, 245, 10));
        g.setColor(jitter(r, 80, 150, 60, 20));
        g.fillRect(0, horizon, w, h - horizon);
        int bw = (int) (w * (0.35 + 0.2 * r.nextDouble()));
        int bh = bw / 2;
        int bx = (w - bw) / 2;
        int by = horizon + (h - horizon) / 5;
        Color fur = r.nextBoolean() ? jitter(r, 130, 85, 45, 25) : jitter(r, 200, 200, 195, 25);
        g.setColor(fur.darker());
        for (int i = 0; i < 4; i++) {
            g.fillRect(bx + bw / 8 + i * bw / 4 - bw / 24, by + bh / 2, Math.max(3, bw / 12), bh);
        }
        g.setColor(fur);
        g.fillOval(bx, by, bw, bh);
        int head = bh * 2 / 3;
        boolean right = r.nextBoolean();
        int hx = right ? bx + bw - head / 2 : bx - head / 2;
        g.fillOval(hx, by - head / 2, head, head);
        g.fillPolygon(new int[] {hx + head / 6, hx + head / 3, hx + head / 2}, new int[] {by - head / 3, by - head, by - head / 3}, 3);
        g.setColor(Color.BLACK);
        g.fillOval(hx + (right ? head * 2 / 3 : head / 6), by - head / 5, Math.max(2, head / 8), Math.max(2, head / 8));
    }

    private static void party(Graphics2D g, int w, int h, SplittableRandom r) {
        g.setPaint(new GradientPaint(0, 0, jitter(r, 60, 20, 80, 15), 0, h, jitter(r, 20, 10, 40, 10)));
        g.fillRect(0, 0, w, h);
        Color[] bright = {Color.RED, Color.YELLOW, new Color(0, 200, 255), new Color(255, 80, 200),
            new Color(80, 230, 80), new Color(255, 150, 0)};
        for (int i = 0; i < 60 + r.nextInt(80); i++) {
            g.setColor(bright[r.nextInt(bright.length)]);
            g.fillRect(r.nextInt(w), r.nextInt(h), 3 + r.nextInt(4), 2 + r.nextInt(3));
        }
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < 3 + r.nextInt(5); i++) {
            int bw = (int) (Math.min(w, h) * (0.12 + 0.08 * r.nextDouble()));
            int x = r.nextInt(Math.max(1, w - bw));
            int y = r.nextInt(Math.max(1, h / 2));
            g.setColor(new Color(220, 220, 220));
            g.drawLine(x + bw / 2, y + bw * 6 / 5, x + bw / 2 + r.nextInt(21) - 10, h);
            g.setColor(bright[r.nextInt(bright.length)]);
            g.fillOval(x, y, bw, bw * 6 / 5);
        }
    }

    private static void gadget(Graphics2D g, int w, int h, SplittableRandom r) {
        g.setColor(r.nextBoolean() ? jitter(r, 200, 200, 205, 15) : jitter(r, 160, 120, 80, 15));
        g.fillRect(0, 0, w, h);
        int dw = (int) (w * (0.45 + 0.3 * r.nextDouble()));
        int dh = (int) (h * (0.45 + 0.3 * r.nextDouble()));
        int dx = (w - dw) / 2;
        int dy = (h - dh) / 2;
        g.setColor(jitter(r, 30, 30, 35, 8));
        g.fillRoundRect(dx, dy, dw, dh, dw / 10, dw / 10);
        int m = Math.max(3, dw / 20);
        g.setPaint(new GradientPaint(dx, dy, jitter(r, 40, 120, 230, 20), dx + dw, dy + dh, jitter(r, 150, 220, 255, 15)));
        g.fillRect(dx + m, dy + m, dw - 2 * m, dh - 2 * m);
        g.setColor(new Color(255, 255, 255, 200));
        for (int i = 0; i < 4; i++) {
            g.fillRect(dx + 2 * m, dy + 2 * m + i * (dh / 8), (dw - 4 * m) * (2 + r.nextInt(3)) / 4, Math.max(2, dh / 20));
        }
    }
}
