package dev.switchboard.media.internal.jitter;

import java.util.Locale;

import dev.switchboard.media.jitter.JitterStatistics;

/**
 * Late loss and added delay of the jitter buffer on simulated networks (see {@link PlayoutSimulation}),
 * for docs/benchmarks.md. Run by scripts/bench-jitter.sh.
 */
public final class JitterBenchmark {

    private JitterBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 600;
        System.out.printf(Locale.ROOT, "%.0f s of 20 ms L16 frames per run, pulled every 20 ms; 10 ms base delay%n",
                seconds);
        System.out.printf(Locale.ROOT, "%-40s %7s  %8s  %-18s  %9s  %9s%n", "network", "phase", "late",
                "added ms mean/max", "target ms", "concealed");
        for (double phase : new double[] {0, 5, 10, 15}) {
            report("uniform 0-30 ms jitter, 5 % loss", phase,
                    new PlayoutSimulation().seconds(seconds).uniformJitter(30).lossRate(0.05).pullPhaseMillis(phase)
                            .seed(11));
        }
        report("uniform 0-30 ms, 5 % loss, +0.1 % drift", 7,
                new PlayoutSimulation().seconds(seconds).uniformJitter(30).lossRate(0.05).clockDrift(0.001).seed(11));
        report("uniform 0-30 ms, 5 % loss, -0.1 % drift", 7,
                new PlayoutSimulation().seconds(seconds).uniformJitter(30).lossRate(0.05).clockDrift(-0.001).seed(11));
        // heavy-tailed: mean about 3 ms, 0.8 % of packets more than 30 ms late (capped at 200 ms)
        report("Pareto jitter (5 ms, 2.5), 5 % loss", 7,
                new PlayoutSimulation().seconds(seconds).lossRate(0.05).seed(11)
                        .jitter((random, time) -> Math.min(200, 5 / Math.pow(1 - random.nextDouble(), 1 / 2.5) - 5)));
    }

    private static void report(String network, double phase, PlayoutSimulation simulation) {
        PlayoutSimulation.Result result = simulation.run();
        JitterStatistics statistics = result.statistics();
        double sum = 0;
        int count = 0;
        // the first 5 s are the buffer learning the network
        for (int second = 5; second < result.everySecond().length && result.everySecond()[second] != null; second++) {
            sum += result.everySecond()[second].addedDelayMillis();
            count++;
        }
        System.out.printf(Locale.ROOT, "%-40s %4.0f ms  %6.2f %%  %7.1f / %6.1f  %9.1f  %7.2f %%%n", network, phase,
                100 * statistics.lateFraction(), sum / count, result.maxAddedDelayMillis(5),
                statistics.targetDelayMillis(), 100.0 * statistics.concealedFrames() / result.framesSent());
    }
}
