using System.Globalization;
using System.Net;
using System.Text;
using Fleet.Compliance.Evidence;

namespace Fleet.Gateway.Evidence;

/// <summary>
/// The printable evidence report (<c>GET /api/v1/evidence?format=html</c>): one self-contained HTML page, no script,
/// for an assessor. Every value from the account (names, hostnames, check ids, justifications) is HTML-encoded; the
/// page is served with <see cref="ContentSecurityPolicy"/>, so even a missed encoding could run nothing.
/// Each number cell carries its exact value in <c>data-value</c>, the same as the JSON export's.
/// </summary>
public static class EvidenceHtmlReport
{
    /// <summary>No script at all, inline styles only, nothing loaded from anywhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
        h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#f1f3f6}td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#5a6270}
        dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
        tr.overall td{font-weight:600;background:#fafbfc;border-top:2px solid #aab}code{font-size:.9em}
        @page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
        """;

    public static string Render(EvidenceDocument document)
    {
        var report = document.Report;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>Compliance evidence · ").Append(E(document.AccountName)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>Compliance evidence · ").Append(E(document.AccountName)).Append("</h1>");
        html.Append("<p class=\"muted\" id=\"period\">Period <time data-value=\"").Append(Iso(report.From)).Append("\">").Append(Time(report.From))
            .Append("</time> to <time data-value=\"").Append(Iso(report.To)).Append("\">").Append(Time(report.To))
            .Append("</time> (UTC, end excluded). Generated ").Append(Time(document.GeneratedOn)).Append(" UTC by Fleet.</p>");

        Summary(html, report);
        Policies(html, document);
        Checks(html, document);
        Waivers(html, document);
        Offline(html, document);
        html.Append("<h2>How the numbers are computed</h2><p class=\"muted\">% time compliant: the time a check had a compliant status ")
            .Append("(PASS, NUDGE, UNSUPPORTED, or a waived FAIL/UNKNOWN) over the time it had any status in the period. ")
            .Append("Time to fix: from a check starting to fail to its next compliant status, for fixes inside the period. ")
            .Append("The same figures are available as JSON and CSV from <code>GET /api/v1/evidence</code>.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, EvidenceReport report)
    {
        var overall = report.Devices.SelectMany(d => d.Checks).Where(c => c.CheckId == HistoryCheckIds.Overall).ToList();
        var observed = overall.SelectMany(c => c.Intervals).Sum(i => (i.To - i.From).TotalSeconds);
        var compliant = overall.SelectMany(c => c.Intervals).Where(i => EvidenceCalculator.IsCompliant(i.Status, i.Waived)).Sum(i => (i.To - i.From).TotalSeconds);
        double? fleetPercent = observed > 0 ? Math.Round(compliant / observed * 100, 3) : null;
        html.Append("<h2>Summary</h2><dl id=\"summary\">")
            .Append("<dt>Devices</dt><dd data-field=\"devices\" data-value=\"").Append(report.Devices.Count).Append("\">").Append(report.Devices.Count).Append("</dd>")
            .Append("<dt>Fleet % time compliant</dt><dd data-field=\"fleetPercentCompliant\" data-value=\"").Append(Number(fleetPercent)).Append("\">").Append(Percent(fleetPercent)).Append("</dd>")
            .Append("<dt>Failures / fixes</dt><dd>").Append(overall.Sum(c => c.Failures)).Append(" / ").Append(overall.Sum(c => c.Fixes)).Append(" (overall status)</dd>")
            .Append("<dt>Devices offline at some time</dt><dd data-field=\"devicesOffline\">").Append(report.Devices.Count(d => d.PercentOnline < 100)).Append("</dd>")
            .Append("</dl>");
    }

    private static void Policies(StringBuilder html, EvidenceDocument document)
    {
        html.Append("<h2>Policy versions in force</h2>");
        var versions = document.VersionsInForce();
        if (versions.Count == 0)
        {
            html.Append("<p>No policy was in force during the period.</p>");
            return;
        }
        html.Append("<table id=\"policy-versions\"><thead><tr><th>Version</th><th>In force from (UTC)</th><th>Until (UTC)</th></tr></thead><tbody>");
        foreach (var (version, until) in versions)
        {
            html.Append("<tr><td class=\"num\">").Append(version.Version).Append("</td><td>").Append(Time(version.StoredOn))
                .Append("</td><td>").Append(until is { } u ? Time(u) : "still in force").Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void Checks(StringBuilder html, EvidenceDocument document)
    {
        html.Append("<h2>Per device and check</h2>");
        if (document.Report.Devices.Count == 0)
        {
            html.Append("<p>No device had a status during the period.</p>");
            return;
        }
        html.Append("<table id=\"checks\"><thead><tr><th>Device</th><th>Check</th><th>% time compliant</th><th>Failures</th><th>Fixes</th>")
            .Append("<th>Mean time to fix</th><th>Longest time to fix</th></tr></thead><tbody>");
        foreach (var device in document.Report.Devices.OrderBy(d => document.Hostnames.GetValueOrDefault(d.DeviceId, d.DeviceId), StringComparer.OrdinalIgnoreCase))
        {
            var first = true;
            foreach (var check in device.Checks)
            {
                var overall = check.CheckId == HistoryCheckIds.Overall;
                html.Append("<tr").Append(overall ? " class=\"overall\"" : "").Append(" data-device=\"").Append(E(device.DeviceId))
                    .Append("\" data-check=\"").Append(E(check.CheckId)).Append("\"><td>").Append(first ? DeviceName(document, device.DeviceId) : "")
                    .Append("</td><td>").Append(overall ? "Overall" : E(check.CheckId)).Append("</td>");
                Cell(html, "percentCompliant", Number(check.PercentCompliant), Percent(check.PercentCompliant));
                Cell(html, "failures", check.Failures.ToString(CultureInfo.InvariantCulture), check.Failures.ToString(CultureInfo.InvariantCulture));
                Cell(html, "fixes", check.Fixes.ToString(CultureInfo.InvariantCulture), check.Fixes.ToString(CultureInfo.InvariantCulture));
                Cell(html, "meanTimeToFixSeconds", Number(check.MeanTimeToFixSeconds), Duration(check.MeanTimeToFixSeconds));
                Cell(html, "maxTimeToFixSeconds", Number(check.MaxTimeToFixSeconds), Duration(check.MaxTimeToFixSeconds));
                html.Append("</tr>");
                first = false;
            }
        }
        html.Append("</tbody></table>");
    }

    private static void Waivers(StringBuilder html, EvidenceDocument document)
    {
        html.Append("<h2>Waivers</h2><p class=\"muted\">In the current policy. A waived failure counts as compliant above until the waiver expires.</p>");
        if (document.Waivers.Count == 0)
        {
            html.Append("<p>None.</p>");
            return;
        }
        html.Append("<table id=\"waivers\"><thead><tr><th>Check</th><th>For</th><th>Reason</th><th>Expires (end of day, UTC)</th><th>At the end of the period</th></tr></thead><tbody>");
        foreach (var waiver in document.Waivers.OrderBy(w => w.Expires).ThenBy(w => w.Check, StringComparer.Ordinal))
        {
            var subject = waiver.Device is { } device ? "device " + DeviceName(document, device) : "person " + E(waiver.Person ?? "");
            html.Append("<tr><td>").Append(E(waiver.Check)).Append("</td><td>").Append(subject).Append("</td><td>").Append(E(waiver.Justification))
                .Append("</td><td>").Append(waiver.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(waiver.IsInEffect(document.Report.To) ? "in effect" : "expired").Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void Offline(StringBuilder html, EvidenceDocument document)
    {
        html.Append("<h2>Devices that were offline</h2>");
        var offline = document.Report.Devices.Where(d => d.PercentOnline < 100).ToList();
        if (offline.Count == 0)
        {
            html.Append("<p>No device was offline during the period (as far as connectivity was recorded).</p>");
            return;
        }
        html.Append("<table id=\"offline\"><thead><tr><th>Device</th><th>% time online</th><th>Last report (UTC)</th></tr></thead><tbody>");
        foreach (var device in offline)
        {
            html.Append("<tr data-device=\"").Append(E(device.DeviceId)).Append("\"><td>").Append(DeviceName(document, device.DeviceId)).Append("</td>");
            Cell(html, "percentOnline", Number(device.PercentOnline), Percent(device.PercentOnline));
            html.Append("<td>").Append(device.LastReportOn is { } at ? Time(at) : "–").Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void Cell(StringBuilder html, string field, string value, string text) =>
        html.Append("<td class=\"num\" data-field=\"").Append(field).Append("\" data-value=\"").Append(value).Append("\">").Append(text).Append("</td>");

    private static string DeviceName(EvidenceDocument document, string deviceId) =>
        document.Hostnames.TryGetValue(deviceId, out var hostname)
            ? $"{E(hostname)} <span class=\"muted\">{E(deviceId)}</span>"
            : E(deviceId);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>Exact to the tick, so the period can be asked of the JSON export again.</summary>
    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"45 s", "12 min", "3 h 20 min", "2 d 4 h".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s) return "–";
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalMinutes < 1 ? $"{span.Seconds} s"
            : span.TotalHours < 1 ? $"{span.Minutes} min"
            : span.TotalDays < 1 ? $"{span.Hours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} d {span.Hours} h";
    }
}
