package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gas on a dev chain is deterministic (up to call-data bytes): the targets are held as regressions. */
@ExtendWith(DevChain.Fresh.class)
class GasReportTest {
    private static GasReport.Report report;

    @BeforeAll
    static void measure(DevChain dev) {
        report = new GasReport(dev.chain, dev.deployment, dev.deployer, dev.submitter).measure();
    }

    @Test
    void onePoolRoutedIntentSettlesWithin200000GasEvenOnFirstReceipt() {
        assertThat(report.row(1).poolFirstReceipt()).isLessThanOrEqualTo(GasReport.TARGET_ONE_POOL_ROUTED);
    }

    @Test
    void eachExtraDirectlyMatchedTradeCostsAtMost60000GasForTradersHoldingTheBuyToken() {
        assertThat(report.extraDirectTradeHolding()).isLessThanOrEqualTo(GasReport.TARGET_EXTRA_DIRECT_TRADE);
    }

    @Test
    void everyBatchSizeIsMeasuredAndGasGrowsWithTheBatch() {
        assertThat(report.rows()).extracting(GasReport.Row::trades).containsExactlyElementsOf(GasReport.SIZES);
        assertThat(report.row(1).directHolding()).as("a direct match needs two traders").isEmpty();
        for (int i = 1; i < report.rows().size(); i++) {
            GasReport.Row smaller = report.rows().get(i - 1);
            GasReport.Row larger = report.rows().get(i);
            assertThat(larger.poolHolding()).isGreaterThan(smaller.poolHolding());
            assertThat(larger.poolFirstReceipt()).isGreaterThan(larger.poolHolding());
        }
    }
}
