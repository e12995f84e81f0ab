package io.hyperfusion.app.serve;

import io.hyperfusion.data.Post;
import io.hyperfusion.data.UserProfile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Scores concurrent {@code /v1/predict} requests together: a request, once parsed, queues here as a {@link Job}, and
 * a drain task queued behind it on the compute pool takes every compatible job waiting by then (up to
 * {@code maxRows} posts) and scores them in one call of the feature pipeline and of each model. Under load the
 * requests parsed while one batch is scored form the next batch, so per-call costs (matrix and schema building,
 * the native calls, the MLP's 16-row forward pass) are paid once per batch instead of once per request; an idle
 * server scores each request alone, with no waiting window.
 *
 * <p>Scores are exactly those of the requests scored alone: every model scores a row independently of the others
 * (the MLP pads every call to 16-row blocks for this), the text cache is exact, and posts get batch-unique keys so
 * two requests' posts with the same id never share an embedding row. Requests are batched only when they agree
 * on every author both describe inline (the feature context holds one profile per author) and on whether to
 * explain; images go the unbatched way. If a merged batch fails, its requests are scored one by one, so a bad
 * request fails alone. Thread-safe.
 */
final class PredictBatcher {

    /**
     * One parsed request.
     *
     * @param posts   its posts, in order
     * @param users   its inline author profiles
     * @param explain whether it asked for contributions
     * @param answered whether it is answered already (timed out): it is then dropped
     * @param done    builds and sends its answer from its predictions, in order of {@code posts}
     * @param failed  answers it with a failure of its scoring or of {@code done}
     */
    record Job(List<Post> posts, Map<String, UserProfile> users, boolean explain, BooleanSupplier answered,
               Consumer<List<Prediction>> done, Consumer<RuntimeException> failed) {

        void finish(Supplier<List<Prediction>> predictions) {
            try {
                done.accept(predictions.get());
            } catch (RuntimeException e) {
                failed.accept(e);
            }
        }
    }

    private final Predictor predictor;
    private final int maxRows;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private long batches;
    private long batchedJobs;

    /**
     * @param maxRows most posts scored in one call (≥ 1; 1 scores every request alone)
     */
    PredictBatcher(Predictor predictor, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("batch rows must be >= 1, got " + maxRows);
        }
        this.predictor = predictor;
        this.maxRows = maxRows;
    }

    /** Most posts scored in one call. */
    int maxRows() {
        return maxRows;
    }

    /** Queues a parsed request; the caller then queues a {@link #drain()} on the compute pool. */
    synchronized void submit(Job job) {
        queue.addLast(job);
    }

    /** Scores the next batch of waiting requests, if any (another drain may have taken them). */
    void drain() {
        List<Job> batch = take();
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        List<Prediction> all;
        try {
            all = score(batch);
        } catch (RuntimeException e) {
            // One request's posts can fail the merged call: score each alone so only that one fails.
            batch.forEach(this::alone);
            return;
        }
        int from = 0;
        for (Job j : batch) {
            List<Prediction> mine = all.subList(from, from + j.posts().size());
            from += j.posts().size();
            j.finish(() -> mine);
        }
    }

    private void alone(Job j) {
        j.finish(() -> predictor.predict(j.posts(), j.users(), nulls(j.posts().size()), j.explain()));
    }

    /** Batches scored with more than one request, and the requests in them, since start. */
    synchronized long[] counts() {
        return new long[] {batches, batchedJobs};
    }

    /**
     * The first waiting job and every later one compatible with it, up to {@code maxRows} posts; jobs already
     * answered are dropped, the others stay queued in order.
     */
    private synchronized List<Job> take() {
        List<Job> batch = new ArrayList<>();
        Map<String, UserProfile> users = new HashMap<>();
        int rows = 0;
        Boolean explain = null;
        for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (j.answered().getAsBoolean()) {
                it.remove();
                continue;
            }
            if (!batch.isEmpty() && (rows + j.posts().size() > maxRows || j.explain() != explain
                    || conflicts(users, j.users()))) {
                continue;
            }
            it.remove();
            batch.add(j);
            rows += j.posts().size();
            explain = j.explain();
            users.putAll(j.users());
            if (rows >= maxRows) {
                break;
            }
        }
        if (batch.size() > 1) {
            batches++;
            batchedJobs += batch.size();
        }
        return batch;
    }

    private static boolean conflicts(Map<String, UserProfile> have, Map<String, UserProfile> add) {
        for (Map.Entry<String, UserProfile> e : add.entrySet()) {
            UserProfile u = have.get(e.getKey());
            if (u != null && !u.equals(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** One call for the whole batch; posts get batch-unique ids ({@code <job>:<post id>}). */
    private List<Prediction> score(List<Job> batch) {
        List<Post> posts = new ArrayList<>();
        Map<String, UserProfile> users = new HashMap<>();
        for (int k = 0; k < batch.size(); k++) {
            Job j = batch.get(k);
            for (Post p : j.posts()) {
                posts.add(p.withPostId(k + ":" + p.postId()));
            }
            users.putAll(j.users());
        }
        return predictor.predict(posts, users, nulls(posts.size()), batch.get(0).explain());
    }

    private static List<byte[]> nulls(int n) {
        return Collections.nCopies(n, null);
    }
}
