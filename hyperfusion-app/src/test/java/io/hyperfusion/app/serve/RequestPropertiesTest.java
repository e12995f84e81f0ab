package io.hyperfusion.app.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a client sends, the request reader accepts it or refuses it with a 4xx naming the problem, and the real
 * server answers 200 or 4xx with a JSON error, never 500 (1e40 used to reach XGBoost and come back as a 500 with
 * its native stack trace). A short run here; scripts/bench/fuzz.sh runs long.
 */
class RequestPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PredictionServer server;

    @BeforeContainer
    static void start() throws Exception {
        ServedModel served = ServedModel.open(ServeWorld.model(), new ServedModel.Settings(ServeWorld.modelsDir(), null, 1,
                40_000_000L), new PrintWriter(System.err, true));
        server = PredictionServer.start(served, ServerConfig.defaults(0).withLimits(1 << 20, 8));
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Property
    void theReaderAcceptsOrRefusesWith4xx(@ForAll("predictBodies") String body) {
        try {
            new RequestReader(8).read(body.getBytes(StandardCharsets.UTF_8));
            Statistics.collect("accepted");
        } catch (ApiException e) {
            assertTrue(e.status() >= 400 && e.status() < 500, e.status() + " " + e.getMessage());
            Statistics.collect(e.status());
        }
    }

    @Property
    void theReaderAcceptsOrRefusesAdviceWith4xx(@ForAll("adviseBodies") String body) {
        try {
            AdviceRequest.parse(body.getBytes(StandardCharsets.UTF_8), new RequestReader(8));
        } catch (ApiException e) {
            assertTrue(e.status() >= 400 && e.status() < 500, e.status() + " " + e.getMessage());
        }
    }

    @Property(edgeCases = EdgeCasesMode.NONE) // random bodies: the generator's edge cases are mostly boring ids
    void theServerNeverAnswers500(@ForAll("predictBodies") String predict, @ForAll("adviseBodies") String advise)
            throws Exception {
        answered(ServeWorld.post(server.port(), "/v1/predict", predict));
        answered(ServeWorld.post(server.port(), "/v1/advise", advise));
    }

    private static void answered(HttpResponse<String> r) throws Exception {
        int s = r.statusCode();
        Statistics.collect(s);
        assertTrue(s == 200 || (s >= 400 && s < 500), s + " " + r.body());
        JsonNode body = JSON.readTree(r.body());
        assertTrue(s == 200 || body.hasNonNull("error"), r.body());
    }

    @Provide
    Arbitrary<String> predictBodies() {
        return HostileRequests.predictBody();
    }

    @Provide
    Arbitrary<String> adviseBodies() {
        return Arbitraries.oneOf(HostileRequests.adviseBody(), HostileRequests.post());
    }
}
