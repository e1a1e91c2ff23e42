package io.fairauction.core.lp;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import io.fairauction.core.generate.AuctionGenerator;
import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.mechanism.SelectionProblem;
import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Token;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.core.testing.RandomCompetitions;
import io.fairauction.core.testing.Seeds;
import io.fairauction.core.wdp.WdpBid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exported LP, read back by a minimal CPLEX-LP reader and solved by an independent MIP solver (SCIP), has
 * our optimum as its optimum. (The bench does the same with the real CBC binary.)
 */
class LpFormatTest {
    @BeforeAll
    static void natives() {
        io.fairauction.core.wdp.Natives.load(); // the same copy the engine loads
    }

    static LongStream seeds() {
        return Seeds.range(40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scipSolvingTheExportedLpFindsTheMechanismsTotalScore(long seed) {
        // Unit native prices keep scores small: at wei scale SCIP's 1e-9 relative tolerance cannot tell optima apart.
        Competition c = withUnitPrices(RandomCompetitions.generate(seed, RandomCompetitions.Shape.small()));
        MechanismOptions options = seed % 3 == 0
                ? MechanismOptions.DEFAULT.withMaxWinnersPerSolver(1).withPairDisjoint(true).withMaxWinners(2)
                : MechanismOptions.DEFAULT;
        for (String name : new String[] {"fair-combinatorial", "combinatorial", "simultaneous-first-price", "batch"}) {
            Mechanism m = Mechanisms.byName(name).orElseThrow();
            AuctionResult r = m.run(c, options);
            String lp = LpFormat.write(m.selectionProblem(c, options));
            MPSolver scip = readCplexLp(lp);
            // A zero gap: SCIP's default 1e-4 relative gap would accept a worse packing on wei-sized scores.
            MPSolverParameters exact = new MPSolverParameters();
            exact.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
            assertThat(scip.solve(exact)).as("seed %d %s:%n%s", seed, name, lp).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
            assertThat(r.totalScore()).isLessThan(BigInteger.TWO.pow(40));
            assertThat(Math.round(scip.objective().value())).as("seed %d %s:%n%s", seed, name, lp)
                    .isEqualTo(r.totalScore().longValueExact());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void weiScaleObjectiveIsWrittenExactlyInUnitsSmallEnoughForMipSolvers(long seed) {
        // Market-style auctions with real native prices: scores of 1e15..1e22 wei.
        Competition c = AuctionGenerator.generate(new AuctionGenerator.Spec(30, 4, 20, seed, "market"));
        SelectionProblem selection = Mechanisms.byName("fair-combinatorial").orElseThrow().selectionProblem(c, MechanismOptions.DEFAULT);
        String lp = LpFormat.write(selection);
        int scale = LpFormat.objectiveScale(selection.problem());
        assertThat(lp).contains("\\ objective in units of 10^" + scale + " native wei\n");
        Map<String, BigInteger> written = new HashMap<>();
        Matcher m = Pattern.compile("([0-9.]+) (x\\d+)").matcher(lp.substring(lp.indexOf("Maximize"), lp.indexOf("Subject To")));
        while (m.find()) {
            BigDecimal coefficient = new BigDecimal(m.group(1));
            assertThat(coefficient.abs()).as("seed %d: %s", seed, m.group()).isLessThan(BigDecimal.TEN.pow(LpFormat.OBJECTIVE_DIGITS));
            written.put(m.group(2), coefficient.movePointRight(scale).toBigIntegerExact());
        }
        List<WdpBid> bids = selection.problem().bids();
        assertThat(written).as("seed %d", seed).hasSize(bids.size());
        for (int k = 0; k < bids.size(); k++) {
            assertThat(written.get("x" + k)).as("seed %d bid %s", seed, bids.get(k).id()).isEqualTo(bids.get(k).score());
        }
        if (bids.stream().anyMatch(b -> b.score().compareTo(BigInteger.TEN.pow(LpFormat.OBJECTIVE_DIGITS)) >= 0)) {
            assertThat(scale).isPositive();
        }
    }

    private static Competition withUnitPrices(Competition c) {
        Map<String, Token> tokens = new LinkedHashMap<>();
        c.auction().tokens().forEach((k, t) -> tokens.put(k, new Token(t.address(), t.decimals(), t.symbol(), BigInteger.TEN.pow(18))));
        return new Competition(new Auction(c.auction().id(), tokens, c.auction().intents()), c.bids());
    }

    /** Just enough of the CPLEX LP format to read what {@link LpFormat} writes: comments, sections, wrapped lines. */
    private static MPSolver readCplexLp(String lp) {
        MPSolver solver = MPSolver.createSolver("SCIP");
        Map<String, MPVariable> vars = new HashMap<>();
        String section = "";
        List<String> statement = new ArrayList<>();
        List<List<String>> objective = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> binaries = new ArrayList<>();
        for (String raw : lp.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("\\") || line.isEmpty()) {
                continue;
            }
            if (line.equals("Maximize") || line.equals("Subject To") || line.equals("Binary") || line.equals("End")) {
                section = line;
                continue;
            }
            List<String> tokens = List.of(line.split("\\s+"));
            if (section.equals("Binary")) {
                binaries.addAll(tokens);
            } else if (tokens.get(0).endsWith(":")) {
                statement = new ArrayList<>(tokens);
                (section.equals("Maximize") ? objective : rows).add(statement);
            } else {
                statement.addAll(tokens);
            }
        }
        binaries.forEach(v -> vars.put(v, solver.makeBoolVar(v)));
        MPObjective obj = solver.objective();
        List<String> o = objective.get(0);
        for (int i = 1; i < o.size(); i += 3) { // obj: c x + c x ...
            obj.setCoefficient(vars.get(o.get(i + 1)), Double.parseDouble(o.get(i)));
        }
        obj.setMaximization();
        for (List<String> row : rows) { // name: x + x ... <= rhs
            double rhs = Double.parseDouble(row.get(row.size() - 1));
            assertThat(row.get(row.size() - 2)).isEqualTo("<=");
            MPConstraint c = solver.makeConstraint(Double.NEGATIVE_INFINITY, rhs);
            for (int i = 1; i < row.size() - 2; i += 2) {
                c.setCoefficient(vars.get(row.get(i)), 1);
            }
        }
        return solver;
    }
}
