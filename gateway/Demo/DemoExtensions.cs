namespace Fleet.Gateway.Demo;

public static class DemoExtensions
{
    public const string Flag = "--demo";

    /// <summary>
    /// The arguments without <c>--demo</c>: .NET's command-line configuration would otherwise read the next
    /// argument as its value (<c>--demo --Fleet:X=1</c> would swallow the setting).
    /// </summary>
    public static string[] WithoutDemoFlag(string[] args) =>
        args.Where(a => !string.Equals(a, Flag, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>Demo mode with <c>--demo</c> (or <c>Fleet:Demo:Enabled=true</c>); without it nothing is simulated.</summary>
    public static WebApplicationBuilder AddFleetDemo(this WebApplicationBuilder builder, string[] args)
    {
        var options = builder.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        options.Enabled |= args.Any(a => string.Equals(a, Flag, StringComparison.OrdinalIgnoreCase));
        if (!options.Enabled)
            return builder;
        if (options.Agents is < 1 or > 10_000)
            throw new InvalidOperationException($"Fleet:Demo:Agents must be between 1 and 10000; got {options.Agents}.");
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<DemoService>();
        return builder;
    }
}
