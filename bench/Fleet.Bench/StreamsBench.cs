using Fleet.Bench.Shared;

namespace Fleet.Bench;

/// <summary>
/// fleet-bench streams: how many idle agent streams one embedded gateway holds, and the memory each costs (RSS after −
/// RSS before, ÷ streams), against a bare Kestrel gRPC echo server holding the same streams from the same client code.
/// </summary>
public static class StreamsBench
{
    public const string Usage = "fleet-bench streams [--streams 10000] [--accounts streams/1000] [--connections 8] [--settle 15] [--enroll-parallelism 16] [--no-docs]";
    private const int Target = 10_000;

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("--streams", Target);
        var connections = options.Int("--connections", 8);
        var settle = TimeSpan.FromSeconds(options.Double("--settle", 15));
        var report = new BenchReport("streams", "Concurrent agent streams", options, "streams");
        Console.WriteLine($"streams: {count:N0} idle streams over {connections} HTTP/2 connections; RSS settled for {settle.TotalSeconds:0} s before each reading");

        var echo = await MeasureEchoAsync(count, connections, settle);
        var accounts = options.Int("--accounts", Math.Max(1, count / 1000));
        var fleet = await MeasureGatewayAsync(count, connections, settle, options.Int("--enroll-parallelism", 16), accounts);

        report.Line($"Target: ≥ {Target:N0} concurrent agent streams on one gateway, memory reported per stream. Idle streams " +
                    $"(Hello answered, then nothing: heartbeats are 60 s apart) over {connections} HTTP/2 connections from one client process; " +
                    $"RSS read from /proc after {settle.TotalSeconds:0} s of settling. The gateway's agents are enrolled for real into {accounts} account(s) " +
                    $"({count / accounts:N0} each: enrollment slows down as an account's invite index grows, see the note below).");
        report.Line();
        report.Table(["server", "streams asked ", "streams held ", "RSS before MB ", "RSS after MB ", "per stream KB ", "errors"],
        [
            Row("bare Kestrel gRPC echo (baseline)", echo),
            Row("fleet-gateway, embedded (silo + SQLite)", fleet),
        ]);
        report.Line($"Memory per stream, gateway ÷ echo: **{fleet.PerStreamKb / echo.PerStreamKb:0.0}×**. " +
                    $"The gateway's 'before' is after enrolling {fleet.Held:N0} devices (their grains are active), so 'after − before' is the streams' own cost " +
                    "(stream state, the device grain's connectivity change and its `$online` history row included).");
        report.Line(fleet.Held >= Target
            ? $"Target **met**: {fleet.Held:N0} streams held."
            : $"Target **{(count < Target ? "not tried at full size" : "missed")}**: {fleet.Held:N0} of {Target:N0} streams held.");
        report.Publish();
        return 0;
    }

    private sealed record Measured(int Asked, long Held, double BeforeMb, double AfterMb, string Errors)
    {
        // The first stream is open before "before": the difference is the cost of the other Held − 1.
        public double PerStreamKb => Held <= 1 ? double.NaN : (AfterMb - BeforeMb) * 1024 / (Held - 1);
    }

    private static string[] Row(string name, Measured m) =>
        [name, m.Asked.ToString("N0"), m.Held.ToString("N0"), m.BeforeMb.ToString("0"), m.AfterMb.ToString("0"), m.PerStreamKb.ToString("0.0"), m.Errors];

    private static async Task<Measured> MeasureEchoAsync(int count, int connections, TimeSpan settle)
    {
        await using var echo = await HostProcess.StartEchoAsync();
        var counters = new LoadCounters();
        using var channels = new AgentChannels(echo.AgentAddress, connections);
        var agents = Enrollment.Unenrolled(channels, count, 0.1, counters);
        // One stream first, so both servers have their gRPC and HTTP/2 code loaded before "before".
        await agents[0].ConnectAsync(CancellationToken.None);
        var before = await Machine.SettledRssMbAsync(echo.Pid, settle, TimeSpan.FromSeconds(1));
        await Load.ConnectAllAsync(agents.Skip(1).ToList(), TimeSpan.Zero, 256, counters, CancellationToken.None);
        var after = await Machine.SettledRssMbAsync(echo.Pid, settle, TimeSpan.FromSeconds(1));
        Console.WriteLine($"echo: {counters.Connected:N0} streams, RSS {before:0} → {after:0} MB, errors: {counters.ErrorSummary()}");
        await Load.DisposeAllAsync(agents);
        return new Measured(count, counters.Connected, before, after, counters.ErrorSummary());
    }

    private static async Task<Measured> MeasureGatewayAsync(int count, int connections, TimeSpan settle, int enrollParallelism, int accounts)
    {
        await using var gateway = await HostProcess.StartGatewayAsync();
        var counters = new LoadCounters();
        using var api = new FleetApi(gateway.HttpAddress!);
        using var channels = new AgentChannels(gateway.AgentAddress, connections);
        var enrolled = await Enrollment.EnrollAsync(api, HostProcess.OperatorKey, channels, count, 0.1, enrollParallelism, counters, accounts);
        Console.WriteLine($"gateway: enrolled {enrolled.Agents.Count:N0} in {enrolled.Took.TotalSeconds:0} s");
        var agents = enrolled.Agents;
        await agents[0].ConnectAsync(CancellationToken.None);
        var before = await Machine.SettledRssMbAsync(gateway.Pid, settle, TimeSpan.FromSeconds(1));
        var took = await Load.ConnectAllAsync(agents.Skip(1).ToList(), TimeSpan.Zero, 256, counters, CancellationToken.None);
        Console.WriteLine($"gateway: {counters.Connected:N0} streams connected in {took.TotalSeconds:0.0} s");
        var after = await Machine.SettledRssMbAsync(gateway.Pid, settle, TimeSpan.FromSeconds(1));
        Console.WriteLine($"gateway: {counters.Connected:N0} streams, RSS {before:0} → {after:0} MB, errors: {counters.ErrorSummary()}");
        await Load.DisposeAllAsync(agents);
        return new Measured(count, counters.Connected, before, after, counters.ErrorSummary());
    }
}
