package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gas is deterministic on a dev chain: the targets are checked as regressions. */
@ExtendWith(DevChain.Fresh.class)
class GasReportTest {
    @Test
    void measuresEveryScenario(DevChain dev) {
        GasReport.Report report = new GasReport(dev.chain, dev.deployment, dev.deployer, dev.submitter).measure();
        System.out.println(report);
        assertThat(report.rows()).hasSize(GasReport.SIZES.size());
        assertThat(report.row(1).directHolding()).isEmpty();
        assertThat(report.row(10).directHolding()).isPresent();
    }
}
