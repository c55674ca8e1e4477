namespace Fleet.Contracts.Accounts;

[GenerateSerializer, Immutable, Alias("fleet.AccountInfo")]
public sealed record AccountInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedOn);
