package io.fairauction.collector;

import io.fairauction.chain.Deployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** Wires the plain intake classes from configuration (keys in application-collector.yml). */
@Factory
@Requires(env = "collector")
public class CollectorBeans {
    /** Names this process in Kafka client ids, so several collectors side by side are told apart. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    @Singleton
    @Requires(env = "collector")
    Deployment deployment(@Value("${fair-auction.chain.deployment-file}") String file) {
        return Deployment.read(Path.of(file));
    }

    @Singleton
    @Requires(env = "collector")
    IntakeSettings intakeSettings(
            @Value("${fair-auction.collector.max-body-bytes:16384}") int maxBodyBytes,
            @Value("${fair-auction.collector.valid-to.min-seconds:5}") long minSeconds,
            @Value("${fair-auction.collector.valid-to.max-seconds:86400}") long maxSeconds,
            @Value("${fair-auction.collector.rate-limit.capacity:20}") int capacity,
            @Value("${fair-auction.collector.rate-limit.per-second:10}") double perSecond,
            @Value("${fair-auction.collector.check-balances:true}") boolean checkBalances) {
        return new IntakeSettings(maxBodyBytes, minSeconds, maxSeconds, capacity, perSecond, checkBalances);
    }

    @Singleton
    @Requires(env = "collector")
    @Bean(preDestroy = "close")
    KafkaPublisher publisher(@Value("${fair-auction.kafka.bootstrap-servers}") String bootstrap,
                             @Value("${fair-auction.collector.publish-timeout:30s}") Duration timeout) {
        return new KafkaPublisher(bootstrap, "collector-" + instance, timeout);
    }

    /** Started with the context, so the view is rebuilt from the topics before (and while) requests come. */
    @Context
    @Requires(env = "collector")
    @Bean(preDestroy = "close")
    ViewConsumer viewConsumer(@Value("${fair-auction.kafka.bootstrap-servers}") String bootstrap) {
        return new ViewConsumer(bootstrap, "collector-view-" + instance, new IntentView()).start();
    }

    @Singleton
    @Requires(env = "collector")
    ChainState chainState(IntakeSettings settings, @Value("${fair-auction.chain.rpc-url:}") String rpcUrl) {
        if (!settings.checkBalances()) {
            return new ChainState() {
                @Override
                public BigInteger balanceOf(String token, String owner) {
                    throw new IllegalStateException("on-chain checks are off");
                }

                @Override
                public BigInteger allowance(String token, String owner, String spender) {
                    throw new IllegalStateException("on-chain checks are off");
                }

                @Override
                public boolean isContract(String account) {
                    return false;
                }
            };
        }
        if (rpcUrl == null || rpcUrl.isBlank()) {
            throw new IllegalStateException("fair-auction.chain.rpc-url is required when "
                    + "fair-auction.collector.check-balances is true");
        }
        return new Web3ChainState(Web3j.build(new HttpService(rpcUrl)));
    }

    @Singleton
    @Requires(env = "collector")
    IntakeMetrics intakeMetrics(MeterRegistry registry) {
        // Counters looked up once per (code, operation): a registry lookup per request showed in the intake's profile.
        java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
        return new IntakeMetrics() {
            @Override
            public void rejected(Code code, String operation) {
                counters.computeIfAbsent("rejected/" + code.wire() + "/" + operation, k ->
                        Counter.builder("collector.rejected").description("requests refused, by code")
                                .tag("code", code.wire()).tag("operation", operation).register(registry)).increment();
            }

            @Override
            public void accepted(String operation) {
                counters.computeIfAbsent("accepted/" + operation, k ->
                        Counter.builder("collector.accepted").description("intents and cancellations published")
                                .tag("operation", operation).register(registry)).increment();
            }
        };
    }

    @Singleton
    @Requires(env = "collector")
    Intake intake(Deployment deployment, IntakeSettings settings, ChainState chain, KafkaPublisher publisher,
                  ViewConsumer view, IntakeMetrics metrics) {
        OwnerRateLimiter limiter = new OwnerRateLimiter(settings.rateCapacity(), settings.ratePerSecond(), System::nanoTime);
        return new Intake(deployment, settings, chain, publisher, view.view(), limiter, System::currentTimeMillis, metrics);
    }
}
