package io.fairauction.core.mechanism;

import io.fairauction.core.generate.AuctionGenerator;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.testing.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class TieBreakTest {
    static LongStream seeds() {
        return Seeds.range(20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aBidsKeysInOneGoAreItsKeysOneByOne(long seed) {
        // intentKey hashes salt, bid digest and rank from scratch: the definition the batched form must reproduce.
        String style = seed % 2 == 0 ? "market" : "weighted-random";
        Competition c = AuctionGenerator.generate(new AuctionGenerator.Spec(40, 5, 60, seed, style));
        TieBreak tb = TieBreak.of(c);
        int intents = c.auction().intents().size();
        for (Bid bid : c.bids()) {
            for (int bits : new int[] {20, 40, 62}) {
                int[] ranks = IntStream.range(0, intents).filter(r -> (r + bid.id().length() + bits) % 3 != 0).toArray();
                long[] keys = tb.intentKeys(bid.id(), ranks, bits);
                for (int k = 0; k < ranks.length; k++) {
                    assertThat(keys[k]).as("%s rank %d bits %d", bid.id(), ranks[k], bits)
                            .isEqualTo(tb.intentKey(bid.id(), ranks[k], bits));
                }
            }
        }
    }
}
