package io.vigil.compliance.internal.ledger;

import io.vigil.api.camera.Camera;
import io.vigil.api.deployment.Deployment;
import io.vigil.compliance.internal.filing.FilingContent;
import io.vigil.compliance.internal.filing.FilingContent.Row;
import io.vigil.compliance.internal.filing.FilingContent.Section;
import io.vigil.compliance.internal.filing.FilingForm;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The filing pack's content as a value, built from facts gathered beforehand: no service, file
 * or wall clock is read here, so a test builds a report from plain records and a fixed clock.
 * Writing and signing the pack is {@code FilingPack}'s part.
 */
final class FilingReportBuilder {

    /** What the audit trail says about retention: its period and the purges it recorded, per action. */
    record AuditFacts(long retentionDays, Map<String, Purges> purges) {
    }

    /** The purges of one action: how many the trail holds, and when the last was. */
    record Purges(int entries, Optional<String> last) {
    }

    /**
     * Everything a report states.
     *
     * @param warningsReached early-warning percentage to the day it was reached
     * @param storage where facial data is stored, one line each
     * @param audit empty when the audit trail is not running
     * @param alertRetention the alert store's retention as configured, in words
     * @param history the daily counts, oldest first
     */
    record Facts(JurisdictionProfile profile, LedgerCounts counts, Ledger.Assessment assessment,
                 Map<Integer, LocalDate> warningsReached, FilingForm form, List<String> storage, String keyScheme,
                 List<String> security, Optional<AuditFacts> audit, String alertRetention, List<Deployment> deployments,
                 List<Camera> cameras, List<Ledger.Day> history) {
        Facts {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(counts, "counts");
            Objects.requireNonNull(assessment, "assessment");
            Objects.requireNonNull(form, "form");
        }
    }

    private final Clock clock;

