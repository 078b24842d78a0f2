package io.vigil.compliance.internal.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.audit.AuditActions;
import io.vigil.api.deployment.Deployment;
import io.vigil.api.deployment.DeploymentState;
import io.vigil.api.deployment.DeploymentTopics;
import io.vigil.compliance.internal.audit.AuditEntry;
import io.vigil.compliance.internal.audit.AuditTrailService;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.MutableClock;
import io.vigil.testing.RecordingEventAdmin;
import io.vigil.testing.RecordingLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments on real SQLite files, audited into a real trail: the lifecycle, activeFor by camera
 * and time, the automatic stop past the planned end (also after downtime), and the threshold that
 * changes only under a new authorisation.
 */
class DeploymentServiceTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final RecordingLogger logs = new RecordingLogger();
    private final MemorySecretStore secrets = new MemorySecretStore();
    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private AuditTrailService audit;
    private DeploymentService service;

    @BeforeEach
    void open() {
        audit = new AuditTrailService(AuditTrailService.Options.in(dir), secrets, clock, logs.logger());
        service = openDeployments();
    }

    private DeploymentService openDeployments() {
        DeploymentService s = new DeploymentService(DeploymentService.Options.in(dir), audit, clock, logs.logger());
        s.setEventAdmin(events);
        return s;
    }

    @AfterEach
    void close() {
        service.close();
        audit.close();
    }

    private NewDeployment plan(String name, Instant start, Duration length, String... cameras) {
        return new NewDeployment(name, List.of(cameras), List.of("wanted", "missing"), 0.55f, "Oxford Street",
                "locate wanted offenders", "common law policing powers", "Supt. Hale ref AUTH-1", start, start.plus(length));
    }

    private List<AuditEntry> trail(String action) throws Exception {
        return audit.last(100, Optional.of(action));
    }

    @Test
    void lifecycleIsAuditedAndAnnounced() throws Exception {
        Deployment d = service.create(plan("west-end", clock.instant(), Duration.ofHours(8), "cam-1", "cam-2"), "alice");
        assertEquals(DeploymentState.PLANNED, d.state());
        assertTrue(service.activeFor("cam-1", clock.instant()).isEmpty(), "planned is not active");

        clock.advance(Duration.ofMinutes(5));
        Deployment started = service.start("west-end", "alice");
        assertEquals(Optional.of(clock.instant()), started.startedAt());
        assertEquals(List.of(started), service.activeFor("cam-2", clock.instant()));

        clock.advance(Duration.ofHours(2));
        Deployment stopped = service.stop("west-end", "bob", "operation over");
        assertEquals(DeploymentState.STOPPED, stopped.state());
        assertTrue(service.activeFor("cam-1", clock.instant()).isEmpty());
        assertThrows(DeploymentException.class, () -> service.start("west-end", "alice"), "a stopped deployment stays stopped");

        AuditEntry created = trail(AuditActions.DEPLOYMENT_CREATED).get(0);
        assertEquals("alice", created.actor());
        assertTrue(created.details().contains("\"watchlists\":\"wanted,missing\""), created.details());
        assertTrue(created.details().contains("\"authorisation\":\"Supt. Hale ref AUTH-1\""), created.details());
        AuditEntry stop = trail(AuditActions.DEPLOYMENT_STOPPED).get(0);
        assertEquals("bob", stop.actor());
        assertTrue(stop.details().contains("\"started.at\":\"2026-12-01T08:05:00Z\""), stop.details());
        assertTrue(stop.details().contains("\"stopped.at\":\"2026-12-01T10:05:00Z\""), stop.details());
        assertTrue(stop.details().contains("\"reason\":\"operation over\""), stop.details());
        assertEquals(1, trail(AuditActions.DEPLOYMENT_STARTED).size());

        assertEquals(List.of("PLANNED", "ACTIVE", "STOPPED"),
                events.posted().stream().map(e -> (String) e.getProperty("deployment.state")).toList());
        assertTrue(events.posted().stream().allMatch(e -> e.getTopic().equals(DeploymentTopics.CHANGED)
                && d.id().equals(e.getProperty("deployment.id"))));
        assertTrue(audit.verify(Optional.empty()).intact());
    }

    @Test
    void activeForDependsOnTheCameraAndTheTime() throws Exception {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        service.create(plan("later", nine, Duration.ofHours(2), "cam-1"), "alice");
        service.create(plan("other", clock.instant(), Duration.ofHours(8), "cam-1", "cam-3"), "alice");
        service.start("later", "alice");
        service.start("other", "alice");
        assertEquals(List.of("other"), names(service.activeFor("cam-1", clock.instant())), "before 'later' begins");
        assertEquals(List.of("later", "other"), names(service.activeFor("cam-1", nine)));
        assertEquals(List.of("other"), names(service.activeFor("cam-1", nine.plus(Duration.ofHours(2)))), "'later' ends");
        assertTrue(service.activeFor("cam-2", nine).isEmpty(), "a camera in no deployment");
        assertEquals(List.of("other"), names(service.activeFor("cam-3", nine)));
        assertEquals(2, service.all().size());
        String id = service.named("later").orElseThrow().id();
        assertEquals("later", service.deployment(id).orElseThrow().name());
    }

    private static List<String> names(List<Deployment> ds) {
        return ds.stream().map(Deployment::name).sorted().toList();
    }

    @Test
    void aDeploymentPastItsEndStopsByItselfAndIsAudited() throws Exception {
        service.create(plan("short", clock.instant(), Duration.ofHours(1), "cam-1"), "alice");
        service.start("short", "alice");
        service.create(plan("never-started", clock.instant(), Duration.ofHours(1), "cam-2"), "alice");
        clock.advance(Duration.ofMinutes(59));
        assertEquals(0, service.expire());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(2, service.expire());
        Deployment d = service.named("short").orElseThrow();
        assertEquals(DeploymentState.STOPPED, d.state());
        assertEquals(Optional.of(d.plannedEnd()), d.stoppedAt(), "matching stopped at the planned end");
        List<AuditEntry> stops = trail(AuditActions.DEPLOYMENT_STOPPED);
        assertEquals(2, stops.size());
        assertTrue(stops.stream().allMatch(e -> e.actor().equals("system") && e.details().contains("planned end passed")));
        assertEquals(0, service.expire(), "once");
    }

    @Test
    void expiryCatchesUpAtStartUpAfterDowntime() throws Exception {
        service.create(plan("overnight", clock.instant(), Duration.ofHours(8), "cam-1"), "alice");
        service.start("overnight", "alice");
        service.close();
        clock.advance(Duration.ofDays(2));
        service = openDeployments();
        Deployment d = service.named("overnight").orElseThrow();
        assertEquals(DeploymentState.STOPPED, d.state(), "stopped at start-up");
        AuditEntry stop = trail(AuditActions.DEPLOYMENT_STOPPED).get(0);
        assertTrue(stop.details().contains("\"noticed.at\":\"2026-12-03T08:00:00Z\""), stop.details());
        assertTrue(stop.details().contains("\"stopped.at\":\"2026-12-01T16:00:00Z\""), stop.details());
    }

    @Test
    void theThresholdChangesOnlyUnderANewAuthorisationAndIsAudited() throws Exception {
        service.create(plan("west-end", clock.instant(), Duration.ofHours(8), "cam-1"), "alice");
        service.start("west-end", "alice");
        assertThrows(DeploymentException.class, () -> service.setThreshold("west-end", 0.6f, "", "alice"));
        DeploymentException same = assertThrows(DeploymentException.class,
                () -> service.setThreshold("west-end", 0.6f, "Supt. Hale ref AUTH-1", "alice"));
        assertTrue(same.getMessage().contains("new authorisation"), same.getMessage());
        assertThrows(DeploymentException.class, () -> service.setThreshold("west-end", 1.5f, "AUTH-2", "alice"));
        assertEquals(0.55f, service.named("west-end").orElseThrow().threshold());
        assertTrue(trail(AuditActions.DEPLOYMENT_THRESHOLD_CHANGED).isEmpty(), "refusals change nothing");

        Deployment d = service.setThreshold("west-end", 0.6f, "Ch. Supt. Rowe ref AUTH-2", "carol");
        assertEquals(0.6f, d.threshold());
        assertEquals("Ch. Supt. Rowe ref AUTH-2", d.authorisation());
        assertEquals(0.6f, service.activeFor("cam-1", clock.instant()).get(0).threshold(), "the matcher sees it at once");
        AuditEntry e = trail(AuditActions.DEPLOYMENT_THRESHOLD_CHANGED).get(0);
        assertEquals("carol", e.actor());
        for (String expected : List.of("\"threshold.old\":\"0.55\"", "\"threshold.new\":\"0.6\"",
                "\"authorisation.old\":\"Supt. Hale ref AUTH-1\"", "\"authorisation.new\":\"Ch. Supt. Rowe ref AUTH-2\"")) {
            assertTrue(e.details().contains(expected), e.details());
        }
    }

    @Test
    void whatWasWrittenSurvivesARestart() throws Exception {
        service.create(plan("west-end", clock.instant(), Duration.ofHours(8), "cam-1", "cam-2"), "alice");
        service.start("west-end", "alice");
        service.close();
        service = openDeployments();
        Deployment d = service.named("west-end").orElseThrow();
        assertEquals(DeploymentState.ACTIVE, d.state());
        assertEquals(List.of("cam-1", "cam-2"), d.cameraIds());
        assertEquals(List.of("wanted", "missing"), d.watchlists());
        assertEquals(1, service.activeFor("cam-2", clock.instant()).size());
    }

    @Test
    void nothingChangesWhenTheAuditTrailCannotRecord() throws Exception {
        audit.close();
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> service.create(plan("unrecorded", clock.instant(), Duration.ofHours(1), "cam-1"), "alice"));
        assertTrue(e.getMessage().contains("audit trail"), e.getMessage());
        assertTrue(service.all().isEmpty());
        service.close();
        service = openDeployments();
        assertTrue(service.all().isEmpty(), "the row was rolled back");
        audit = new AuditTrailService(AuditTrailService.Options.in(dir), secrets, clock, logs.logger());
    }

    @Test
    void badCreationsAreRefusedWithTheReason() {
        Instant now = clock.instant();
        assertThrows(DeploymentException.class, () -> service.create(plan("x", now, Duration.ofHours(1)), "a"), "no cameras");
        assertThrows(DeploymentException.class, () -> service.create(plan("x", now.minus(Duration.ofHours(3)),
                Duration.ofHours(1), "cam-1"), "a"), "ended already");
        assertThrows(DeploymentException.class, () -> service.create(new NewDeployment("x", List.of("c"), List.of("w"), 0.5f,
                "L", "P", "B", " ", now, now.plusSeconds(60)), "a"), "no authorisation");
        assertThrows(DeploymentException.class, () -> service.create(new NewDeployment("x", List.of("c"), List.of(), 0.5f,
                "L", "P", "B", "A", now, now.plusSeconds(60)), "a"), "no watchlists");
        assertTrue(service.all().isEmpty());
    }

    @Test
    void theCommandCreatesWithDefaultsListsAndDemandsAnAuthorisationForANewThreshold() throws Exception {
        DeploymentCommand command = new DeploymentCommand(service);
        Run created = run(command, "create", "west-end", "--cameras", "cam-1,cam-2", "--watchlists", "wanted",
                "--location", "Oxford Street", "--purpose", "wanted offenders", "--legal-basis", "common law",
                "--authorisation", "AUTH-1");
        assertEquals(0, created.exit, created.text);
        Deployment d = service.named("west-end").orElseThrow();
        assertEquals(0.44f, d.threshold(), "default threshold");
        assertEquals(Duration.ofHours(8), Duration.between(d.plannedStart(), d.plannedEnd()), "default length");

        assertEquals(2, run(command, "create", "x", "--cameras", "c", "--end", "2027-01-01T00:00:00Z", "--hours", "2").exit);
        assertEquals(3, run(command, "create", "y", "--cameras", "c").exit, "required fields missing");
        assertEquals(0, run(command, "start", "west-end").exit);
        Run list = run(command, "list");
        assertTrue(list.text.contains("west-end") && list.text.contains("active") && list.text.contains("cam-1,cam-2"),
                list.text);
        Run noAuth = run(command, "set-threshold", "west-end", "0.6");
        assertEquals(2, noAuth.exit);
        assertTrue(noAuth.text.contains("new authorisation"), noAuth.text);
        Run changed = run(command, "set-threshold", "west-end", "0.6", "--authorisation", "AUTH-2");
        assertEquals(0, changed.exit, changed.text);
        assertTrue(changed.text.contains("0.44 -> 0.60"), changed.text);
        assertEquals(0, run(command, "stop", "west-end").exit);
        assertEquals(3, run(command, "stop", "west-end").exit, "stopped already");
        // recorded under the account that ran bin/vigil, not a fixed "administrator"
        assertTrue(audit.last(100, Optional.empty()).stream().filter(e -> e.action().startsWith("deployment."))
                .allMatch(e -> e.actor().equals("root")), audit.last(100, Optional.empty()).toString());
    }

    private record Run(int exit, String text) {
    }

    private static Run run(DeploymentCommand command, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = command.execute(new io.vigil.api.admin.AdminCaller("root"), List.of(args), new ByteArrayInputStream(new byte[0]), out, out);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void activeForIsCheap() throws Exception {
        service.create(plan("west-end", clock.instant(), Duration.ofHours(8), "cam-1"), "alice");
        service.start("west-end", "alice");
        Instant now = clock.instant();
        long t0 = System.nanoTime();
        int hits = 0;
        for (int i = 0; i < 1_000_000; i++) {
            hits += service.activeFor((i & 1) == 0 ? "cam-1" : "cam-9", now).size();
        }
        long perCallNanos = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(500_000, hits);
        assertFalse(perCallNanos > 2_000, "activeFor took " + perCallNanos + " ns a call");
    }
}
