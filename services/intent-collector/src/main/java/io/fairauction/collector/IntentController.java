package io.fairauction.collector;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Named;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The collector's HTTP API: a thin adapter that hands the raw body to {@link Intake} and copies its {@link Answer}
 * out. A submission's answer is sent when its record is acknowledged, without holding a thread; a cancellation waits
 * for the broker's ack on the blocking executor; the reads are in-memory lookups on the event loop.
 */
@Controller("/api/v1")
@Requires(env = "collector")
public class IntentController {
    private static final String ERROR = "{\"code\": \"bad-signature\", \"message\": \"...\", \"field\": \"signature\"}";
    private final Intake intake;
    private final boolean checksCallTheChain;
    private final ExecutorService blocking;
    private final RequestTimers timers;

    public IntentController(Intake intake, IntakeSettings settings, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                            RequestTimers timers) {
        this.intake = intake;
        this.checksCallTheChain = settings.checkBalances();
        this.blocking = blocking;
        this.timers = timers;
    }

    @Post(uri = "/intents", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a signed intent",
            description = "Body: {owner, side: sell|buy, sellToken, buyToken, sellAmount, buyAmount (decimal strings "
                    + "of base units), validTo (unix seconds), signature (EIP-712, 65 bytes hex), uid (optional: must "
                    + "equal the digest)}. 201 when published to `intents`, 200 with the same body for a repeat. "
                    + "Errors: {code, message, field}; codes: unparsable-json, missing-field, mistyped-field, "
                    + "unknown-field (400); zero-amount, amount-too-large, same-token, unknown-token, expired, "
                    + "valid-to-too-far, wrong-domain, bad-signature, contract-owner-unsupported, insufficient-balance, "
                    + "insufficient-allowance (422); body-too-large (413); rate-limited (429); chain-unavailable, "
                    + "publish-failed (503).",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples =
            @ExampleObject("{\"owner\": \"0x...\", \"side\": \"sell\", \"sellToken\": \"0x...\", \"buyToken\": "
                    + "\"0x...\", \"sellAmount\": \"1000000000000000000\", \"buyAmount\": \"2900000000\", "
                    + "\"validTo\": 1900000000, \"signature\": \"0x...\"}"))))
    @ApiResponse(responseCode = "201", description = "accepted", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject("{\"uid\": \"0x...\", \"status\": \"accepted\"}")))
    @ApiResponse(responseCode = "422", description = "refused", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(ERROR)))
    public CompletableFuture<HttpResponse<String>> submit(@Nullable @Body byte[] body) {
        long started = System.nanoTime();
        byte[] bytes = body == null ? new byte[0] : body;
        // Parsing, hashing and signer recovery take tens of microseconds and run on the event loop; the balance and
        // allowance checks wait for the chain and move to the blocking pool.
        CompletableFuture<Answer> answer = checksCallTheChain
                ? CompletableFuture.supplyAsync(() -> intake.submit(bytes), blocking).thenCompose(f -> f)
                : intake.submit(bytes);
        return answer.thenApply(a -> timed("submit", started, a));
    }

    @Delete(uri = "/intents/{uid}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Request the cancellation of an intent",
            description = "Body: {signature}: the owner's EIP-712 signature of Cancellation(bytes32 intent). 202 "
                    + "when CancellationRequested is published (the auctioneer then marks the intent cancelled). "
                    + "Codes: malformed-uid (400), unknown-intent (404), intent-final (409), bad-signature (422), "
                    + "not-owner (403), rate-limited (429).")
    @ApiResponse(responseCode = "202", description = "cancellation requested")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> cancel(@PathVariable String uid, @Nullable @Body byte[] body) {
        return timed("cancel", System.nanoTime(), intake.cancel(uid, body == null ? new byte[0] : body));
    }

    @Get(uri = "/intents/{uid}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "An intent's state and history",
            description = "state: open, in-auction, won, settled, expired, cancelled; history: the steps with "
                    + "auction id, bid id, tx hash and executed amounts. Codes: malformed-uid (400), unknown-intent (404).")
    public HttpResponse<String> status(@PathVariable String uid) {
        return timed("status", System.nanoTime(), intake.status(uid));
    }

    @Get(uri = "/tokens", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The deployment's tokens: symbol, address, decimals")
    public HttpResponse<String> tokens() {
        return timed("tokens", System.nanoTime(), intake.tokens());
    }

    @Get(uri = "/auctions/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "An auction's result (the AuctionClosed record)",
            description = "Codes: malformed-auction-id (400), unknown-auction (404).")
    public HttpResponse<String> auction(@PathVariable String id) {
        return timed("auction", System.nanoTime(), intake.auction(id));
    }

    /** Bodies over the server's own cap (micronaut.server.max-request-size) never reach the intake. */
    @Error(global = true, exception = ContentLengthExceededException.class)
    public HttpResponse<String> tooLarge(HttpRequest<?> request) {
        String operation = request.getMethodName().toLowerCase(java.util.Locale.ROOT);
        return timed(operation, System.nanoTime(), intake.tooLarge(operation));
    }

    /** The response to {@code answer}, its time since {@code startedNanos} recorded under the operation and status. */
    private HttpResponse<String> timed(String operation, long startedNanos, Answer answer) {
        timers.record(operation, answer.status(), startedNanos);
        return respond(answer);
    }

    static HttpResponse<String> respond(Answer answer) {
        return HttpResponse.<String>status(HttpStatus.valueOf(answer.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(answer.json());
    }
}
