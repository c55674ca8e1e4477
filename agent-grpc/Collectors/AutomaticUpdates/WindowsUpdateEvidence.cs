using Fleet.Agent.Collectors.Registry;

namespace Fleet.Agent.Collectors.AutomaticUpdates;

/// <summary>
/// The registry keys that decide whether Windows installs updates by itself (null: the key does not exist).
/// </summary>
/// <param name="AuPolicy">HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU (group policy).</param>
/// <param name="UxSettings">HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings (Settings app: pause).</param>
/// <param name="UpdateService">HKLM\SYSTEM\CurrentControlSet\Services\wuauserv (Start 4 = disabled).</param>
public sealed record WindowsUpdateEvidence(RegistryKey? AuPolicy, RegistryKey? UxSettings, RegistryKey? UpdateService)
{
    public const string AuPolicyPath = @"HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU";
    public const string UxSettingsPath = @"HKLM\SOFTWARE\Microsoft\WindowsUpdate\UX\Settings";
    public const string UpdateServicePath = @"HKLM\SYSTEM\CurrentControlSet\Services\wuauserv";
}
