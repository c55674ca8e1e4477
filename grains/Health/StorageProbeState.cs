namespace Fleet.Grains.Health;

public sealed class StorageProbeState
{
    public DateTimeOffset LastTouched { get; set; }
}
