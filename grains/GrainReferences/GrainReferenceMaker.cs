namespace Fleet.Grains.GrainReferences;

/// <summary>
/// Makes references to grains of one interface, as <c>GetGrain&lt;T&gt;(key)</c> does without its cost. Orleans resolves
/// the interface on every <c>GetGrain</c> call, uncached: custom attributes read by reflection, then the type name
/// formatted. With one call per device, each such call site was ~2.7 % of a policy re-evaluation's CPU
/// (docs/benchmarks.md, "Where the fan-out waits"). Here the grain and interface types are taken from the first reference
/// made, and every later one is built from them. Thread-safe; keep one per call site (or per grain activation).
/// </summary>
public sealed class GrainReferenceMaker<T>(IGrainFactory grains) where T : IGrainWithStringKey
{
    private Types? types;

    public T Get(string key)
    {
        if (types is { } known)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            return (T)grains.GetGrain(GrainId.Create(known.Grain, key), known.Interface);
        }
        var first = grains.GetGrain<T>(key);
        var reference = (GrainReference)(object)first;
        types = new Types(reference.GrainId.Type, reference.InterfaceType);
        return first;
    }

    // A class, so that a thread reading it while another writes it sees both types or neither.
    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
