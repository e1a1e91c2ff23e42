package io.fairauction.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AnswerTest {
    @Test
    void theReadyMadeAcceptedAnswerIsWhatJacksonWritesForItsTree() throws Exception {
        String uid = "0x" + "0123456789abcdef".repeat(4);
        ObjectMapper jackson = new ObjectMapper();
        String expected = jackson.writeValueAsString(jackson.createObjectNode().put("uid", uid).put("status", "accepted"));

        Answer a = Answer.accepted(201, uid);

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.json()).isEqualTo(expected);
        assertThat(a.body()).isEqualTo(jackson.readTree(expected));
    }
}
