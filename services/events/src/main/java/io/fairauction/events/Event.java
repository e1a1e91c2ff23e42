package io.fairauction.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonAppend;

/**
 * Every record on every topic. On the wire each is a JSON object with {@code "schema"} (the schema version, see
 * {@link EventJson#SCHEMA_VERSION}) and {@code "type"} (the record's simple name), then the record's fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonAppend(attrs = @JsonAppend.Attr(EventJson.SCHEMA))
@JsonSubTypes({
        @JsonSubTypes.Type(IntentSubmitted.class),
        @JsonSubTypes.Type(CancellationRequested.class),
        @JsonSubTypes.Type(AuctionOpened.class),
        @JsonSubTypes.Type(BidAccepted.class),
        @JsonSubTypes.Type(BidRejected.class),
        @JsonSubTypes.Type(AuctionClosed.class),
        @JsonSubTypes.Type(SettlementRecorded.class),
        @JsonSubTypes.Type(IntentStatus.class)})
public sealed interface Event permits IntentSubmitted, CancellationRequested, AuctionOpened, BidAccepted, BidRejected,
        AuctionClosed, SettlementRecorded, IntentStatus {
    /** The record key on its topic (intent uid or auction id). */
    String key();
}
