using System.Security.Cryptography;
using System.Text;

namespace Fleet.Contracts.Devices;

public static class MachineIds
{
    /// <summary>
    /// <c>{accountId}/{personId}/m{sha256(machineId)}</c>: a device is one machine of one person in one account
    /// (docs/security.md, Device identity). The machine id is world-readable on the machine, so it cannot identify a
    /// device alone: another person presenting it gets a device of their own, never this one. The raw machine id
    /// (a hardware UUID) is not stored as a key.
    /// </summary>
    public static string GrainKey(string accountId, string personId, string machineId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(personId);
        ArgumentException.ThrowIfNullOrEmpty(machineId);
        return $"{accountId}/{personId}/m{Hash(machineId)}";
    }

    /// <summary>
    /// The account-wide key devices were enrolled under before keys named the person: read only, so that the same
    /// person reinstalling keeps a device enrolled before (<c>InviteGrain</c> adopts it after checking its person).
    /// </summary>
    public static string AccountWideGrainKey(string accountId, string machineId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(machineId);
        return $"{accountId}/m{Hash(machineId)}";
    }

    private static string Hash(string machineId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(machineId.Trim())));
}
