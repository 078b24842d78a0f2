package io.vigil.compliance.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.inventory.InventorySnapshot;
import io.vigil.compliance.internal.filing.FilingForm;
import io.vigil.compliance.internal.filing.FilingPack;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.RecordingLogger;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component's report takes its date from the clock it is given, not from the wall clock. */
class LedgerServiceReportTest {

    private static final Instant NOW = Instant.parse("2026-03-02T04:05:06Z");

    @TempDir
    Path data;

    /** The shipped defaults, as Config Admin gives them without a file. */
    static LedgerService.Config defaults() {
        return new LedgerService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LedgerService.Config.class;
            }

            @Override
            public String database_path() {
                return "";
            }

            @Override
            public String[] profiles() {
                return new String[] {"CN", "UK"};
            }

            @Override
            public String default_profile() {
                return "CN";
            }

            @Override
            public long cn_threshold() {
                return 100_000;
            }

            @Override
            public String cn_warnings() {
                return "80,95";
            }

            @Override
            public int cn_deadline_working_days() {
                return 30;
            }

            @Override
            public int cn_deadline_reminder_working_days() {
                return 5;
            }

            @Override
            public String[] warnings_channels() {
                return new String[] {"log"};
            }

            @Override
            public String cn_count_bands() {
                return "100000,1000000,10000000";
            }

            @Override
            public String calendar_file() {
                return "";
            }

            @Override
            public String zone() {
                return "Asia/Shanghai";
            }

            @Override
            public String organisation() {
                return "Test operator";
            }

            @Override
            public String signing_pkcs12() {
                return "";
            }

            @Override
            public String signing_pkcs12_password_alias() {
                return "compliance.filing.pkcs12.password";
            }

            @Override
            public String pdf_font() {
                return "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
            }
        };
    }

    @Test
    void theFilingPackIsDatedByTheComponentsClock() throws Exception {
        LedgerService ledger = new LedgerService(data, defaults(), new RecordingLogger().logger(), new MemorySecretStore(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        try {
            ledger.setInventory(() -> new InventorySnapshot(NOW, List.of(), "sha256 of the reference", "watchlists.db"));
            Path folder = data.resolve("pack");
            FilingPack.Written written = ledger.report(ledger.profile("CN"), Optional.empty(), folder, new FilingForm[1]);
            assertTrue(written.files().contains("filing.json"), written.files().toString());
            JsonNode filing = new ObjectMapper().readTree(Files.readString(folder.resolve("filing.json")));
            assertEquals(NOW.toString(), filing.get("generated").asText());
            // the ledger's day is the clock's day in the configured zone (12:05 in Shanghai)
            assertTrue(Files.readString(folder.resolve("history.csv")).contains("2026-03-02,0,0,0,0,0"),
                    Files.readString(folder.resolve("history.csv")));
        } finally {
            ledger.deactivate();
        }
    }
}
