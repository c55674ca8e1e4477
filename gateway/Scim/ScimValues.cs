using System.Text.Json;

namespace Fleet.Gateway.Scim;

/// <summary>Reading single SCIM values from JSON, with the bounds of docs/scim.md and the leniency IdPs need.</summary>
public static class ScimValues
{
    /// <summary>A string of at most <see cref="Fleet.Contracts.Scim.ScimLimits.MaxValueLength"/> characters without control characters; null for JSON null.</summary>
    public static string? OptionalString(JsonElement value, string attribute)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw ScimRequestException.InvalidValue($"'{attribute}' must be a string.");
        var text = value.GetString()!;
        if (text.Length > Fleet.Contracts.Scim.ScimLimits.MaxValueLength)
            throw ScimRequestException.InvalidValue($"'{attribute}' is {text.Length} characters long; at most {Fleet.Contracts.Scim.ScimLimits.MaxValueLength} are accepted.");
        if (text.Any(char.IsControl))
            throw ScimRequestException.InvalidValue($"'{attribute}' contains control characters.");
        return text;
    }

    public static string RequiredString(JsonElement value, string attribute) =>
        OptionalString(value, attribute) is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw ScimRequestException.InvalidValue($"'{attribute}' is required and may not be empty.");

    /// <summary>A boolean; Entra ID sends <c>"True"</c>/<c>"False"</c> as strings in PATCH, which are accepted too.</summary>
    public static bool Boolean(JsonElement value, string attribute) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
        _ => throw ScimRequestException.InvalidValue($"'{attribute}' must be true or false."),
    };

    /// <summary>The property of an object whose name matches case-insensitively (SCIM attribute names are case-insensitive).</summary>
    public static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }
}
