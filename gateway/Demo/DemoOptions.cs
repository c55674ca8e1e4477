namespace Fleet.Gateway.Demo;

/// <summary>Demo mode (<c>--demo</c>, or section <c>Fleet:Demo</c> with <c>Enabled=true</c>). Off unless asked for.</summary>
public sealed class DemoOptions
{
    public const string Section = "Fleet:Demo";

    public bool Enabled { get; set; }

    /// <summary>Simulated agents started in this process.</summary>
    public int Agents { get; set; } = 50;

    /// <summary>How often one simulated device breaks or fixes a check (so the dashboard is visibly live); zero turns it off.</summary>
    public TimeSpan ChangeEvery { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often each simulated agent sends a heartbeat.</summary>
    public TimeSpan HeartbeatEvery { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed of the generated fleet (people, platforms, facts) and of the changes.</summary>
    public int Seed { get; set; } = 7;
}
