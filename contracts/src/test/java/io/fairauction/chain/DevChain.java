package io.fairauction.chain;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.web3j.crypto.Credentials;

/**
 * A real Anvil with everything deployed, shared by the tests of one JVM (started once, stopped at the end), and
 * reset to the freshly deployed state around every test with {@code evm_snapshot}/{@code evm_revert}.
 * Tests take it as a parameter: {@code @ExtendWith(DevChain.Fresh.class)}.
 */
final class DevChain implements AutoCloseable {
    final Anvil anvil;
    final Chain chain;
    final Credentials deployer = DevAccounts.account(DevAccounts.DEPLOYER);
    final Credentials submitter = DevAccounts.account(DevAccounts.SUBMITTER);
    final Deployment deployment;
    final DevMarket market;
    final SettlementClient client;
    final SettlementEncoder encoder;

    private DevChain() {
        anvil = Anvil.start();
        chain = Chain.connect(anvil.rpcUrl());
        deployment = new Deployer(chain, deployer).deploy(submitter.getAddress());
        market = new DevMarket(chain, deployment, deployer);
        client = new SettlementClient(chain, submitter);
        encoder = SettlementEncoder.forDeployment(deployment);
    }

    /** A funded dev account that is neither deployer nor submitter: traders, solvers, attackers. */
    static Credentials account(int n) {
        return DevAccounts.account(10 + n);
    }

    @Override
    public void close() {
        chain.close();
        anvil.close();
    }

    /** Gives each test the shared chain, reverted to the deployed state after it. */
    static final class Fresh implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DevChain.class);

        private static DevChain shared(ExtensionContext context) {
            return context.getRoot().getStore(NS).getOrComputeIfAbsent("chain", k -> new DevChain(), DevChain.class);
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(NS).put("snapshot", shared(context).chain.snapshot());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            shared(context).chain.revert(context.getStore(NS).get("snapshot", String.class));
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DevChain.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return shared(context);
        }
    }
}
