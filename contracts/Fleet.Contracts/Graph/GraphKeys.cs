namespace Fleet.Contracts.Graph;

/// <summary>The natural keys of the entities the system itself owns (docs/graph.md).</summary>
public static class GraphKeys
{
    public static string Account(string accountId) => "account:" + accountId;

    public static string Person(string email) => "person:" + email.Trim().ToLowerInvariant();

    public static string Device(string deviceId) => "device:" + deviceId;

    public static string HostAgent(string deviceId) => "agent:" + deviceId;

    /// <summary>
    /// Properties the system owns on agent-backed entities: the graph API never overwrites them
    /// (a request that sets one on a system-owned entity is refused).
    /// </summary>
    public static bool IsSystemOwnedProperty(string name) =>
        name is "compliant" or "status" or "online" or "failing" or "lastReportOn"
        || name.StartsWith("checks.", StringComparison.Ordinal) || name.StartsWith("check.", StringComparison.Ordinal);
}
