namespace Fleet.Contracts.Devices;

/// <summary>
/// Maps one machine of one person in one account to its device id, so a reinstall on the same laptop keeps
/// the device, its history and its evidence. Keyed by <see cref="MachineIds.GrainKey"/>.
/// </summary>
public interface IMachineIdGrain : IGrainWithStringKey
{
    /// <summary>The device id of this machine; the first call assigns a new one and stores it.</summary>
    Task<string> GetOrAssignDeviceId();

    /// <summary>The device id of this machine; the first call stores <paramref name="deviceId"/> (an existing device adopted).</summary>
    Task<string> GetOrAdopt(string deviceId);

    /// <summary>The device id of this machine, or null when it never enrolled.</summary>
    [ReadOnly]
    Task<string?> GetDeviceId();
}
