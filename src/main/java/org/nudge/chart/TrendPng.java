package org.nudge.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.nudge.engine.model.Chart;

/**
 * Draws a {@link Chart} as a PNG with JFreeChart, headless: one small panel per series, stacked
 * over the same weeks, so each line has its own scale and a phone shows them one under the other.
 * The background is opaque white with dark text and large type, so the picture reads the same in a
 * chat's light and dark themes; the colours are the Okabe-Ito palette, told apart by most people
 * with a colour vision deficiency.
 */
public final class TrendPng {

  /** Pixels: a chat scales the picture to the screen, so type is set large for a phone. */
  public static final int WIDTH = 800;

  public static final int PANEL_HEIGHT = 190;

  private static final int TITLE_HEIGHT = 60;
  private static final int WEEKS_HEIGHT = 70;

  private static final Color[] COLOURS = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0x7A5195)
  };
  private static final Color INK = new Color(0x1F2328);
  private static final Color GRID = new Color(0xD0D7DE);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 28);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 17);

  static {
    // A server has no display; AWT must never try to open one.
    System.setProperty("java.awt.headless", "true");
  }

  private TrendPng() {}

  /** The chart's picture, PNG-encoded. */
  public static byte[] draw(Chart chart) {
    BufferedImage image = image(chart);
    ByteArrayOutputStream png = new ByteArrayOutputStream(96 * 1024);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(png)) {
      // A lighter deflate than the JDK's default: a third of the time for a file 15% larger.
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.75f);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("The trend chart could not be encoded", e);
    } finally {
      writer.dispose();
    }
    return png.toByteArray();
  }

  static BufferedImage image(Chart chart) {
    List<Chart.Series> series = chart.series();
    int height = TITLE_HEIGHT + series.size() * PANEL_HEIGHT + WEEKS_HEIGHT;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setPaint(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      g.setFont(TITLE);
      g.setPaint(INK);
      g.drawString(chart.title(), 24, TITLE_HEIGHT - 18);
      int y = TITLE_HEIGHT;
      for (int i = 0; i < series.size(); i++) {
        // Only the last panel names the weeks: they are the same for all, and space is short.
        boolean last = i == series.size() - 1;
        JFreeChart panel = panel(chart.weeks(), series.get(i), COLOURS[i % COLOURS.length], last);
        int h = PANEL_HEIGHT + (last ? WEEKS_HEIGHT : 0);
        panel.draw(g, new Rectangle2D.Double(0, y, WIDTH, h));
        y += h;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static JFreeChart panel(
      List<String> weeks, Chart.Series s, Color colour, boolean namesWeeks) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int w = 0; w < weeks.size(); w++) {
      data.addValue(s.values().get(w), s.name(), weeks.get(w));
    }
    CategoryAxis axis = new CategoryAxis();
    axis.setTickLabelFont(TICK);
    axis.setTickLabelPaint(INK);
    axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    axis.setTickLabelsVisible(namesWeeks);
    axis.setTickMarksVisible(namesWeeks);
    axis.setLowerMargin(0.02);
    axis.setUpperMargin(0.02);
    NumberAxis values = new NumberAxis();
    values.setTickLabelFont(TICK);
    values.setTickLabelPaint(INK);
    values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    if (s.showsShare()) {
      // A little room below 0 and above 100, so a point there is drawn whole.
      values.setRange(-5, 105);
      values.setTickUnit(new NumberTickUnit(25));
    } else {
      values.setAutoRangeIncludesZero(false);
      values.setAutoRangeMinimumSize(4);
      values.setLowerMargin(0.1);
      values.setUpperMargin(0.1);
    }
    LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
    line.setSeriesPaint(0, colour);
    line.setSeriesStroke(0, new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    line.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
    CategoryPlot plot = new CategoryPlot(data, axis, values, line);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart(plot);
    chart.removeLegend();
    TextTitle title = new TextTitle(s.name() + (s.showsShare() ? " (%)" : ""), LABEL);
    title.setPaint(colour.darker());
    title.setHorizontalAlignment(HorizontalAlignment.LEFT);
    title.setPadding(new RectangleInsets(6, 16, 0, 0));
    chart.setTitle(title);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(0, 8, 0, 20));
    chart.setAntiAlias(true);
    return chart;
  }
}
