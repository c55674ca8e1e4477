namespace Fleet.Contracts.Scim;

/// <summary>How a directory call failed; mapped once at the edge to a SCIM error body (RFC 7644 §3.12).</summary>
public enum ScimErrorKind
{
    NotFound,
    /// <summary>userName (or a group's displayName) already taken: 409 <c>uniqueness</c>.</summary>
    Uniqueness,
    /// <summary>The account's directory holds as many users, groups or memberships as it may (docs/scim.md): 403.</summary>
    LimitReached,
    /// <summary>A value the directory refuses (e.g. a member that is not a user of this account): 400 <c>invalidValue</c>.</summary>
    InvalidValue,
    /// <summary>The resource changed since the version the caller read: 412 (or retried by the gateway).</summary>
    VersionMismatch,
}

[GenerateSerializer, Immutable, Alias("fleet.ScimError")]
public sealed record ScimError(
    [property: Id(0)] ScimErrorKind Kind,
    [property: Id(1)] string Detail);

/// <summary>Either the value or the error.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimResult")]
public sealed record ScimResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] ScimError? Error)
{
    public static ScimResult<T> Ok(T value) => new(value, null);

    public static ScimResult<T> Fail(ScimErrorKind kind, string detail) => new(default, new ScimError(kind, detail));
}

/// <summary>One page of a list (RFC 7644 §3.4.2.4): 1-based start, the total that matched.</summary>
[GenerateSerializer, Immutable, Alias("fleet.ScimPage")]
public sealed record ScimPage<T>(
    [property: Id(0)] int TotalResults,
    [property: Id(1)] int StartIndex,
    [property: Id(2)] IReadOnlyList<T> Resources);
