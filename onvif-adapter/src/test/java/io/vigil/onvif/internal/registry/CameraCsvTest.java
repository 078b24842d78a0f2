package io.vigil.onvif.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CameraCsvTest {

    @Test
    void goodRowsBecomeCamerasAndBadRowsAreReportedByLine() {
        String csv = String.join("\n",
                "address,user,password.alias,vms.camera.id,name,location,signage",
                "http://10.1.2.3/onvif/device_service,vigil,camera.lobby,VMS-0017,Lobby,\"Main hall, east\",posted",
                "not a url,vigil,camera.x,VMS-0018,Broken,,unknown",
                "http://10.1.2.4/onvif/device_service,vigil,,VMS-0019,No alias,,unknown",
                "http://10.1.2.5/onvif/device_service,,,VMS-0020,Gate,,maybe",
                "http://10.1.2.6/onvif/device_service,,,VMS-0017,Duplicate id,,unknown",
                "http://10.1.2.7/onvif/device_service,,,,\"Car park \"\"B\"\"\",,not_posted",
                "http://10.1.2.8/onvif/device_service,too,few",
                "");
        CameraCsv.Result result = CameraCsv.parse(csv);

        assertEquals(2, result.rows().size(), result.toString());
        CameraCsv.Row lobby = result.rows().get(0);
        assertEquals(2, lobby.line());
        assertEquals("vms-0017", lobby.properties().get("camera.id"));
        assertEquals("Main hall, east", lobby.properties().get("location"));
        assertEquals("car-park-b", result.rows().get(1).properties().get("camera.id"));
        assertEquals("Car park \"B\"", result.rows().get(1).properties().get("name"));

        List<Integer> badLines = result.problems().stream().map(CameraCsv.Problem::line).toList();
        assertEquals(List.of(3, 4, 5, 6, 8), badLines, result.problems().toString());
        assertTrue(result.problems().get(0).reason().contains("address 'not a url'"), result.problems().toString());
        assertTrue(result.problems().get(1).reason().contains("no password.alias"));
        assertTrue(result.problems().get(2).reason().contains("signage"));
        assertTrue(result.problems().get(3).reason().contains("appears twice"));
        assertTrue(result.problems().get(4).reason().contains("fields"));
    }

    @Test
    void aHeaderWithUnknownOrMissingColumnsIsRefusedWhole() {
        CameraCsv.Result result = CameraCsv.parse("adress,name\nhttp://h/onvif,x\n");
        assertTrue(result.rows().isEmpty());
        assertTrue(result.problems().stream().anyMatch(p -> p.reason().contains("unknown column 'adress'")));
        assertTrue(result.problems().stream().anyMatch(p -> p.reason().contains("missing column 'address'")));
        assertEquals(1, CameraCsv.parse("").problems().size());
    }

    @Test
    void credentialsInTheAddressAndAnUnclosedQuoteAreRefused() {
        CameraCsv.Result withPassword = CameraCsv.parse("address,name\nhttp://admin:pw@10.0.0.1/onvif,x\n");
        assertTrue(withPassword.problems().get(0).reason().contains("must not hold credentials"));
        CameraCsv.Result unclosed = CameraCsv.parse("address,name\n\"http://h/onvif,x\n");
        assertTrue(unclosed.problems().stream().anyMatch(p -> p.reason().contains("not closed")), unclosed.toString());
        CameraCsv.Result goodBefore = CameraCsv.parse("\uFEFFaddress,name\r\nhttp://10.0.0.2/onvif,\"Two\r\nlines\"\r\n"
                + "http://10.0.0.3/onvif,Three\r\n\"http://h/onvif,x\r\n");
        assertEquals(List.of(2, 4), goodBefore.rows().stream().map(CameraCsv.Row::line).toList(),
                "a byte order mark is not a column; rows keep the line they start on; rows before an open quote stay");
        assertEquals(List.of(5), goodBefore.problems().stream().map(CameraCsv.Problem::line).toList(), goodBefore.toString());
    }
}
