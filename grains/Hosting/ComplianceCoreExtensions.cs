using Fleet.Grains.Accounts;
using Fleet.Grains.Devices;
using Fleet.Grains.History;
using Fleet.Grains.Membership;
using Fleet.Grains.Policy;
using Fleet.Grains.Scim;
using Fleet.Grains.Storage;
using Fleet.Hosting;
using Fleet.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fleet.Grains.Hosting;

public static class ComplianceCoreExtensions
{
    /// <summary>
    /// The services behind devices, persons, membership, policy and history: the database writer, the history and member
    /// stores on Fleet's database (SQLite or PostgreSQL, as <paramref name="storage"/> says), the per-silo policy cache, and
    /// the default change/projection sinks (log only) unless a feature registered its own.
    /// </summary>
    public static IServiceCollection AddFleetComplianceCore(this IServiceCollection services, FleetStorageOptions storage)
    {
        services.AddSingleton(new FleetDatabase(storage));
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IHistoryStore, AdoNetHistoryStore>();
        services.AddSingleton<IMemberStore, AdoNetMemberStore>();
        services.AddSingleton<AccountPolicyCache>();
        services.TryAddSingleton<IDeviceChangeSink, LoggingDeviceChangeSink>();
        services.TryAddSingleton<IDeviceProjectionSink, LoggingDeviceProjectionSink>();
        services.TryAddSingleton<IAccountProjectionSink, LoggingAccountProjectionSink>();
        // Enrolments tell the SCIM directory about new devices; its bounds default unless Fleet:Scim configured them.
        services.TryAddSingleton(new ScimOptions());
        return services;
    }
}
