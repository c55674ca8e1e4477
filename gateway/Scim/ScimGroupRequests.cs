using System.Text.Json;
using System.Text.RegularExpressions;
using Fleet.Contracts.Scim;

namespace Fleet.Gateway.Scim;

/// <summary>Group bodies (POST, PUT) and PATCH operations: rename, member add and remove (Okta's and Entra ID's forms).</summary>
public static partial class ScimGroupRequests
{
    public static ScimGroupInput Read(JsonElement body)
    {
        if (!ScimValues.TryGet(body, "displayName", out var displayName))
            throw ScimRequestException.InvalidValue("'displayName' is required.");
        var externalId = ScimValues.TryGet(body, "externalId", out var e) ? ScimValues.OptionalString(e, "externalId") : null;
        var members = ScimValues.TryGet(body, "members", out var m) ? Members(m) : [];
        return new ScimGroupInput(ScimValues.RequiredString(displayName, "displayName"), externalId, members);
    }

    /// <summary>The operations in order folded into one change; within it, removals apply after additions.</summary>
    public static ScimGroupPatch Patch(IReadOnlyList<ScimPatchOperation> operations)
    {
        string? displayName = null, externalId = null;
        List<string>? replace = null;
        var add = new List<string>();
        var remove = new List<string>();
        var removeAll = false;
        foreach (var operation in operations)
        {
            if (operation.Path is null)
            {
                foreach (var property in operation.Value!.Value.EnumerateObject())
                    Set(property.Name, property.Value, operation.Kind);
                continue;
            }
            if (MemberFilterPath().Match(operation.Path) is { Success: true } match)
            {
                if (operation.Kind != ScimPatchKind.Remove)
                    throw ScimRequestException.InvalidPath($"'{operation.Path}' can only be removed; add members with path 'members'.");
                remove.Add(match.Groups["id"].Value);
                continue;
            }
            if (operation.Kind == ScimPatchKind.Remove)
            {
                switch (operation.Path.ToLowerInvariant())
                {
                    case "members" when operation.Value is { } value:
                        remove.AddRange(Members(value));
                        break;
                    case "members":
                        removeAll = true;
                        replace = null;
                        add.Clear();
                        break;
                    case "externalid":
                        externalId = "";
                        break;
                    case "displayname":
                        throw new ScimRequestException(StatusCodes.Status400BadRequest, "mutability", "'displayName' is required; it cannot be removed.");
                    default:
                        throw ScimRequestException.InvalidPath($"'{operation.Path}' is not an attribute of a group (displayName, externalId, members).");
                }
                continue;
            }
            Set(operation.Path, operation.Value!.Value, operation.Kind);
        }
        return new ScimGroupPatch(displayName, externalId, replace, add, remove, removeAll && replace is null);

        void Set(string attribute, JsonElement value, ScimPatchKind kind)
        {
            switch (attribute.ToLowerInvariant())
            {
                case "displayname":
                    displayName = ScimValues.RequiredString(value, "displayName");
                    break;
                case "externalid":
                    externalId = ScimValues.OptionalString(value, "externalId") ?? "";
                    break;
                case "members" when kind == ScimPatchKind.Replace:
                    replace = Members(value);
                    add.Clear();
                    removeAll = false;
                    break;
                case "members":
                    add.AddRange(Members(value));
                    break;
                case "id" or "schemas" or "meta":
                    break;
                default:
                    throw ScimRequestException.InvalidPath($"'{attribute}' is not an attribute of a group (displayName, externalId, members).");
            }
        }
    }

    /// <summary><c>[{"value": "user id", "display": "…"}]</c>; a single object is read as a list of one.</summary>
    private static List<string> Members(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return [];
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        return [.. items.Select(item => item.ValueKind == JsonValueKind.Object && ScimValues.TryGet(item, "value", out var id)
            ? ScimValues.RequiredString(id, "members.value")
            : throw ScimRequestException.InvalidValue("each member must be an object with the user's id as 'value'."))];
    }

    [GeneratedRegex("""^members\[\s*value\s+eq\s+"(?<id>[^"]+)"\s*\]$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MemberFilterPath();
}
