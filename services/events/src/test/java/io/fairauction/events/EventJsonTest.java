package io.fairauction.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    private static final BigInteger MAX = new BigInteger(
            "115792089237316195423570985008687907853269984665640564039457584007913129639935"); // 2^256-1, written out

    private static Intent intent() {
        return new Intent("0x" + "ab".repeat(32), "0x" + "11".repeat(20), Side.SELL, "0x" + "22".repeat(20),
                "0x" + "33".repeat(20), MAX, BigInteger.ONE, 4_294_967_295L, "0x" + "cd".repeat(65));
    }

    @Test
    void everyEventRoundTripsWithAmountsAsExactDecimalStrings() {
        IntentStatus status = new IntentStatus("0x01", IntentStatus.State.SETTLED, List.of(
                new IntentStatus.Step(IntentStatus.State.SETTLED, 5, 3L, "s/b", "0xtx", MAX, BigInteger.TWO, "settled")));
        for (Event e : List.<Event>of(new IntentSubmitted(intent(), 1), new CancellationRequested("0x01", "0x02", "0x03", 4),
                new BidRejected(7, "s", null, "late", "after the deadline", 9), status)) {
            String json = EventJson.write(e);
            assertThat(EventJson.read(json)).isEqualTo(e);
        }
        assertThat(EventJson.write(new IntentSubmitted(intent(), 1))).contains("\"sellAmount\":\"" + MAX + "\"")
                .contains("\"schema\":1").contains("\"type\":\"IntentSubmitted\"");
    }

    @Test
    void aRecordOfANewerSchemaOrNotAnEventIsRefusedNotMisread() {
        String newer = EventJson.write(new CancellationRequested("0x01", "0x02", "0x03", 4)).replace("\"schema\":1", "\"schema\":2");
        assertThatThrownBy(() -> EventJson.read(newer)).isInstanceOf(EventJson.EventFormatException.class).hasMessageContaining("schema 2");
        assertThatThrownBy(() -> EventJson.read("[1]")).isInstanceOf(EventJson.EventFormatException.class);
        assertThatThrownBy(() -> EventJson.read("{\"schema\":1,\"type\":\"Nope\"}")).isInstanceOf(EventJson.EventFormatException.class);
        assertThatThrownBy(() -> EventJson.read(EventJson.write(new CancellationRequested("0x01", "0x02", "0x03", 4)), IntentStatus.class))
                .isInstanceOf(EventJson.EventFormatException.class).hasMessageContaining("expected IntentStatus");
    }
}
