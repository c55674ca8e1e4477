namespace Fleet.Contracts.Persons;

[GenerateSerializer, Immutable, Alias("fleet.PersonInfo")]
public sealed record PersonInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Email,
    [property: Id(3)] string? Name,
    [property: Id(4)] IReadOnlyList<string> DeviceIds);
