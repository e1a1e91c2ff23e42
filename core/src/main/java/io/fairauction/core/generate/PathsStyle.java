package io.fairauction.core.generate;

import io.fairauction.core.model.Competition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * CATS "paths in space" (Leyton-Brown, Pearson &amp; Shoham 2000, section 4.1): goods are roads between nearby
 * cities, and a bidder wants to ship between two cities along any short route.
 *
 * <p>Cities are random points in the unit square, about one per two roads. The road network follows the CATS idea
 * of building a road where the existing detour is too long: a spanning tree keeps it connected, then, shortest
 * first, a city is linked to one of its nearest cities when the route over existing roads is longer than the
 * building penalty (1.7) times the direct distance, then the shortest missing links fill up to exactly one road
 * per intent. A bidder picks two cities, values the connection at {@code d} times its shortest route ({@code d}
 * uniform in (1, 1.5], the shipping-cost factor) and bids that value on each of its up to five shortest simple
 * routes that cost less (Yen's algorithm). Prices are the value times 10^5, floored; a route's price is shared
 * among its roads by length.
 */
final class PathsStyle implements Style {
    private static final double CITIES_PER_ROAD = 0.45; // CATS: 0.4 cities per good
    private static final int NEAREST = 8;
    private static final double BUILDING_PENALTY = 1.7;
    private static final double SHIPPING_COST_FACTOR = 1.5;
    private static final int MAX_ROUTES_PER_BIDDER = 5;
    static final double PRICE_SCALE = 100_000;

    @Override
    public String name() {
        return "paths";
    }

    @Override
    public String summary() {
        return "CATS paths in space: goods = roads between nearby cities, bids = short routes between two cities (--batched-bids = all bids)";
    }

    @Override
    public int defaultBatchedBids(int intents) {
        return 5 * intents;
    }

    @Override
    public int maxIntents() {
        return 5_000; // building the map is quadratic in the number of cities
    }

    @Override
    public Competition generate(AuctionGenerator.Spec spec) {
        return CatsAuction.toCompetition(spec, instance(spec).bids());
    }

    /**
     * A generated instance: city {@code c} at {@code (x[c], y[c])}; road {@code j} (intent {@code j}) joins
     * {@code roads[j][0]} and {@code roads[j][1]}; each bid's goods are the roads of its route, in order.
     */
    record Instance(double[] x, double[] y, int[][] roads, List<CatsAuction.CatsBid> bids) {
    }

    static Instance instance(AuctionGenerator.Spec spec) {
        SplittableRandom rng = new SplittableRandom(spec.seed());
        int n = spec.intents();
        int cities = Math.max((int) Math.round(CITIES_PER_ROAD * n), 2);
        while ((long) cities * (cities - 1) / 2 < n) {
            cities++;
        }
        Network net = new Network(rng, cities);
        net.build(n);

        List<CatsAuction.CatsBid> bids = new ArrayList<>();
        int bidder = 0;
        while (bids.size() < spec.batchedBids()) {
            int from = rng.nextInt(cities);
            int to = rng.nextInt(cities - 1);
            if (to >= from) {
                to++;
            }
            double shortest = net.routes(from, to, 1, Double.POSITIVE_INFINITY).get(0).cost();
            double value = (1 + (1 - rng.nextDouble()) * (SHIPPING_COST_FACTOR - 1)) * shortest;
            for (Route r : net.routes(from, to, MAX_ROUTES_PER_BIDDER, value)) {
                if (bids.size() == spec.batchedBids()) {
                    break;
                }
                long[] weights = new long[r.roads().length];
                for (int k = 0; k < r.roads().length; k++) {
                    weights[k] = CatsAuction.weight(net.length(r.roads()[k]));
                }
                bids.add(new CatsAuction.CatsBid(bidder, r.roads(), CatsAuction.price(value, PRICE_SCALE), weights));
            }
            bidder++;
        }
        return new Instance(net.x, net.y, net.roads.toArray(int[][]::new), bids);
    }

    /**
     * A simple route: its cities in order, the roads between them, its length, and the index of the city where it
     * left the route it was derived from (0 for the shortest).
     */
    private record Route(int[] cities, int[] roads, double cost, int deviation) {
    }

    private static final class Network {
        final double[] x;
        final double[] y;
        final List<int[]> roads = new ArrayList<>();
        final Map<Long, Integer> roadIndex = new HashMap<>();
        double[] roadLength = new double[16];
        /** Built roads per city, as {neighbour, road}, in the order they were built. */
        final List<List<int[]>> adjacent = new ArrayList<>();
        /** Dijkstra scratch space, reset after each search by the cities it touched (searches are local). */
        final double[] dist;
        final int[] prev;
        final List<Integer> touched = new ArrayList<>();

        Network(SplittableRandom rng, int cities) {
            x = new double[cities];
            y = new double[cities];
            for (int c = 0; c < cities; c++) {
                x[c] = rng.nextDouble();
                y[c] = rng.nextDouble();
                adjacent.add(new ArrayList<>());
            }
            dist = new double[cities];
            prev = new int[cities];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(prev, -1);
        }

        double dist(int a, int b) {
            double dx = x[a] - x[b];
            double dy = y[a] - y[b];
            return Math.sqrt(dx * dx + dy * dy); // correctly rounded by specification: deterministic
        }

        double length(int road) {
            return roadLength[road];
        }

        static long key(int a, int b) {
            return ((long) Math.min(a, b) << 32) | Math.max(a, b);
        }

        boolean built(int a, int b) {
            return roadIndex.containsKey(key(a, b));
        }

        void addRoad(int a, int b) {
            int index = roads.size();
            roads.add(new int[] {Math.min(a, b), Math.max(a, b)});
            roadIndex.put(key(a, b), index);
            if (index == roadLength.length) {
                roadLength = Arrays.copyOf(roadLength, 2 * index);
            }
            roadLength[index] = dist(a, b);
            adjacent.get(a).add(new int[] {b, index});
            adjacent.get(b).add(new int[] {a, index});
        }

        /**
         * Grows the network to exactly {@code target} roads (never fewer than cities - 1, by the choice of city
         * count). A spanning tree keeps every city reachable; then, shortest first, a road to one of a city's
         * nearest cities is built when the existing route is longer than the building penalty times the direct
         * distance (a greedy spanner: roads where a detour is too long); then the shortest missing roads.
         */
        void build(int target) {
            spanningTree(target);
            List<long[]> candidates = nearestPairs();
            for (long[] pair : candidates) {
                if (roads.size() >= target) {
                    return;
                }
                int a = (int) pair[0];
                int b = (int) pair[1];
                if (!built(a, b) && shortest(a, b, null, null, BUILDING_PENALTY * dist(a, b)) == null) {
                    addRoad(a, b);
                }
            }
            for (long[] pair : candidates) {
                if (roads.size() >= target) {
                    return;
                }
                if (!built((int) pair[0], (int) pair[1])) {
                    addRoad((int) pair[0], (int) pair[1]);
                }
            }
            // Only tiny maps get here: any missing road, shortest first.
            List<long[]> rest = new ArrayList<>();
            for (int a = 0; a < x.length; a++) {
                for (int b = a + 1; b < x.length; b++) {
                    if (!built(a, b)) {
                        rest.add(new long[] {a, b});
                    }
                }
            }
            rest.sort(this::byLength);
            for (int k = 0; roads.size() < target; k++) {
                addRoad((int) rest.get(k)[0], (int) rest.get(k)[1]);
            }
        }

        /** Each city with its {@link #NEAREST} nearest cities, as pairs, shortest first. */
        List<long[]> nearestPairs() {
            int cities = x.length;
            int k = Math.min(NEAREST, cities - 1);
            java.util.TreeSet<Long> keys = new java.util.TreeSet<>();
            int[] best = new int[k];
            for (int c = 0; c < cities; c++) {
                int found = 0;
                for (int o = 0; o < cities; o++) {
                    if (o == c) {
                        continue;
                    }
                    // Insertion into the sorted top k (ties: lower index first, as it was seen first).
                    int pos = found;
                    while (pos > 0 && dist(c, o) < dist(c, best[pos - 1])) {
                        pos--;
                    }
                    if (pos < k) {
                        for (int m = Math.min(found, k - 1); m > pos; m--) {
                            best[m] = best[m - 1];
                        }
                        best[pos] = o;
                        found = Math.min(found + 1, k);
                    }
                }
                for (int m = 0; m < found; m++) {
                    keys.add(key(c, best[m]));
                }
            }
            List<long[]> pairs = new ArrayList<>();
            for (long key : keys) {
                pairs.add(new long[] {key >>> 32, key & 0xFFFF_FFFFL});
            }
            pairs.sort(this::byLength);
            return pairs;
        }

        int byLength(long[] p, long[] q) {
            int d = Double.compare(dist((int) p[0], (int) p[1]), dist((int) q[0], (int) q[1]));
            return d != 0 ? d : Long.compare(key((int) p[0], (int) p[1]), key((int) q[0], (int) q[1]));
        }

        /** Prim's minimum spanning tree, so every city is reachable. */
        void spanningTree(int target) {
            int cities = x.length;
            boolean[] inTree = new boolean[cities];
            double[] best = new double[cities];
            int[] via = new int[cities];
            inTree[0] = true;
            for (int c = 1; c < cities; c++) {
                best[c] = dist(0, c);
            }
            for (int added = 1; added < cities && roads.size() < target; added++) {
                int next = -1;
                for (int c = 0; c < cities; c++) {
                    if (!inTree[c] && (next < 0 || best[c] < best[next])) {
                        next = c;
                    }
                }
                inTree[next] = true;
                addRoad(via[next], next);
                for (int c = 0; c < cities; c++) {
                    if (!inTree[c] && dist(next, c) < best[c]) {
                        best[c] = dist(next, c);
                        via[c] = next;
                    }
                }
            }
        }

        /** The cost of the roads between consecutive cities, summed in route order. */
        double cost(int[] route) {
            double c = 0;
            for (int k = 0; k + 1 < route.length; k++) {
                c += dist(route[k], route[k + 1]);
            }
            return c;
        }

        /**
         * Shortest route over built roads that avoids some cities and roads (either may be null), if one costs
         * less than {@code bound}; null otherwise. A* with the straight-line distance to {@code to}, which never
         * overestimates (roads are straight), so the search stays inside the ellipse the bound allows.
         */
        int[] shortest(int from, int to, boolean[] bannedCity, boolean[] bannedRoad, double bound) {
            PriorityQueue<double[]> queue = new PriorityQueue<>(PathsStyle::byDistanceThenCity);
            visit(from, 0, -1);
            queue.add(new double[] {dist(from, to), from});
            boolean reached = false;
            while (!queue.isEmpty()) {
                double[] top = queue.poll();
                int u = (int) top[1];
                if (top[0] > dist[u] + dist(u, to)) {
                    continue; // stale entry
                }
                if (u == to) {
                    reached = true;
                    break;
                }
                for (int[] e : adjacent.get(u)) {
                    int v = e[0];
                    if ((bannedCity != null && bannedCity[v]) || (bannedRoad != null && bannedRoad[e[1]])) {
                        continue;
                    }
                    double nd = dist[u] + length(e[1]);
                    double estimate = nd + dist(v, to);
                    if (nd < dist[v] && estimate < bound) {
                        visit(v, nd, u);
                        queue.add(new double[] {estimate, v});
                    }
                }
            }
            int[] path = null;
            if (reached) {
                List<Integer> p = new ArrayList<>();
                for (int c = to; c >= 0; c = prev[c]) {
                    p.add(0, c);
                }
                path = p.stream().mapToInt(Integer::intValue).toArray();
            }
            for (int c : touched) {
                dist[c] = Double.POSITIVE_INFINITY;
                prev[c] = -1;
            }
            touched.clear();
            return path;
        }

        private void visit(int city, double d, int from) {
            if (dist[city] == Double.POSITIVE_INFINITY) {
                touched.add(city);
            }
            dist[city] = d;
            prev[city] = from;
        }

        /** Yen's algorithm: up to {@code k} shortest simple routes, each costing less than {@code bound}. */
        List<Route> routes(int from, int to, int k, double bound) {
            List<Route> found = new ArrayList<>();
            int cities = x.length;
            int[] first = shortest(from, to, null, null, bound);
            if (first == null) {
                return found;
            }
            found.add(route(first, 0));
            List<Route> pending = new ArrayList<>();
            boolean[] bannedCity = new boolean[cities];
            boolean[] bannedRoad = new boolean[roads.size()];
            while (found.size() < k) {
                Route lastRoute = found.get(found.size() - 1);
                int[] last = lastRoute.cities();
                // Lawler's refinement of Yen: deviations before this route's own were tried with its parent.
                for (int i = lastRoute.deviation(); i + 1 < last.length; i++) {
                    int spur = last[i];
                    int[] root = Arrays.copyOf(last, i + 1);
                    List<Integer> roadsBanned = new ArrayList<>();
                    for (Route r : found) {
                        if (r.cities().length > i + 1 && Arrays.equals(r.cities(), 0, i + 1, root, 0, i + 1)) {
                            int road = roadIndex.get(key(r.cities()[i], r.cities()[i + 1]));
                            bannedRoad[road] = true;
                            roadsBanned.add(road);
                        }
                    }
                    for (int c = 0; c < i; c++) {
                        bannedCity[root[c]] = true;
                    }
                    double rootCost = cost(root);
                    int[] spurPath = shortest(spur, to, bannedCity, bannedRoad, bound - rootCost);
                    for (int c = 0; c < i; c++) {
                        bannedCity[root[c]] = false;
                    }
                    roadsBanned.forEach(r -> bannedRoad[r] = false);
                    if (spurPath == null) {
                        continue;
                    }
                    int[] whole = new int[i + spurPath.length];
                    System.arraycopy(root, 0, whole, 0, i);
                    System.arraycopy(spurPath, 0, whole, i, spurPath.length);
                    Route candidate = route(whole, i);
                    if (candidate.cost() < bound && !contains(pending, whole) && !contains(found, whole)) {
                        pending.add(candidate);
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                pending.sort((a, b) -> {
                    int c = Double.compare(a.cost(), b.cost());
                    return c != 0 ? c : Arrays.compare(a.cities(), b.cities());
                });
                found.add(pending.remove(0));
            }
            return found;
        }

        Route route(int[] cities, int deviation) {
            int[] rs = new int[cities.length - 1];
            for (int k = 0; k < rs.length; k++) {
                rs[k] = roadIndex.get(key(cities[k], cities[k + 1]));
            }
            return new Route(cities, rs, cost(cities), deviation);
        }

        private static boolean contains(List<Route> routes, int[] cities) {
            for (Route r : routes) {
                if (Arrays.equals(r.cities(), cities)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static int byDistanceThenCity(double[] a, double[] b) {
        int c = Double.compare(a[0], b[0]);
        return c != 0 ? c : Double.compare(a[1], b[1]);
    }
}
