using System.Text.Json;
using System.Text.RegularExpressions;
using Fleet.Contracts.Scim;

namespace Fleet.Gateway.Scim;

/// <summary>
/// Applies PATCH operations to a user, as Okta sends them (<c>{"op":"replace","value":{"active":false}}</c>) and as
/// Entra ID does (<c>{"op":"Replace","path":"active","value":"False"}</c>, <c>emails[type eq "work"].value</c>).
/// </summary>
public static partial class ScimUserPatch
{
    public static ScimUserInput Apply(ScimUserInput current, IReadOnlyList<ScimPatchOperation> operations)
    {
        var draft = ScimUserDraft.From(current);
        foreach (var operation in operations)
            Apply(draft, operation);
        return draft.ToInput();
    }

    private static void Apply(ScimUserDraft draft, ScimPatchOperation operation)
    {
        if (operation.Path is null)
        {
            foreach (var property in operation.Value!.Value.EnumerateObject())
                draft.Set(property.Name, property.Value);
            return;
        }
        var path = operation.Path;
        if (EmailFilterPath().Match(path) is { Success: true } match)
        {
            var type = match.Groups["type"].Success ? match.Groups["type"].Value : null;
            bool? primary = match.Groups["primary"].Success ? bool.Parse(match.Groups["primary"].Value) : null;
            if (operation.Kind == ScimPatchKind.Remove)
                draft.Emails.RemoveAll(e => (type is null || string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase)) && (primary is null || e.Primary == primary));
            else
                draft.SetEmailValue(type, primary, operation.Value!.Value);
            return;
        }
        if (path.Contains('[', StringComparison.Ordinal))
        {
            // Other value filters (phoneNumbers[type eq "work"], addresses[…]) are about attributes Fleet does not keep.
            if (path.StartsWith("emails", StringComparison.OrdinalIgnoreCase))
                throw ScimRequestException.InvalidPath($"the path '{path}' is not supported; use emails, emails[type eq \"work\"].value or emails[primary eq true].value.");
            return;
        }
        switch (operation.Kind)
        {
            case ScimPatchKind.Remove:
                draft.Remove(path);
                break;
            case ScimPatchKind.Add when string.Equals(path, "emails", StringComparison.OrdinalIgnoreCase) && operation.Value!.Value.ValueKind == JsonValueKind.Array:
                // Adding to a multi-valued attribute appends (RFC 7644 §3.5.2.1); an address already there is replaced.
                var before = draft.Emails;
                draft.Set("emails", operation.Value.Value);
                var added = draft.Emails;
                draft.Emails = [.. before.Where(e => !added.Any(a => string.Equals(a.Value, e.Value, StringComparison.OrdinalIgnoreCase))), .. added];
                if (draft.Emails.Count > ScimLimits.MaxEmails)
                    throw ScimRequestException.InvalidValue($"a user has at most {ScimLimits.MaxEmails} e-mails.");
                if (added.Any(e => e.Primary))
                    draft.Emails = [.. draft.Emails.Select(e => added.Contains(e) ? e : e with { Primary = false })];
                break;
            default:
                draft.Set(path, operation.Value!.Value);
                break;
        }
    }

    [GeneratedRegex("""^emails\[\s*(?:type\s+eq\s+"(?<type>[^"]*)"|primary\s+eq\s+(?<primary>true|false))\s*\]\.value$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailFilterPath();
}
