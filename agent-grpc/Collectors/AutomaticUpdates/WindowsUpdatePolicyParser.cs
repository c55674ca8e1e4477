using System.Globalization;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.AutomaticUpdates;

/// <summary>
/// Windows: updates install by themselves only when the Windows Update service (wuauserv) is not
/// disabled, updates are not paused (Settings app: PauseUpdatesExpiryTime / PauseQualityUpdatesEndTime
/// in the future), and group policy does not turn them off (AU NoAutoUpdate=1, AUOptions 2/3/7 leave
/// installing to the person; 4 installs on a schedule). No AU policy means Windows Update's default.
/// </summary>
public static class WindowsUpdatePolicyParser
{
    private const long ServiceDisabled = 4;
    private static readonly string[] PauseValues = ["PauseUpdatesExpiryTime", "PauseQualityUpdatesEndTime"];

    public static Fact Parse(WindowsUpdateEvidence evidence, DateTimeOffset now)
    {
        if (evidence.UpdateService is null)
        {
            return Fact.Unknown("the Windows Update service (wuauserv) is not in the registry");
        }
        if (evidence.UpdateService["Start"]?.AsNumber() == ServiceDisabled)
        {
            return Fact.Off("the Windows Update service (wuauserv) is disabled (Start=4)");
        }
        foreach (var name in PauseValues)
        {
            var value = evidence.UxSettings?[name]?.Data;
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until))
            {
                return Fact.Unknown($"{name} \"{value}\" is not a date, so whether updates are paused is unknown");
            }
            if (until > now)
            {
                return Fact.Off($"updates are paused until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({name})");
            }
        }

        var key = evidence.AuPolicy;
        if (key is null)
        {
            return Fact.On("wuauserv enabled, updates not paused, no Windows Update policy: the default installs updates automatically");
        }
        if (key["NoAutoUpdate"]?.AsNumber() == 1)
        {
            return Fact.Off("policy NoAutoUpdate=1");
        }
        return key["AUOptions"]?.AsNumber() switch
        {
            null => Fact.On("wuauserv enabled, updates not paused, policy sets no AUOptions: automatic by default"),
            2 => Fact.Off("policy AUOptions=2: notify before download"),
            3 => Fact.Off("policy AUOptions=3: download, notify before install"),
            4 => Fact.On("policy AUOptions=4: download and install on a schedule"),
            5 => Fact.Unknown("policy AUOptions=5: the local administrator chooses"),
            7 => Fact.Off("policy AUOptions=7: notify before install and restart"),
            var other => Fact.Unknown($"policy AUOptions={other} is not a known setting"),
        };
    }
}
