using Fleet.Contracts.Health;
using Fleet.Silo.Hosting;

namespace Fleet.Silo.Health;

public sealed class StorageProbeGrain(
    [PersistentState("storageProbe", FleetSiloExtensions.GrainStorage)] IPersistentState<StorageProbeState> state,
    TimeProvider time) : Grain, IStorageProbeGrain
{
    public async Task<DateTimeOffset> Touch()
    {
        state.State.LastTouched = time.GetUtcNow();
        await state.WriteStateAsync();
        return state.State.LastTouched;
    }
}
