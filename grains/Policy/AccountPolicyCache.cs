using System.Collections.Concurrent;
using Fleet.Compliance.Policy;
using Fleet.Contracts.Policy;
using CompliancePolicy = Fleet.Compliance.Policy.Policy;

namespace Fleet.Grains.Policy;

/// <summary>
/// Per-silo cache of each account's parsed policy, so the device grains of one silo share one immutable
/// <see cref="CompliancePolicy"/> instead of each fetching and parsing it (a policy change re-evaluates
/// every device). Entries only move forward in version; no entry is ever stale for a version asked for.
/// </summary>
public sealed class AccountPolicyCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, CachedPolicy> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedPolicy>>> _loading = new(StringComparer.Ordinal);

    /// <summary>The account's policy at <paramref name="minVersion"/> or newer.</summary>
    public async Task<CachedPolicy> GetAsync(string accountId, long minVersion)
    {
        if (_policies.TryGetValue(accountId, out var cached) && cached.Version >= minVersion) return cached;
        var loading = _loading.GetOrAdd(accountId, id => new Lazy<Task<CachedPolicy>>(() => LoadAsync(id)));
        try
        {
            var loaded = await loading.Value;
            if (loaded.Version >= minVersion) return loaded;
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<CachedPolicy>>>(accountId, loading));
        }
        // A load that started before the new version was stored: load once more, now it is there.
        return await LoadAsync(accountId);
    }

    private async Task<CachedPolicy> LoadAsync(string accountId)
    {
        var document = await grains.GetGrain<IAccountPolicyGrain>(accountId).GetPolicy();
        var parsed = PolicyParser.Parse(document.CanonicalJson);
        if (parsed.Policy is null)
            throw new InvalidOperationException($"The stored policy version {document.Version} of account {accountId} no longer parses: {string.Join("; ", parsed.Errors)}");
        var entry = new CachedPolicy(document.Version, parsed.Policy);
        _policies.AddOrUpdate(accountId, entry, (_, existing) => existing.Version >= entry.Version ? existing : entry);
        return _policies[accountId];
    }
}

public sealed record CachedPolicy(long Version, CompliancePolicy Policy);
