package io.fairauction.solvers;

import io.fairauction.core.model.Bid;
import io.fairauction.sdk.AuctionView;
import io.fairauction.sdk.LocalValidation;
import io.fairauction.sdk.SolveContext;
import io.fairauction.sdk.Solver;
import io.fairauction.solverapi.BidChecks;
import io.fairauction.solverapi.SolveRequest;
import java.time.Instant;
import java.util.List;

/** Runs a solver on a request as the runtime would, without HTTP, and checks its bids as the gateway would. */
final class Solving {
    private Solving() {
    }

    /** The solver's bids, each owned by {@code solverId}, all of which must pass the gateway's checks. */
    static List<Bid> bids(Solver solver, String solverId, SolveRequest request) throws Exception {
        AuctionView view = new AuctionView(request);
        SolveContext context = SolveContext.offline(view, solverId, Instant.now().plusSeconds(30));
        solver.solve(context);
        BidChecks.Checked checked = LocalValidation.defaults().check(view, solverId, context.close());
        if (!checked.rejected().isEmpty()) {
            throw new AssertionError("bids the gateway would refuse: " + checked.rejected());
        }
        return checked.accepted();
    }

    static Bid byId(List<Bid> bids, String id) {
        return bids.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no bid " + id + " among " + bids.stream().map(Bid::id).toList()));
    }
}
