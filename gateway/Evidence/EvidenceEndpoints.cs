using System.Globalization;
using System.Security.Claims;
using System.Text;
using Fleet.Compliance.Evidence;
using Fleet.Compliance.Policy;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Evidence;
using Fleet.Contracts.Policy;
using Fleet.Gateway.Security;

namespace Fleet.Gateway.Evidence;

/// <summary>
/// <c>GET /api/v1/evidence?from=&amp;to=&amp;format=json|csv|html</c>: audit evidence for [from, to), ISO 8601 times
/// (a time without an offset is UTC). Without <c>to</c> the period ends now; without <c>from</c> it starts
/// <see cref="DefaultPeriodDays"/> days before its end. CSV: one row per device and check, header row, RFC 4180 quoting, CRLF.
/// HTML: the printable report (<see cref="EvidenceHtmlReport"/>). <c>GET /api/v1/evidence/trend?days=</c>: the fleet's
/// % compliant per UTC day over the last <c>days</c> days (today included), overall and per check.
/// </summary>
public static class EvidenceEndpoints
{
    public const int MaxPeriodDays = 366;
    public const int DefaultPeriodDays = 30;
    private const int HostnameParallelism = 64;

    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/evidence", GetAsync).RequireAuthorization(FleetPolicies.Account);
        endpoints.MapGet("/api/v1/evidence/trend", TrendAsync).RequireAuthorization(FleetPolicies.Account);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(
        string? from, string? to, string? format, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        var end = string.IsNullOrWhiteSpace(to) ? time.GetUtcNow() : ParseTime(to, "to", errors);
        var start = string.IsNullOrWhiteSpace(from) ? end?.AddDays(-DefaultPeriodDays) : ParseTime(from, "from", errors);
        format = string.IsNullOrEmpty(format) ? "json" : format.ToLowerInvariant();
        if (format is not ("json" or "csv" or "html")) errors["format"] = [$"format must be json, csv or html; got '{format}'."];
        if (start is { } s && end is { } e)
        {
            if (e <= s) errors["to"] = ["to must be after from."];
            else if (e - s > TimeSpan.FromDays(MaxPeriodDays)) errors["to"] = [$"The period may be at most {MaxPeriodDays} days; ask for several periods."];
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var accountId = user.GetAccountId()!;
        var report = await grains.GetGrain<IEvidenceGrain>(accountId).Compute(start!.Value, end!.Value);
        switch (format)
        {
            case "csv":
                return Results.Text(ToCsv(report), "text/csv; charset=utf-8", Encoding.UTF8);
            case "html":
                var document = await DocumentAsync(grains, accountId, report, time.GetUtcNow());
                http.Response.Headers.ContentSecurityPolicy = EvidenceHtmlReport.ContentSecurityPolicy;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                return Results.Content(EvidenceHtmlReport.Render(document), "text/html; charset=utf-8", Encoding.UTF8);
            default:
                return Results.Ok(report);
        }
    }

    private static async Task<IResult> TrendAsync(string? days, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        var count = DefaultPeriodDays;
        if (!string.IsNullOrWhiteSpace(days) && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxPeriodDays))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"days must be a whole number from 1 to {MaxPeriodDays}; got '{days}'."] });

        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1 - count);
        var report = await grains.GetGrain<IEvidenceGrain>(user.GetAccountId()!).Compute(start, now);
        return Results.Ok(ComplianceTrend.Compute(report));
    }

    private static async Task<EvidenceDocument> DocumentAsync(IGrainFactory grains, string accountId, EvidenceReport report, DateTimeOffset now)
    {
        var account = await grains.GetGrain<IAccountGrain>(accountId).Get();
        var policyGrain = grains.GetGrain<IAccountPolicyGrain>(accountId);
        var versions = await policyGrain.GetPolicyVersions();
        var policy = PolicyParser.Parse((await policyGrain.GetPolicy()).CanonicalJson).Policy;
        var hostnames = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(report.Devices, new ParallelOptions { MaxDegreeOfParallelism = HostnameParallelism }, async (device, _) =>
        {
            var details = await grains.GetGrain<IDeviceGrain>(device.DeviceId).Get();
            if (details is not null && details.AccountId == accountId && !string.IsNullOrEmpty(details.Facts.Hostname))
                hostnames[device.DeviceId] = details.Facts.Hostname;
        });
        return new EvidenceDocument(account?.Name ?? accountId, now, report, versions, policy?.Waivers ?? (IReadOnlyList<Waiver>)[], hostnames);
    }

    private static DateTimeOffset? ParseTime(string text, string name, Dictionary<string, string[]> errors)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            return value;
        errors[name] = [$"'{text}' is not an ISO 8601 date or time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)."];
        return null;
    }

    public static string ToCsv(EvidenceReport report)
    {
        var csv = new StringBuilder();
        Row(csv, "deviceId", "checkId", "percentCompliant", "failures", "fixes", "meanTimeToFixSeconds", "maxTimeToFixSeconds",
            "lastCheckedOn", "devicePercentOnline", "intervals");
        foreach (var device in report.Devices)
        {
            foreach (var check in device.Checks)
            {
                Row(csv, device.DeviceId, check.CheckId, Number(check.PercentCompliant), check.Failures.ToString(CultureInfo.InvariantCulture),
                    check.Fixes.ToString(CultureInfo.InvariantCulture), Number(check.MeanTimeToFixSeconds), Number(check.MaxTimeToFixSeconds),
                    Time(check.LastCheckedOn), Number(device.PercentOnline),
                    string.Join("; ", check.Intervals.Select(i => $"{i.Status}{(i.Waived ? " (waived)" : "")} {Time(i.From)}/{Time(i.To)}")));
            }
        }
        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static void Row(StringBuilder csv, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Quote(fields[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
