namespace Fleet.Contracts.Persons;

/// <summary>
/// A person of an account: e-mail, name and the few devices they own. Keyed by <see cref="PersonIds.For"/>.
/// Bounded state: a person has a handful of devices, not a fleet.
/// </summary>
public interface IPersonGrain : IGrainWithStringKey
{
    /// <summary>Creates the person if needed, links the device; registers the person with the account. Idempotent.</summary>
    Task<PersonInfo> LinkDevice(string accountId, string email, string? name, string deviceId);

    /// <summary>Creates the person if needed (e.g. from an invite), without a device. Idempotent.</summary>
    Task<PersonInfo> Ensure(string accountId, string email, string? name);

    /// <summary>The person, or null when this id was never created.</summary>
    [ReadOnly]
    Task<PersonInfo?> Get();
}
