package io.vigil.launcher;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An integration test that asserts a bound on time or rate (capture to the VMS within 2 s, the demo
 * within 2 minutes, a p95, frames a second): failsafe runs these one at a time, before the others run
 * two at a time (dist/pom.xml), so that a bound measures Vigil and not a neighbouring test's load.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("latency")
@interface LatencyBound {
}
