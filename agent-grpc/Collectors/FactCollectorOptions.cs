namespace Fleet.Agent.Collectors;

/// <summary>Time limits of a scan: each external command, and the whole run.</summary>
public sealed record FactCollectorOptions
{
    /// <summary>One slow tool (a hung gsettings without a session bus, say) must not stall the others.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After this, whatever has not answered is reported Unknown and the scan ends.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(4);
}
