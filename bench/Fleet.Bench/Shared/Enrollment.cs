using System.Diagnostics;
using Fleet.Agent.V1;
using Grpc.Core;

namespace Fleet.Bench.Shared;

/// <summary>
/// Real enrollment of simulated agents: operator key → account (with the benchmark policy) → invites → Enroll over
/// gRPC, each agent with its own machine id and its own token.
/// </summary>
public static class Enrollment
{
    public sealed record Enrolled(IReadOnlyList<FleetApi.Account> Accounts, List<SimAgent> Agents, TimeSpan Took, long Failed)
    {
        public FleetApi.Account Account => Accounts[0];
    }

    /// <summary>Agent <c>i</c> joins account <c>i % accounts</c> (several accounts keep each account's invite index small; see docs/benchmarks.md).</summary>
    public static async Task<Enrolled> EnrollAsync(
        FleetApi api, string operatorKey, AgentChannels channels, int count, double failingShare, int parallelism, LoadCounters counters, int accounts = 1)
    {
        var watch = Stopwatch.StartNew();
        var created = new List<FleetApi.Account>();
        var codes = new string[count];
        for (var a = 0; a < accounts; a++)
        {
            var account = await api.CreateAccountAsync(operatorKey, $"bench {a} " + DateTimeOffset.UtcNow.ToString("u"));
            await api.PutPolicyAsync(account.ApiKey, FleetApi.Policy);
            var members = Enumerable.Range(0, count).Where(i => i % accounts == a).ToList();
            var issued = await api.InviteAsync(account.ApiKey, members.Select(i => $"person{i:D6}@bench.example.com").ToList());
            for (var k = 0; k < members.Count; k++)
                codes[members[k]] = issued[k];
            created.Add(account);
        }
        Console.WriteLine($"enroll: {accounts} account(s), {count:N0} invites in {watch.Elapsed.TotalSeconds:0.0} s");

        var agents = new SimAgent?[count];
        long done = 0, failed = 0;
        using var progress = Progress.Every(TimeSpan.FromSeconds(5), () => $"enroll: {Interlocked.Read(ref done):N0}/{count:N0} ({failed} failed), {watch.Elapsed.TotalSeconds:0} s");
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, cancellationToken) =>
        {
            var facts = FactsOf(i, failingShare);
            var client = channels.For(i);
            try
            {
                var answer = await client.EnrollAsync(new EnrollRequest { InviteCode = codes[i], Facts = facts }, deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: cancellationToken);
                agents[i] = new SimAgent(i, answer.DeviceId, answer.AgentToken, facts, client, counters);
            }
            catch (RpcException e)
            {
                Interlocked.Increment(ref failed);
                counters.Error("enroll " + e.StatusCode);
            }
            Interlocked.Increment(ref done);
        });
        Console.WriteLine($"enroll: {count - failed:N0} agents enrolled in {watch.Elapsed.TotalSeconds:0.0} s ({(count - failed) / watch.Elapsed.TotalSeconds:0} /s), {failed} failed");
        return new Enrolled(created, agents.OfType<SimAgent>().ToList(), watch.Elapsed, failed);
    }

    /// <summary>Agents for the echo server: same facts and client code, no enrollment (the echo server checks no token).</summary>
    public static List<SimAgent> Unenrolled(AgentChannels channels, int count, double failingShare, LoadCounters counters) =>
        Enumerable.Range(0, count).Select(i => new SimAgent(i, $"echo-{i}", "echo", FactsOf(i, failingShare), channels.For(i), counters)).ToList();

    public static bool IsFailing(int index, double failingShare) => new Random(index + 1_000_003).NextDouble() < failingShare;

    private static DeviceFacts FactsOf(int index, double failingShare) =>
        SimFacts.For(index, IsFailing(index, failingShare), new Guid((uint)index, 0xbe, 0xc4, 1, 2, 3, 4, 5, 6, 7, 8).ToString("N"));
}
