using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Remediation;
using Fleet.Contracts.Devices;
using CompliancePolicy = Fleet.Compliance.Policy.Policy;

namespace Fleet.Gateway.Devices;

/// <summary>The REST shapes of devices: wire spellings (PASS, darwin, on/off/unknown), camelCase.</summary>
public static class DeviceJson
{
    public static string Platform(Platform platform) => platform switch
    {
        Compliance.Facts.Platform.Darwin => "darwin",
        Compliance.Facts.Platform.Win32 => "win32",
        Compliance.Facts.Platform.Linux => "linux",
        _ => "unknown",
    };

    public static bool TryParsePlatform(string text, out Platform platform)
    {
        switch (text.ToLowerInvariant())
        {
            case "darwin": platform = Compliance.Facts.Platform.Darwin; return true;
            case "win32": platform = Compliance.Facts.Platform.Win32; return true;
            case "linux": platform = Compliance.Facts.Platform.Linux; return true;
            default: platform = default; return false;
        }
    }

    public static object Summary(DeviceDetails device) => new
    {
        id = device.Id,
        hostname = device.Facts.Hostname,
        platform = Platform(device.Facts.Platform),
        osName = device.Facts.OsName,
        osVersion = device.Facts.OsVersion,
        person = device.PersonEmail,
        personId = device.PersonId,
        status = device.Status?.ToWire(),
        compliant = device.Compliant,
        online = device.Online,
        lastSeenOn = device.LastSeenOn,
        lastReportOn = device.LastReportOn,
        agentVersion = device.AgentVersion,
        // The dashboard's devices table and failures-per-check chart need these from the one list request.
        failing = device.Checks.Where(c => c.Status == CheckStatus.Fail && c.Waiver is null).Select(c => c.CheckId),
    };

    public static object Details(DeviceDetails device, CompliancePolicy policy, IReadOnlyList<DeviceHistoryEntry> history) => new
    {
        device = Summary(device),
        enrolledOn = device.EnrolledOn,
        statusChangedOn = device.StatusChangedOn,
        policyVersion = device.PolicyVersion,
        facts = Facts(device.Facts),
        results = device.Checks.Select(check => new
        {
            checkId = check.CheckId,
            status = check.Status.ToWire(),
            detail = check.Detail,
            waiver = check.Waiver is { } w ? new { justification = w.Justification, expires = w.Expires, device = w.Device, person = w.Person } : null,
            remediation = RemediationFor(check.CheckId, device.Facts.Platform, policy) is { } r
                ? new { title = r.Title, why = r.Why, directionsMarkdown = r.DirectionsMarkdown, deepLink = r.DeepLink }
                : null,
        }),
        history = history.Select(h => new { checkId = h.CheckId, at = h.At, oldStatus = h.OldStatus, newStatus = h.NewStatus, waived = h.Waived, detail = h.Detail }),
    };

    private static Remediation? RemediationFor(string checkId, Platform platform, CompliancePolicy policy)
    {
        if (!Compliance.Policy.CheckIds.IsApplication(checkId)) return RemediationCatalog.For(checkId, platform);
        var application = policy.Applications.FirstOrDefault(a => a.CheckId == checkId);
        return application is null ? null : RemediationCatalog.ForApplication(application);
    }

    private static object Facts(DeviceFacts facts) => new
    {
        platform = Platform(facts.Platform),
        distro = facts.Distro,
        osName = facts.OsName,
        osVersion = facts.OsVersion,
        osBuild = facts.OsBuild,
        hostname = facts.Hostname,
        model = facts.Model,
        serial = facts.Serial,
        agentVersion = facts.AgentVersion,
        diskEncryption = Fact(facts.DiskEncryption),
        firewall = Fact(facts.Firewall),
        screenLock = Fact(facts.ScreenLock),
        screenIdleSeconds = new { state = State(facts.ScreenIdleSeconds.State), value = facts.ScreenIdleSeconds.Value, reason = facts.ScreenIdleSeconds.Reason },
        remoteLogin = Fact(facts.RemoteLogin),
        automaticUpdates = Fact(facts.AutomaticUpdates),
        openWifiConnections = Fact(facts.OpenWifiConnections),
        applications = facts.Applications?.Select(a => new { name = a.Name, version = a.Version }),
        applicationsUnknownReason = facts.ApplicationsUnknownReason,
    };

    private static object Fact(Fact fact) => new { state = State(fact.State), reason = fact.Reason };

    private static string State(FactState state) => state switch
    {
        FactState.On => "on",
        FactState.Off => "off",
        FactState.Unsupported => "unsupported",
        _ => "unknown",
    };
}
