using System.Text.Json;
using Fleet.Contracts.Scim;

namespace Fleet.Gateway.Scim;

public enum ScimPatchKind
{
    Add,
    Replace,
    Remove,
}

/// <summary>One operation of a PATCH body (RFC 7644 §3.5.2). <c>op</c> is case-insensitive: Entra ID sends "Replace".</summary>
public sealed record ScimPatchOperation(ScimPatchKind Kind, string? Path, JsonElement? Value)
{
    private const string UserSchemaPrefix = ScimJson.UserSchema + ":";
    private const string GroupSchemaPrefix = ScimJson.GroupSchema + ":";

    public static IReadOnlyList<ScimPatchOperation> ReadAll(JsonElement body)
    {
        if (!ScimValues.TryGet(body, "Operations", out var operations) || operations.ValueKind != JsonValueKind.Array)
            throw ScimRequestException.InvalidSyntax($"a PATCH body needs 'Operations', an array (schema {ScimJson.PatchSchema}).");
        if (operations.GetArrayLength() > ScimLimits.MaxPatchOperations)
            throw ScimRequestException.InvalidValue($"at most {ScimLimits.MaxPatchOperations} operations per PATCH; {operations.GetArrayLength()} were sent.");
        var list = new List<ScimPatchOperation>();
        var index = 0;
        foreach (var operation in operations.EnumerateArray())
        {
            if (operation.ValueKind != JsonValueKind.Object || !ScimValues.TryGet(operation, "op", out var op) || op.ValueKind != JsonValueKind.String)
                throw ScimRequestException.InvalidSyntax($"Operations[{index}] needs 'op' (add, replace or remove).");
            var kind = op.GetString()!.ToLowerInvariant() switch
            {
                "add" => ScimPatchKind.Add,
                "replace" => ScimPatchKind.Replace,
                "remove" => ScimPatchKind.Remove,
                var other => throw ScimRequestException.InvalidSyntax($"Operations[{index}].op '{other}' is not add, replace or remove."),
            };
            string? path = null;
            if (ScimValues.TryGet(operation, "path", out var p) && p.ValueKind != JsonValueKind.Null)
                path = ScimValues.OptionalString(p, $"Operations[{index}].path")?.Trim();
            if (path is { Length: 0 })
                path = null;
            if (path is not null)
            {
                if (path.StartsWith(UserSchemaPrefix, StringComparison.OrdinalIgnoreCase))
                    path = path[UserSchemaPrefix.Length..];
                else if (path.StartsWith(GroupSchemaPrefix, StringComparison.OrdinalIgnoreCase))
                    path = path[GroupSchemaPrefix.Length..];
            }
            JsonElement? value = ScimValues.TryGet(operation, "value", out var v) ? v : null;
            if (kind != ScimPatchKind.Remove && value is null)
                throw ScimRequestException.InvalidSyntax($"Operations[{index}] ({kind.ToString().ToLowerInvariant()}) needs a 'value'.");
            if (kind == ScimPatchKind.Remove && path is null)
                throw new ScimRequestException(StatusCodes.Status400BadRequest, "noTarget", $"Operations[{index}] (remove) needs a 'path'.");
            if (path is null && value is { ValueKind: not JsonValueKind.Object })
                throw ScimRequestException.InvalidSyntax($"Operations[{index}] has no 'path', so its 'value' must be an object of attributes.");
            list.Add(new ScimPatchOperation(kind, path, value));
            index++;
        }
        return list;
    }
}
