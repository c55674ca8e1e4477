using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>
/// The OS version against the bracket for the device: its distro's bracket when the policy has
/// one (an <c>ubuntu:</c> bracket applies to Ubuntu), else its platform's, else Stethoscope's <c>all</c>, else no check.
/// </summary>
internal static class OsVersionCheck
{
    public static CheckOutcome? Evaluate(Policy.Policy policy, DeviceFacts facts)
    {
        if (policy.OsVersion.Count == 0) return null;
        var bracket = facts.Platform == Platform.Linux && !string.IsNullOrEmpty(facts.Distro)
            ? policy.FindOsVersionBracket(facts.Distro)
            : null;
        bracket ??= policy.FindOsVersionBracket(PlatformKeys.KeyFor(facts.Platform));
        if (facts.Platform != Platform.Unknown) bracket ??= policy.FindOsVersionBracket(PlatformKeys.All);
        if (bracket is null)
        {
            // Not knowing the platform must not read as "no requirement applies".
            return facts.Platform == Platform.Unknown ? CheckOutcome.CouldNotRead("the device's platform is unknown") : null;
        }

        var os = OsLabel(facts);
        if (string.IsNullOrWhiteSpace(facts.OsVersion)) return CheckOutcome.CouldNotRead("the OS version was not reported");
        if (!VersionText.TryParseVersion(facts.OsVersion, out var version))
        {
            return CheckOutcome.CouldNotRead($"OS version '{facts.OsVersion}' is not a version number");
        }
        if (bracket.Ok.Contains(version)) return new(CheckStatus.Pass, $"{os} {facts.OsVersion} is up to date");
        if (bracket.Nudge?.Contains(version) == true)
        {
            return new(CheckStatus.Nudge, $"{os} {facts.OsVersion} is behind ({bracket.Ok.Text} is expected); update soon");
        }
        return new(CheckStatus.Fail, $"{os} {facts.OsVersion} is out of date; the policy requires {bracket.Ok.Text}");
    }

    private static string OsLabel(DeviceFacts facts) =>
        !string.IsNullOrWhiteSpace(facts.OsName) ? facts.OsName : facts.Platform switch
        {
            Platform.Darwin => "macOS",
            Platform.Win32 => "Windows",
            Platform.Linux => facts.Distro ?? "Linux",
            _ => "The OS",
        };
}
