namespace Fleet.Contracts.Scim;

[GenerateSerializer, Immutable, Alias("fleet.ScimName")]
public sealed record ScimName(
    [property: Id(0)] string? Formatted,
    [property: Id(1)] string? GivenName,
    [property: Id(2)] string? FamilyName);

[GenerateSerializer, Immutable, Alias("fleet.ScimEmail")]
public sealed record ScimEmail(
    [property: Id(0)] string Value,
    [property: Id(1)] string? Type,
    [property: Id(2)] bool Primary);

/// <summary>What a client may set on a user (create, replace, or the result of a patch). Checked by <see cref="ScimLimits"/>.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimUserInput")]
public sealed record ScimUserInput(
    [property: Id(0)] string UserName,
    [property: Id(1)] string? ExternalId,
    [property: Id(2)] ScimName? Name,
    [property: Id(3)] string? DisplayName,
    [property: Id(4)] IReadOnlyList<ScimEmail> Emails,
    [property: Id(5)] bool Active)
{
    /// <summary>The primary e-mail (or the first one): it names the Person this user is in the graph.</summary>
    public string? PrimaryEmail => (Emails.FirstOrDefault(e => e.Primary) ?? Emails.FirstOrDefault())?.Value;
}

/// <summary>A provisioned user as stored: the input plus the server's id, timestamps and version.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimUser")]
public sealed record ScimUser(
    [property: Id(0)] string Id,
    [property: Id(1)] ScimUserInput Input,
    [property: Id(2)] DateTimeOffset Created,
    [property: Id(3)] DateTimeOffset LastModified,
    [property: Id(4)] int Version)
{
    public IEnumerable<string?> Values(ScimComparison comparison) => comparison.Attribute switch
    {
        ScimAttribute.Id => [Id],
        ScimAttribute.UserName => [Input.UserName],
        ScimAttribute.ExternalId => [Input.ExternalId],
        ScimAttribute.EmailsValue => Input.Emails
            .Where(e => comparison.EmailType is null || string.Equals(e.Type, comparison.EmailType, StringComparison.OrdinalIgnoreCase))
            .Select(e => (string?)e.Value),
        _ => [],
    };
}
