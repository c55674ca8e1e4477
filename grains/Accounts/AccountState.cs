namespace Fleet.Grains.Accounts;

/// <summary>Persisted state of one account. Holds no per-device data: that would grow with the fleet.</summary>
[GenerateSerializer, Alias("fleet.AccountState")]
public sealed class AccountState
{
    [Id(0)]
    public string? Name { get; set; }
    [Id(1)]
    public DateTimeOffset CreatedOn { get; set; }
}
