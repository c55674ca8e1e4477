namespace Fleet.Grains.Accounts;

[GenerateSerializer, Alias("fleet.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)]
    public string? AccountId { get; set; }

    /// <summary>The key's id in its account's key list; null for a key assigned before keys had ids (adopted on first use).</summary>
    [Id(1)]
    public string? KeyId { get; set; }

    [Id(2)]
    public DateTimeOffset? LastUsedOn { get; set; }
}
