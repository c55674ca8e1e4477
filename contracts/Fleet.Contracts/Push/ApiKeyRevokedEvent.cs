namespace Fleet.Contracts.Push;

/// <summary>An API key of the account was revoked: every gateway closes the dashboard connections opened with it.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ApiKeyRevokedEvent")]
public sealed record ApiKeyRevokedEvent(
    string AccountId,
    [property: Id(0)] string KeyId,
    DateTimeOffset At) : FleetEvent(AccountId, At);
