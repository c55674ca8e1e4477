using Fleet.Agent.Collectors.Registry;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// Windows: the session locks by itself through any of three mechanisms, and the earliest one counts:
/// the machine inactivity limit (HKLM ...\Policies\System InactivityTimeoutSecs); a secure screen saver
/// (HKCU\Control Panel\Desktop ScreenSaveActive, ScreenSaverIsSecure, ScreenSaveTimeOut; the per-user
/// policy key overrides them); or the power plan turning the display off or sleeping with a password
/// required on wake (<see cref="WindowsPowerLock"/>, Stethoscope's rule).
/// </summary>
public static class WindowsScreenLockParser
{
    public const string DesktopPath = @"HKCU\Control Panel\Desktop";
    public const string DesktopPolicyPath = @"HKCU\Software\Policies\Microsoft\Windows\Control Panel\Desktop";
    public const string SystemPolicyPath = @"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System";

    public static ScreenLockFacts Parse(RegistryKey? desktop, RegistryKey? desktopPolicy, RegistryKey? systemPolicy, WindowsPowerLock? power)
    {
        var inactivity = systemPolicy?["InactivityTimeoutSecs"]?.AsNumber();
        string? Value(string name) => desktopPolicy?[name]?.Data ?? desktop?[name]?.Data;

        var active = Value("ScreenSaveActive") == "1";
        var secure = Value("ScreenSaverIsSecure") == "1";
        var timeout = (desktopPolicy?["ScreenSaveTimeOut"] ?? desktop?["ScreenSaveTimeOut"])?.AsNumber() ?? 0;
        var powerLock = power?.LockSeconds();

        var mechanisms = new List<(long Seconds, string Evidence)>();
        if (inactivity is > 0)
        {
            mechanisms.Add((inactivity.Value, $"machine inactivity limit {inactivity} s"));
        }
        if (active && secure && timeout > 0)
        {
            mechanisms.Add((timeout, $"secure screen saver after {timeout} s"));
        }
        if (powerLock is > 0)
        {
            mechanisms.Add((powerLock.Value, $"display off or sleep after {powerLock} s with a password required on wake"));
        }
        if (mechanisms.Count > 0)
        {
            var first = mechanisms.MinBy(m => m.Seconds);
            var evidence = string.Join("; ", mechanisms.Select(m => m.Evidence));
            return new ScreenLockFacts(Fact.On(evidence), NumericFact.Of(first.Seconds, evidence));
        }
        if ((desktop is null && desktopPolicy is null) || power is null)
        {
            var missing = power is null ? "the active power plan is not readable" : @"HKCU\Control Panel\Desktop is not readable";
            return ScreenLockFacts.Unknown($"no lock found so far, but {missing}");
        }
        var screenSaver = !active ? "screen saver not active" : !secure ? "screen saver does not require sign-in (ScreenSaverIsSecure=0)" : "ScreenSaveTimeOut is 0";
        var why = $"{screenSaver}; no inactivity limit policy; the power plan does not lock on both mains and battery";
        return new ScreenLockFacts(Fact.Off(why), ScreenLockFacts.Never(why));
    }
}
