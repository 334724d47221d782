import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A line chart (PNG, Java2D, headless) of the SFUs' CPU per forwarded video stream against the number of
 * subscribers, one line per SFU, with its loss at each point. Nothing from the network.
 */
final class CpuChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 200;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    private CpuChart() {
    }

    static void write(List<RunResult> runs, Path file, String note) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<RunResult>> series = new LinkedHashMap<>();
        for (RunResult run : runs) {
            if (!Double.isNaN(run.serverCpuPercentPerVideoStream())) {
                series.computeIfAbsent(run.target(), k -> new ArrayList<>()).add(run);
            }
        }
        double maxX = runs.stream().mapToInt(r -> r.plan().subscribers()).max().orElse(1);
        double maxY = runs.stream().mapToDouble(RunResult::serverCpuPercentPerVideoStream).filter(v -> !Double.isNaN(v)).max().orElse(1);
        maxY = niceCeiling(maxY * 1.1);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("SFU CPU per forwarded video stream (~500 kbit/s + audio), 1 publisher", LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("measured " + LocalDate.now() + (note.isEmpty() ? "" : ", " + note) + "; lower is better; point labels: loss", LEFT, 46);
        // grid and axes
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%.3f", maxY * i / 5);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        List<Integer> xs = runs.stream().map(r -> r.plan().subscribers()).distinct().sorted().toList();
        for (int x : xs) {
            int px = LEFT + (int) (plotW * x / maxX);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(px, TOP, px, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            String label = Integer.toString(x);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        g.drawString("subscribers (forwarded video streams)", LEFT + plotW / 2 - 100, HEIGHT - 25);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("% of one core per stream", -(TOP + plotH / 2 + 70), 22);
        rotated.dispose();
        int index = 0;
        for (Map.Entry<String, List<RunResult>> entry : series.entrySet()) {
            Color color = COLORS[index % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            int[] px = new int[entry.getValue().size()];
            int[] py = new int[px.length];
            for (int i = 0; i < px.length; i++) {
                RunResult run = entry.getValue().get(i);
                px[i] = LEFT + (int) (plotW * run.plan().subscribers() / maxX);
                py[i] = TOP + plotH - (int) (plotH * run.serverCpuPercentPerVideoStream() / maxY);
            }
            g.drawPolyline(px, py, px.length);
            for (int i = 0; i < px.length; i++) {
                g.fillOval(px[i] - 4, py[i] - 4, 8, 8);
                g.drawString(String.format(Locale.ROOT, "%.2f%%", entry.getValue().get(i).lossPercent()), px[i] + 6, py[i] - 6);
            }
            int ly = TOP + 20 + 22 * index;
            g.fillRect(LEFT + plotW + 20, ly - 10, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), LEFT + plotW + 40, ly + 2);
            index++;
        }
        g.dispose();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
