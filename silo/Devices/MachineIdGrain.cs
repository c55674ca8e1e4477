using Fleet.Contracts.Devices;
using Fleet.Silo.Hosting;

namespace Fleet.Silo.Devices;

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

    public Task<string?> GetDeviceId() => Task.FromResult(state.State.DeviceId);
}

public sealed class MachineIdState
{
    public string? DeviceId { get; set; }
}