    FilingReportBuilder(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    FilingContent build(Facts f) {
        List<Section> sections = new ArrayList<>();
        sections.add(quantity(f));
        FilingForm form = f.form();
        LedgerCounts c = f.counts();
        sections.add(new Section("Processor basics", "个人信息处理者基本情况", List.of(
                row(form, "processor.name"), row(form, "processor.address"), row(form, "processor.registration"),
                row(form, "processor.representative"))));
        sections.add(new Section("Purpose and method", "处理目的和方式", List.of(row(form, "purpose"), row(form, "legal.basis"),
                row(form, "method"), new Row("Purposes recorded on watchlists", "名单记录的目的", String.join("; ", c.purposes())))));
        List<Row> storage = new ArrayList<>();
        for (String s : f.storage()) {
            storage.add(new Row("Storage location", "存储位置", s));
        }
        storage.add(new Row("De-duplication", "去重方法", f.keyScheme()));
        for (String s : f.security()) {
            storage.add(new Row("Security measure", "安全保护措施", s));
        }
        sections.add(new Section("Storage and security measures", "存储位置和安全保护措施", storage));
        sections.add(retention(f));
        sections.add(deployments(f));
        sections.add(new Section("Processing rules, procedures and impact assessment", "处理规则、操作规程和影响评估", List.of(
                row(form, "rules"), row(form, "pia.reference"), row(form, "pia.date"))));
        sections.add(new Section("Contact", "联系方式", List.of(row(form, "contact.name"), row(form, "contact.phone"),
                row(form, "contact.email"))));
        sections.add(new Section("Obligations of the profile", "适用的义务", f.profile().obligations().stream()
                .map(o -> new Row("Obligation", "义务", o)).toList()));
        List<List<String>> history = new ArrayList<>();
        for (Ledger.Day day : f.history()) {
            history.add(List.of(day.day().toString(), Long.toString(day.individuals()), Long.toString(day.templates()),
                    Long.toString(day.images()), Long.toString(day.unknown()), Long.toString(day.peak())));
        }
        return new FilingContent(f.profile().code(), clock.instant(), sections, form.missing(),
                List.of("day", "individuals", "templates", "images", "unknown_individuals", "peak_individuals"), history);
    }

    private static Section quantity(Facts f) {
        LedgerCounts c = f.counts();
        JurisdictionProfile p = f.profile();
        List<Row> q = new ArrayList<>();
        q.add(new Row("Distinct individuals", "不同个人数量", Long.toString(c.individuals())));
        q.add(new Row("of which unknown (dismissed alerts retained)", "其中未知个人（保留的误报）", Long.toString(c.unknownIndividuals())));
        q.add(new Row("Face templates", "人脸特征模板数量", Long.toString(c.templates())));
        q.add(new Row("Face images", "人脸图像数量", Long.toString(c.images())));
        if (p.countTriggered()) {
            q.add(new Row("Filing threshold", "备案门槛", p.threshold() + " individuals / 人"));
            q.add(new Row("Threshold crossed on", "达到备案门槛日期",
                    f.assessment().crossedOn().map(Object::toString).orElse("not crossed / 未达到")));
            for (Obligation o : f.assessment().obligations()) {
                q.add(new Row("Filing (" + o.kind() + ") deadline", "备案截止日期（" + kindZh(o.kind()) + "）", o.deadline()
                        + " (" + o.reason() + "; " + o.filedOn().map(d -> "filed " + d + " " + o.reference()).orElse("open / 未备案") + ")"));
            }
            f.warningsReached().forEach((pc, day) -> q.add(new Row("Early warning " + pc + "% reached",
                    "预警 " + pc + "% 达到日期", day.toString())));
        }
        c.byWatchlist().forEach((k, v) -> q.add(new Row("Watchlist " + k, "名单 " + k, tally(v))));
        c.byPurpose().forEach((k, v) -> q.add(new Row("Purpose " + k, "目的 " + k, tally(v))));
        c.bySite().forEach((k, v) -> q.add(new Row("Site " + k, "场所 " + k, tally(v))));
        return new Section("Quantity of facial information stored", "存储的人脸信息数量", q);
    }

    private static Section retention(Facts f) {
        List<Row> retention = new ArrayList<>();
        if (f.audit().isPresent()) {
            AuditFacts a = f.audit().get();
            retention.add(new Row("Audit trail retention", "审计记录保存期限", a.retentionDays() + " days"));
            a.purges().forEach((action, done) -> retention.add(new Row("Purges done: " + action, "已执行的删除：" + action,
                    done.entries() + " entries" + done.last().map(t -> ", last " + t).orElse(""))));
        } else {
            retention.add(new Row("Audit trail", "审计记录", "not running: purges cannot be listed"));
        }
        retention.add(new Row("Alert retention", "告警保存期限", f.alertRetention()));
        return new Section("Retention and purges", "保存期限和删除记录", retention);
    }

    private static Section deployments(Facts f) {
        List<Row> dep = new ArrayList<>();
        for (Deployment x : f.deployments()) {
            dep.add(new Row("Deployment " + x.name(), "布控 " + x.name(), x.state() + ", " + x.location() + ", purpose " + x.purpose()
                    + ", legal basis " + x.legalBasis() + ", authorisation " + x.authorisation() + ", lists " + x.watchlists()));
        }
        for (Camera cam : f.cameras()) {
            dep.add(new Row("Camera " + cam.name(), "摄像机 " + cam.name(), cam.location() + "; signage / 告示: " + cam.signage()));
        }
        if (dep.isEmpty()) {
            dep.add(new Row("Deployments and cameras", "布控和摄像机", "none recorded"));
        }
        return new Section("Deployments and cameras", "布控和摄像机", dep);
    }

    private static String kindZh(String kind) {
        return switch (kind) {
            case "INITIAL" -> "首次备案";
            case "CHANGE" -> "变更备案";
            default -> "注销备案";
        };
    }

    private static String tally(Tally t) {
        return t.individuals() + " individuals / 人, " + t.templates() + " templates / 模板, " + t.images() + " images / 图像";
    }

    private static Row row(FilingForm form, String key) {
        FilingForm.Field f = FilingForm.REQUIRED.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        String v = form.value(key);
        return new Row(f.english(), f.chinese(), v.isBlank() ? "MISSING / 缺失 (" + key + ")" : v);
    }
}
