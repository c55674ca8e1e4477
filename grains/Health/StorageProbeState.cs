namespace Fleet.Grains.Health;

[GenerateSerializer, Alias("fleet.StorageProbeState")]
public sealed class StorageProbeState
{
    [Id(0)]
    public DateTimeOffset LastTouched { get; set; }
}
