namespace Fleet.Contracts.Scim;

/// <summary>The attributes a SCIM filter may name (docs/scim.md): enough for what Okta and Entra ID ask.</summary>
public enum ScimAttribute
{
    Id,
    UserName,
    ExternalId,
    EmailsValue,
    DisplayName,
    /// <summary>A group's member ids (<c>members eq "id"</c>, as Entra ID asks).</summary>
    MembersValue,
}

public enum ScimOperator
{
    Equal,
    Contains,
    StartsWith,
}

/// <summary>
/// A parsed SCIM filter (RFC 7644 §3.4.2.2): parsed once at the gateway, evaluated in the directory grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimFilter")]
public abstract record ScimFilter;

/// <summary>
/// <c>userName eq "bjensen"</c>; <see cref="EmailType"/> narrows e-mails to one type, as Entra ID asks with
/// <c>emails[type eq "work"].value eq "…"</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimComparison")]
public sealed record ScimComparison(
    [property: Id(0)] ScimAttribute Attribute,
    [property: Id(1)] ScimOperator Operator,
    [property: Id(2)] string Value,
    [property: Id(3)] string? EmailType = null) : ScimFilter;

/// <summary><c>left and right</c> or <c>left or right</c>.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimLogical")]
public sealed record ScimLogical(
    [property: Id(0)] bool IsAnd,
    [property: Id(1)] ScimFilter Left,
    [property: Id(2)] ScimFilter Right) : ScimFilter;

/// <summary>Evaluates a filter against the values a resource holds for each attribute.</summary>
public static class ScimFilterMatcher
{
    public static bool Matches(this ScimFilter filter, Func<ScimComparison, IEnumerable<string?>> values) => filter switch
    {
        ScimLogical { IsAnd: true } and => and.Left.Matches(values) && and.Right.Matches(values),
        ScimLogical or => or.Left.Matches(values) || or.Right.Matches(values),
        ScimComparison c => values(c).Any(v => v is not null && Compare(c, v)),
        _ => false,
    };

    // RFC 7643: userName, emails.value and displayName are caseExact=false; id and externalId are caseExact=true.
    private static bool Compare(ScimComparison c, string value)
    {
        var comparison = c.Attribute is ScimAttribute.Id or ScimAttribute.ExternalId or ScimAttribute.MembersValue ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return c.Operator switch
        {
            ScimOperator.Equal => string.Equals(value, c.Value, comparison),
            ScimOperator.Contains => value.Contains(c.Value, comparison),
            ScimOperator.StartsWith => value.StartsWith(c.Value, comparison),
            _ => false,
        };
    }
}
