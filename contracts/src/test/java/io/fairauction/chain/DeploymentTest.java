package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The deployer leaves code at every address it reports, and the deployment file reads back as written. */
@ExtendWith(DevChain.Fresh.class)
class DeploymentTest {
    @Test
    void everyDeployedAddressHasCodeAndTheSubmitterIsAuthorised(DevChain dev) throws Exception {
        for (Deployment.Named contract : dev.deployment.contracts()) {
            String code = dev.chain.web3j().ethGetCode(contract.address(), DefaultBlockParameterName.LATEST).send().getCode();
            assertThat(code).as(contract.name()).hasSizeGreaterThan(2);
        }
        var settlement = io.fairauction.chain.contracts.Settlement.load(dev.deployment.settlement(), dev.chain.web3j(),
                dev.chain.transactionManager(dev.submitter), dev.chain.gasProvider());
        assertThat(settlement.isSubmitter(dev.submitter.getAddress()).send()).isTrue();
        assertThat(settlement.relayer().send()).isEqualToIgnoringCase(dev.deployment.relayer());
        assertThat(dev.market.quote("WETH", "USDC", Fixtures.ether(1)))
                .as("the WETH/USDC pool is seeded near 3 000 USDC per WETH")
                .isBetween(Fixtures.dollars(2900), Fixtures.dollars(3000));
    }

    @Test
    void deploymentFileRoundTrips(DevChain dev, @TempDir Path dir) {
        Path file = dir.resolve("nested/deployment.json");
        dev.deployment.write(file);
        assertThat(Deployment.read(file)).isEqualTo(dev.deployment);
    }

    @Test
    void unreadableDeploymentFilesAreRefusedWithACode(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("bad.json"), "{\"settlement\": \"nope\"}");
        assertThatThrownBy(() -> Deployment.read(garbage))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainError.DEPLOYMENT_INVALID));
        assertThatThrownBy(() -> Deployment.read(dir.resolve("missing.json")))
                .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.code()).isEqualTo(ChainError.DEPLOYMENT_INVALID));
    }
}
