package dev.switchboard.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A shape made of straight segments, in icon units: polylines, each open or closed. Filling treats
 * every polyline as closed (as SVG fills do) with the nonzero winding rule; stroking follows only the
 * segments drawn, closing ones included. Curves arrive here already flattened.
 */
public final class Outline {

    /** Segments per cubic Bézier: at 44 px (an icon's largest size) a handset curve's chords stay under 0.05 px off. */
    private static final int CURVE_STEPS = 16;

    /** Each polyline's points as x0, y0, x1, y1, ...; {@code closed[i]}: whether polyline i ends with a closepath. */
    private final double[][] polylines;
    private final boolean[] closed;

    private Outline(double[][] polylines, boolean[] closed) {
        this.polylines = polylines;
        this.closed = closed;
    }

    /** Whether (x, y) is inside the filled shape, by the nonzero winding rule. */
    public boolean contains(double x, double y) {
        int winding = 0;
        for (double[] points : polylines) {
            int n = points.length / 2;
            for (int i = 0; i < n; i++) {
                int j = (i + 1) % n;
                double x0 = points[2 * i];
                double y0 = points[2 * i + 1];
                double x1 = points[2 * j];
                double y1 = points[2 * j + 1];
                if (y0 <= y && y1 > y && cross(x0, y0, x1, y1, x, y) > 0) {
                    winding++;
                } else if (y1 <= y && y0 > y && cross(x0, y0, x1, y1, x, y) < 0) {
                    winding--;
                }
            }
        }
        return winding != 0;
    }

    /** The distance from (x, y) to the nearest drawn segment: what a stroke of width w covers is distance ≤ w/2. */
    public double distanceToSegments(double x, double y) {
        double nearest = Double.POSITIVE_INFINITY;
        for (int p = 0; p < polylines.length; p++) {
            double[] points = polylines[p];
            int n = points.length / 2;
            int segments = closed[p] ? n : n - 1;
            if (n == 1) {
                nearest = Math.min(nearest, Math.hypot(x - points[0], y - points[1]));
            }
            for (int i = 0; i < segments; i++) {
                int j = (i + 1) % n;
                nearest = Math.min(nearest, distanceToSegment(x, y, points[2 * i], points[2 * i + 1], points[2 * j],
                        points[2 * j + 1]));
            }
        }
        return nearest;
    }

    /** The smallest upright rectangle holding every point: {minX, minY, maxX, maxY}. */
    public double[] bounds() {
        double[] bounds = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        for (double[] points : polylines) {
            for (int i = 0; i < points.length; i += 2) {
                bounds[0] = Math.min(bounds[0], points[i]);
                bounds[1] = Math.min(bounds[1], points[i + 1]);
                bounds[2] = Math.max(bounds[2], points[i]);
                bounds[3] = Math.max(bounds[3], points[i + 1]);
            }
        }
        return bounds;
    }

    /** Positive when (x, y) is left of the segment's direction (y pointing down: clockwise side). */
    private static double cross(double x0, double y0, double x1, double y1, double x, double y) {
        return (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0);
    }

    private static double distanceToSegment(double x, double y, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.clamp(((x - x0) * dx + (y - y0) * dy) / lengthSquared, 0, 1);
        return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy));
    }

    /** Collects an outline the way SVG path commands describe it. */
    static final class Builder {
        private final List<double[]> polylines = new ArrayList<>();
        private final List<Boolean> closed = new ArrayList<>();
        private double[] current = new double[0];
        private double startX;
        private double startY;

        void moveTo(double x, double y) {
            finish(false);
            current = new double[] {x, y};
            startX = x;
            startY = y;
        }

        void lineTo(double x, double y) {
            if (current.length == 0) {
                current = new double[] {startX, startY};
            }
            current = Arrays.copyOf(current, current.length + 2);
            current[current.length - 2] = x;
            current[current.length - 1] = y;
        }

        void curveTo(double x1, double y1, double x2, double y2, double x, double y) {
            double x0 = current.length == 0 ? startX : current[current.length - 2];
            double y0 = current.length == 0 ? startY : current[current.length - 1];
            for (int step = 1; step <= CURVE_STEPS; step++) {
                double t = step / (double) CURVE_STEPS;
                double u = 1 - t;
                lineTo(u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x,
                        u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y);
            }
        }

        /** Closes the polyline; a following command starts a new one at the same start point. */
        void closePath() {
            finish(true);
        }

        Outline build() {
            finish(false);
            boolean[] closedFlags = new boolean[closed.size()];
            for (int i = 0; i < closedFlags.length; i++) {
                closedFlags[i] = closed.get(i);
            }
            return new Outline(polylines.toArray(double[][]::new), closedFlags);
        }

        private void finish(boolean closing) {
            if (current.length > 0) {
                polylines.add(current);
                closed.add(closing);
            }
            current = new double[0];
        }
    }
}
