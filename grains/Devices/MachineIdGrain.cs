using Fleet.Contracts.Devices;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Devices;

public sealed class MachineIdGrain(
    [PersistentState("machineId", FleetSiloExtensions.GrainStorage)] IPersistentState<MachineIdState> state) : Grain, IMachineIdGrain
{
    public async Task<string> GetOrAssignDeviceId()
    {
        if (state.State.DeviceId is { } existing) return existing;
        state.State.DeviceId = DeviceIds.New();
        await state.WriteStateAsync();
        return state.State.DeviceId;
    }

    public async Task<string> GetOrAdopt(string deviceId)
    {
        if (state.State.DeviceId is { } existing) return existing;
        if (!DeviceIds.IsWellFormed(deviceId)) throw new ArgumentException($"'{deviceId}' is not a device id.", nameof(deviceId));
        state.State.DeviceId = deviceId;
        await state.WriteStateAsync();
        return deviceId;
    }

    public Task<string?> GetDeviceId() => Task.FromResult(state.State.DeviceId);
}

[GenerateSerializer, Alias("fleet.MachineIdState")]
public sealed class MachineIdState
{
    [Id(0)]
    public string? DeviceId { get; set; }
}
