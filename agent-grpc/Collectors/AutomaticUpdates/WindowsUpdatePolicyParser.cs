using Fleet.Agent.Collectors.Registry;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.AutomaticUpdates;

/// <summary>
/// Windows: HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU. No policy means Windows
/// Update's default — download and install automatically. NoAutoUpdate=1 turns it off; AUOptions
/// 2 (notify) and 3 (download, notify to install) leave installing to the person; 4 installs on a schedule.
/// </summary>
public static class WindowsUpdatePolicyParser
{
    /// <param name="policyOutput">`reg query` output of the AU key, or null when the key does not exist.</param>
    public static Fact Parse(string? policyOutput)
    {
        if (policyOutput is null)
        {
            return Fact.On("no Windows Update policy: the default installs updates automatically");
        }
        var key = RegQueryParser.ParseSingle(policyOutput);
        if (key?["NoAutoUpdate"]?.AsNumber() == 1)
        {
            return Fact.Off("policy NoAutoUpdate=1");
        }
        return key?["AUOptions"]?.AsNumber() switch
        {
            null => Fact.On("Windows Update policy sets no AUOptions: automatic by default"),
            2 => Fact.Off("policy AUOptions=2: notify before download"),
            3 => Fact.Off("policy AUOptions=3: download, notify before install"),
            4 => Fact.On("policy AUOptions=4: download and install on a schedule"),
            5 => Fact.Unknown("policy AUOptions=5: the local administrator chooses"),
            7 => Fact.Off("policy AUOptions=7: notify before install and restart"),
            var other => Fact.Unknown($"policy AUOptions={other} is not a known setting"),
        };
    }
}
