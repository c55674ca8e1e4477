using Fleet.Contracts.Health;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Health;

public sealed class StorageProbeGrain(
    [PersistentState("storageProbe", FleetSiloExtensions.GrainStorage)] IPersistentState<StorageProbeState> state,
    TimeProvider time) : Grain, IStorageProbeGrain
{
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMinutes(1);

    public async Task<DateTimeOffset> Check()
    {
        var now = time.GetUtcNow();
        if (state.RecordExists && now - state.State.LastTouched < WriteEvery)
        {
            await state.ReadStateAsync(); // storage answers, without a write per probe
            return state.State.LastTouched;
        }
        state.State.LastTouched = now;
        await state.WriteStateAsync();
        return now;
    }
}
