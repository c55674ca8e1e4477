namespace Fleet.Silo.Health;

public sealed class StorageProbeState
{
    public DateTimeOffset LastTouched { get; set; }
}
