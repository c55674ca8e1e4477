using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>
/// One <c>applications</c> entry against the installed inventory. ALWAYS, SUGGESTED and
/// IF_SUPPORTED want it installed (IF_SUPPORTED behaves as ALWAYS: the platform filter is how a
/// policy says where an application is available); NEVER wants it absent. Names match ignoring case.
/// </summary>
internal static class ApplicationCheck
{
    /// <summary>Null when the entry's platform filter excludes the device (then it is not reported).</summary>
    public static CheckOutcome? Evaluate(ApplicationRequirement application, DeviceFacts facts)
    {
        var suggested = application.Assertion == Requirement.Suggested;
        switch (Applies(application, facts, out var unknownReason))
        {
            case false: return null;
            case null: return CheckOutcome.Unknown(suggested, unknownReason);
        }
        if (facts.Applications is not { } installed)
        {
            return CheckOutcome.Unknown(suggested, facts.ApplicationsUnknownReason ?? "the application inventory was not collected");
        }

        var found = Find(application, installed, out var matchingVersion, out var versionUnreadable);
        var name = application.Name;
        if (application.Assertion == Requirement.Never)
        {
            if (found is null)
            {
                // An incomplete list cannot show an absence: the failed source may hold the application.
                return facts.ApplicationsUnknownReason is { } incomplete
                    ? CheckOutcome.CouldNotRead($"{name} is not in the application list, but {incomplete}")
                    : new(CheckStatus.Pass, $"{name} is not installed");
            }
            if (application.Version is null) return new(CheckStatus.Fail, $"{name} is installed, and the policy does not allow it");
            if (matchingVersion is not null)
            {
                return new(CheckStatus.Fail, $"{name} {matchingVersion} is installed, and the policy does not allow {application.Version.Text}");
            }
            if (versionUnreadable) return CheckOutcome.CouldNotRead($"the installed version of {name} is unknown");
            return new(CheckStatus.Pass, $"{name} {found.Version} is installed, outside the disallowed {application.Version.Text}");
        }

        var violation = suggested ? CheckStatus.Nudge : CheckStatus.Fail;
        if (found is null)
        {
            return facts.ApplicationsUnknownReason is { } incomplete
                ? CheckOutcome.Unknown(suggested, $"{name} is not in the application list, but {incomplete}")
                : new(violation, $"{name} is not installed");
        }
        if (application.Version is null) return new(CheckStatus.Pass, $"{name} is installed");
        if (matchingVersion is not null) return new(CheckStatus.Pass, $"{name} {matchingVersion} is installed");
        if (versionUnreadable) return CheckOutcome.Unknown(suggested, $"the installed version of {name} is unknown");
        return new(violation, $"{name} {found.Version} is installed; the policy requires {application.Version.Text}");
    }

    /// <summary>True/false when the platform filter includes/excludes the device, null when that cannot be told.</summary>
    private static bool? Applies(ApplicationRequirement application, DeviceFacts facts, out string? unknownReason)
    {
        unknownReason = null;
        if (application.Platforms.Count == 0) return true;
        if (facts.Platform == Platform.Unknown)
        {
            unknownReason = "the device's platform is unknown, so it is not known whether this application applies";
            return null;
        }
        PlatformFilter? filter = null;
        if (facts.Platform == Platform.Linux && !string.IsNullOrEmpty(facts.Distro)) filter = FindFilter(application, facts.Distro);
        filter ??= FindFilter(application, PlatformKeys.KeyFor(facts.Platform)!);
        filter ??= FindFilter(application, PlatformKeys.All);
        if (filter is null) return false;
        if (filter.OsVersion is null) return true;
        if (!VersionText.TryParseVersion(facts.OsVersion, out var version))
        {
            unknownReason = "the OS version could not be read, so it is not known whether this application applies";
            return null;
        }
        return filter.OsVersion.Contains(version);
    }

    private static PlatformFilter? FindFilter(ApplicationRequirement application, string key)
    {
        foreach (var filter in application.Platforms)
        {
            if (string.Equals(filter.Platform, key, StringComparison.OrdinalIgnoreCase)) return filter;
        }
        return null;
    }

    /// <summary>
    /// The first installed copy with this name; also the first version inside the entry's range,
    /// and whether some copy's version could not be read.
    /// </summary>
    private static InstalledApplication? Find(
        ApplicationRequirement application, IReadOnlyList<InstalledApplication> installed,
        out string? matchingVersion, out bool versionUnreadable)
    {
        InstalledApplication? first = null;
        matchingVersion = null;
        versionUnreadable = false;
        // A plain loop: this runs for every entry of every device after a policy change.
        for (var i = 0; i < installed.Count; i++)
        {
            var candidate = installed[i];
            if (!string.Equals(candidate.Name.Trim(), application.Name, StringComparison.OrdinalIgnoreCase)) continue;
            first ??= candidate;
            if (application.Version is null) return first;
            if (!VersionText.TryParseVersion(candidate.Version, out var version))
            {
                versionUnreadable = true;
                continue;
            }
            if (matchingVersion is null && application.Version.Contains(version)) matchingVersion = candidate.Version;
        }
        return first;
    }
}
