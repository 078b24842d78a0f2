package io.vigil.gstreamer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * gst-rtsp-server serves each client on a thread of its pool, and {@code gst_rtsp_client_close}
 * is not safe from any other thread: it closes the connection under a watch that may be halfway
 * through reading a request, and GStreamer 1.22's reader then loops for ever on the missing
 * stream, one GLib critical ("g_pollable_input_stream_read_nonblocking: assertion
 * 'G_IS_POLLABLE_INPUT_STREAM (stream)' failed") per turn, a core busy for the life of the
 * process. Here clients keep the server reading requests while it closes: no critical may follow.
 */
class ClientDisconnectTest {

    private static final int ROUNDS = 6;
    private static final int CLIENTS = 4;

    @Test
    void closingTheServerWhileItsClientsAreMidRequestLeavesNoReaderSpinning() throws Exception {
        RtspNatives natives = RtspNatives.load();
        AtomicLong criticals = new AtomicLong();
        GLibLibrary.LogFunc counter = (domain, level, message, data) -> criticals.incrementAndGet();
        int handler = natives.glib().g_log_set_handler("GLib-GIO", GLibLibrary.G_LOG_LEVEL_CRITICAL
                | GLibLibrary.G_LOG_FLAG_FATAL | GLibLibrary.G_LOG_FLAG_RECURSION, counter, null);
        try {
            long answered = 0;
            for (int round = 0; round < ROUNDS; round++) {
                NativeRtspServer server = new NativeRtspServer("127.0.0.1", 0, RtspServerOptions.DEFAULTS);
                List<FloodingClient> clients = new ArrayList<>();
                try {
                    for (int i = 0; i < CLIENTS; i++) {
                        clients.add(new FloodingClient(server.port()));
                    }
                    for (FloodingClient client : clients) {
                        assertTrue(client.awaitAnswers(20, 10_000), "the server answered no request");
                    }
                } finally {
                    server.close();
                    for (FloodingClient client : clients) {
                        answered += client.stop();
                    }
                }
            }
            Thread.sleep(500); // a reader left spinning logs thousands of criticals in this time
            System.out.printf("client disconnects: %d rounds of %d clients, %d answers read, %d GLib-GIO criticals%n",
                    ROUNDS, CLIENTS, answered, criticals.get());
            assertEquals(0, criticals.get(), "GLib-GIO criticals after closing clients mid-request");
        } finally {
            natives.glib().g_log_remove_handler("GLib-GIO", handler);
        }
    }

    /** Sends pipelined OPTIONS requests as fast as the server takes them, and reads the answers. */
    private static final class FloodingClient {

        private final Socket socket;
        private final Thread writer;
        private final Thread reader;
        private final AtomicLong answers = new AtomicLong();
        private volatile boolean stopped;

        FloodingClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            byte[] burst = requests(port);
            writer = new Thread(() -> {
                try (OutputStream out = socket.getOutputStream()) {
                    while (!stopped) {
                        out.write(burst);
                    }
                } catch (IOException e) {
                    // the server closed the connection: what the test does
                }
            }, "flooding-client-writer");
            reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = socket.getInputStream()) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                answers.incrementAndGet(); // lines, roughly five per answer
                            }
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "flooding-client-reader");
            writer.setDaemon(true);
            reader.setDaemon(true);
            writer.start();
            reader.start();
        }

        private static byte[] requests(int port) {
            StringBuilder burst = new StringBuilder();
            for (int cseq = 1; cseq <= 50; cseq++) {
                burst.append("OPTIONS rtsp://127.0.0.1:").append(port).append("/nothing RTSP/1.0\r\nCSeq: ")
                        .append(cseq).append("\r\nUser-Agent: flooding-client\r\n\r\n");
            }
            return burst.toString().getBytes(StandardCharsets.US_ASCII);
        }

        boolean awaitAnswers(long lines, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (answers.get() < lines && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            return answers.get() >= lines;
        }

        long stop() throws IOException, InterruptedException {
            stopped = true;
            socket.close();
            writer.join(5_000);
            reader.join(5_000);
            return answers.get();
        }
    }
}
