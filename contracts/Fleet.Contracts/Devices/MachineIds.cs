using System.Security.Cryptography;
using System.Text;

namespace Fleet.Contracts.Devices;

public static class MachineIds
{
    /// <summary>
    /// <c>{accountId}/m{sha256(machineId)}</c>: the raw machine id (a hardware UUID) is not stored as a key,
    /// and the same machine in two accounts is two devices.
    /// </summary>
    public static string GrainKey(string accountId, string machineId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(machineId);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(machineId.Trim())));
        return $"{accountId}/m{hash}";
    }
}
