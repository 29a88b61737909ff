package dev.switchboard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Chart draws latency percentile curves (one panel per scenario variant, one line per peer, log
 * scale) into a PNG with Java2D, so the report needs no plotting library.
 */
final class Chart {

  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e)
  };
  private static final int PANEL_W = 620;
  private static final int PANEL_H = 440;

  private Chart() {}

  /**
   * @param panels variant → peer → latency in ms at each of {@link Results#PERCENTILES}
   */
  static void write(Path png, Map<String, Map<String, double[]>> panels, List<String> peers)
      throws IOException {
    int width = PANEL_W * Math.max(1, panels.size());
    BufferedImage image = new BufferedImage(width, PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, PANEL_H);
    int x0 = 0;
    for (Map.Entry<String, Map<String, double[]>> panel : panels.entrySet()) {
      drawPanel(g, x0, "Hot-channel fan-out, " + panel.getKey(), panel.getValue(), peers);
      x0 += PANEL_W;
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static void drawPanel(
      Graphics2D g, int x0, String title, Map<String, double[]> curves, List<String> peers) {
    int left = x0 + 70;
    int right = x0 + PANEL_W - 20;
    int top = 50;
    int bottom = PANEL_H - 90;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double[] values : curves.values()) {
      for (double v : values) {
        min = Math.min(min, Math.max(v, 0.01));
        max = Math.max(max, v);
      }
    }
    double lo = Math.pow(10, Math.floor(Math.log10(min)));
    double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, left, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    // Y grid: one line per decade.
    for (double d = lo; d <= hi * 1.0001; d *= 10) {
      int y = y(d, lo, hi, top, bottom);
      g.setColor(new Color(0xdddddd));
      g.drawLine(left, y, right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label(d) + " ms", x0 + 8, y + 4);
    }
    String[] percentiles = Results.PERCENTILES;
    int n = percentiles.length;
    for (int i = 0; i < n; i++) {
      int x = left + (right - left) * i / (n - 1);
      g.setColor(new Color(0xeeeeee));
      g.drawLine(x, top, x, bottom);
      g.setColor(Color.DARK_GRAY);
      String text = percentiles[i].equals("100") ? "max" : "p" + percentiles[i];
      g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, bottom + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, right - left, bottom - top);
    g.setStroke(new BasicStroke(2.2f));
    int legendY = bottom + 45;
    int legendX = left;
    for (int p = 0; p < peers.size(); p++) {
      double[] values = curves.get(peers.get(p));
      if (values == null) {
        continue;
      }
      g.setColor(COLORS[p % COLORS.length]);
      int px = -1;
      int py = -1;
      for (int i = 0; i < n; i++) {
        int x = left + (right - left) * i / (n - 1);
        int y = y(Math.max(values[i], lo), lo, hi, top, bottom);
        g.fillOval(x - 3, y - 3, 7, 7);
        if (px >= 0) {
          g.drawLine(px, py, x, y);
        }
        px = x;
        py = y;
      }
      g.fillRect(legendX, legendY - 9, 18, 4);
      g.setColor(Color.BLACK);
      String name = PeerServer.label(peers.get(p));
      g.drawString(name, legendX + 24, legendY - 3);
      legendX += 40 + g.getFontMetrics().stringWidth(name);
    }
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.DARK_GRAY);
    g.drawString("publish → receive latency by percentile (log scale)", left, bottom + 70);
  }

  private static int y(double v, double lo, double hi, int top, int bottom) {
    double f = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
    return (int) Math.round(bottom - f * (bottom - top));
  }

  private static String label(double v) {
    return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
  }
}
