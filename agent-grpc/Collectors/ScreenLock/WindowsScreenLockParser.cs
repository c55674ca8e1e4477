using Fleet.Agent.Collectors.Registry;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// Windows: the machine inactivity limit (HKLM ...\Policies\System InactivityTimeoutSecs) locks the
/// session by itself; otherwise a secure screen saver does (HKCU\Control Panel\Desktop ScreenSaveActive,
/// ScreenSaverIsSecure, ScreenSaveTimeOut; the per-user policy key overrides those). Locking on
/// sleep is a power setting and is not counted here.
/// </summary>
public static class WindowsScreenLockParser
{
    public static ScreenLockFacts Parse(string? desktopOutput, string? desktopPolicyOutput, string? systemPolicyOutput)
    {
        var inactivity = systemPolicyOutput is null ? null : RegQueryParser.ParseSingle(systemPolicyOutput)?["InactivityTimeoutSecs"]?.AsNumber();
        var desktop = desktopOutput is null ? null : RegQueryParser.ParseSingle(desktopOutput);
        var policy = desktopPolicyOutput is null ? null : RegQueryParser.ParseSingle(desktopPolicyOutput);
        string? Value(string name) => policy?[name]?.Data ?? desktop?[name]?.Data;

        var active = Value("ScreenSaveActive") == "1";
        var secure = Value("ScreenSaverIsSecure") == "1";
        var timeout = (policy?["ScreenSaveTimeOut"] ?? desktop?["ScreenSaveTimeOut"])?.AsNumber() ?? 0;
        var screenSaverLocks = active && secure && timeout > 0;

        if (inactivity is > 0)
        {
            var seconds = screenSaverLocks ? Math.Min(inactivity.Value, timeout) : inactivity.Value;
            return new ScreenLockFacts(
                Fact.On($"machine inactivity limit locks after {inactivity} s"),
                NumericFact.Of(seconds, screenSaverLocks ? $"inactivity limit {inactivity} s, secure screen saver {timeout} s" : $"inactivity limit {inactivity} s"));
        }
        if (desktop is null && policy is null)
        {
            return ScreenLockFacts.Unknown("HKCU\\Control Panel\\Desktop not readable");
        }
        if (screenSaverLocks)
        {
            return new ScreenLockFacts(Fact.On($"secure screen saver after {timeout} s"), NumericFact.Of(timeout, $"ScreenSaveTimeOut {timeout} s"));
        }
        var why = !active ? "screen saver not active" : !secure ? "screen saver does not require sign-in (ScreenSaverIsSecure=0)" : "ScreenSaveTimeOut is 0";
        return new ScreenLockFacts(Fact.Off(why + "; no inactivity limit policy"), ScreenLockFacts.Never(why));
    }
}
