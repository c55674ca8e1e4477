namespace Fleet.Grains.Accounts;

/// <summary>Persisted state of one account. Holds no per-device data: that would grow with the fleet.</summary>
public sealed class AccountState
{
    public string? Name { get; set; }
    public DateTimeOffset CreatedOn { get; set; }
}
