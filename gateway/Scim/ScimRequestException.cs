namespace Fleet.Gateway.Scim;

/// <summary>A request the SCIM API refuses: mapped once, by <see cref="ScimErrorFilter"/>, to a SCIM error body.</summary>
public sealed class ScimRequestException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimRequestException InvalidValue(string detail) => new(StatusCodes.Status400BadRequest, "invalidValue", detail);

    public static ScimRequestException InvalidSyntax(string detail) => new(StatusCodes.Status400BadRequest, "invalidSyntax", detail);

    public static ScimRequestException InvalidPath(string detail) => new(StatusCodes.Status400BadRequest, "invalidPath", detail);
}
