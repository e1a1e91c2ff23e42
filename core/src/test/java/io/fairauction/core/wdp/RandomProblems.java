package io.fairauction.core.wdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Random winner-determination problems, deterministic per seed. */
final class RandomProblems {
    private RandomProblems() {
    }

    enum Magnitude {
        /** Small scores with many ties. */
        SMALL,
        /** Native-wei sized scores (around 10^16..10^20): the objective is wider than 64 bits. */
        WEI,
        /** Scores near 2^250: many phases. */
        HUGE
    }

    /** The whole problem as one part, each bid weighted by its own packed objective. */
    static Part whole(WdpProblem p) {
        return Part.of(p, java.util.stream.IntStream.range(0, p.bids().size()).toArray(), Objective.of(p));
    }

    static WdpProblem generate(long seed, int bids, int intents, Constraints constraints, Magnitude magnitude) {
        SplittableRandom r = new SplittableRandom(seed);
        int pairs = Math.max(1, intents / 2);
        int solvers = 1 + r.nextInt(4);
        List<WdpBid> out = new ArrayList<>();
        for (int k = 0; k < bids; k++) {
            int size = 1 + (r.nextInt(3) == 0 ? 0 : r.nextInt(Math.min(4, intents)));
            TreeSet<Integer> in = new TreeSet<>();
            while (in.size() < size) {
                in.add(r.nextInt(intents));
            }
            TreeSet<Integer> pr = new TreeSet<>();
            in.forEach(i -> pr.add(i % pairs));
            BigInteger score = switch (magnitude) {
                case SMALL -> BigInteger.valueOf(r.nextInt(6) * 5L * size);
                case WEI -> BigInteger.valueOf(r.nextLong(1L << 62)).multiply(BigInteger.valueOf(1 + r.nextInt(100)));
                case HUGE -> BigInteger.ONE.shiftLeft(250).subtract(BigInteger.valueOf(r.nextLong(1L << 60)))
                        .shiftRight(r.nextInt(3));
            };
            long tie = 0;
            for (int ignored : in) {
                tie += 1 + r.nextInt((1 << WdpProblem.MIN_TIE_BITS) - 1);
            }
            out.add(new WdpBid("b" + k, in.stream().mapToInt(Integer::intValue).toArray(),
                    pr.stream().mapToInt(Integer::intValue).toArray(), r.nextInt(solvers), score, tie));
        }
        return new WdpProblem(out, intents, pairs, solvers, constraints);
    }

    static Constraints constraints(long seed) {
        return switch ((int) (seed % 4)) {
            case 0 -> Constraints.NONE;
            case 1 -> new Constraints(2, 0, false);
            case 2 -> new Constraints(0, 1, false);
            default -> new Constraints(0, 0, true);
        };
    }
}
