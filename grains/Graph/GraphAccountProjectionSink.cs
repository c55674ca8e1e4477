using Fleet.Contracts.Graph;
using Fleet.Grains.Accounts;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Graph;

/// <summary>Projects the account grain's entity into the graph: Account <c>account:&lt;id&gt;</c> (the HAS edges come with each device).</summary>
public sealed class GraphAccountProjectionSink(IGrainFactory grains) : IAccountProjectionSink
{
    public async ValueTask OnAccountProjectedAsync(AccountProjection projection) =>
        await grains.GetGrain<IGraphWriterGrain>(0).Publish(projection.AccountId, ToGraph(projection));

    public static GraphWriteRequest ToGraph(AccountProjection projection)
    {
        var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
        {
            ["accountId"] = projection.AccountId,
            ["name"] = projection.Name,
            ["scanIntervalSeconds"] = projection.ScanIntervalSeconds,
            ["policyVersion"] = projection.PolicyVersion,
        };
        return new GraphWriteRequest([new GraphEntityInput(GraphKeys.Account(projection.AccountId), "Account", "fleet_account", projection.Name, properties)], [], [], []);
    }
}
