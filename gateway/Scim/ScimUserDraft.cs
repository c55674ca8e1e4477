using System.Text.Json;
using Fleet.Contracts.Scim;

namespace Fleet.Gateway.Scim;

/// <summary>
/// A user being built from a body (POST, PUT) or changed by PATCH operations. Attributes Fleet does not keep
/// (phone numbers, addresses, the enterprise extension, passwords…) are accepted and ignored, as IdPs send them all.
/// </summary>
public sealed class ScimUserDraft
{
    public string? UserName { get; set; }
    public string? ExternalId { get; set; }
    public string? DisplayName { get; set; }
    public string? Formatted { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public List<ScimEmail> Emails { get; set; } = [];
    public bool Active { get; set; } = true;

    public static ScimUserDraft From(ScimUserInput input) => new()
    {
        UserName = input.UserName,
        ExternalId = input.ExternalId,
        DisplayName = input.DisplayName,
        Formatted = input.Name?.Formatted,
        GivenName = input.Name?.GivenName,
        FamilyName = input.Name?.FamilyName,
        Emails = [.. input.Emails],
        Active = input.Active,
    };

    /// <summary>A whole user (POST, PUT): every attribute of the body; absent ones keep their defaults.</summary>
    public static ScimUserInput Read(JsonElement body)
    {
        var draft = new ScimUserDraft();
        foreach (var property in body.EnumerateObject())
            draft.Set(property.Name, property.Value);
        return draft.ToInput();
    }

    public ScimUserInput ToInput()
    {
        if (string.IsNullOrWhiteSpace(UserName))
            throw ScimRequestException.InvalidValue("'userName' is required and may not be empty.");
        if (Emails.Count(e => e.Primary) > 1)
            throw ScimRequestException.InvalidValue("at most one e-mail may be primary.");
        var name = Formatted is null && GivenName is null && FamilyName is null ? null : new ScimName(Formatted, GivenName, FamilyName);
        return new ScimUserInput(UserName, ExternalId, name, DisplayName, [.. Emails], Active);
    }

    /// <summary>Sets one top-level attribute (add/replace semantics for single values; a complex value merges).</summary>
    public void Set(string attribute, JsonElement value)
    {
        switch (attribute.ToLowerInvariant())
        {
            case "username": UserName = ScimValues.RequiredString(value, "userName"); break;
            case "externalid": ExternalId = ScimValues.OptionalString(value, "externalId"); break;
            case "displayname": DisplayName = ScimValues.OptionalString(value, "displayName"); break;
            case "active": Active = ScimValues.Boolean(value, "active"); break;
            case "emails": Emails = ReadEmails(value); break;
            case "name":
                if (value.ValueKind == JsonValueKind.Null)
                {
                    Formatted = GivenName = FamilyName = null;
                    break;
                }
                if (value.ValueKind != JsonValueKind.Object)
                    throw ScimRequestException.InvalidValue("'name' must be an object (givenName, familyName, formatted).");
                foreach (var part in value.EnumerateObject())
                    Set("name." + part.Name, part.Value);
                break;
            case "name.givenname": GivenName = ScimValues.OptionalString(value, "name.givenName"); break;
            case "name.familyname": FamilyName = ScimValues.OptionalString(value, "name.familyName"); break;
            case "name.formatted": Formatted = ScimValues.OptionalString(value, "name.formatted"); break;
            default: break; // not kept by Fleet (schemas, id, meta, phoneNumbers, password, extensions …)
        }
    }

    /// <summary>Removes one attribute (PATCH remove).</summary>
    public void Remove(string attribute)
    {
        switch (attribute.ToLowerInvariant())
        {
            case "username": throw new ScimRequestException(StatusCodes.Status400BadRequest, "mutability", "'userName' is required; it cannot be removed.");
            case "externalid": ExternalId = null; break;
            case "displayname": DisplayName = null; break;
            case "active": Active = false; break;
            case "emails": Emails = []; break;
            case "name": Formatted = GivenName = FamilyName = null; break;
            case "name.givenname": GivenName = null; break;
            case "name.familyname": FamilyName = null; break;
            case "name.formatted": Formatted = null; break;
            default: break;
        }
    }

    /// <summary>Sets the value of the e-mails an Entra ID style path selects: <c>emails[type eq "work"].value</c> (creates it if none).</summary>
    public void SetEmailValue(string? type, bool? primary, JsonElement value)
    {
        var address = ScimValues.RequiredString(value, "emails.value");
        var index = Emails.FindIndex(e => (type is null || string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase)) && (primary is null || e.Primary == primary));
        if (index >= 0)
        {
            Emails[index] = Emails[index] with { Value = address };
            return;
        }
        if (Emails.Count >= ScimLimits.MaxEmails)
            throw ScimRequestException.InvalidValue($"a user has at most {ScimLimits.MaxEmails} e-mails.");
        Emails.Add(new ScimEmail(address, type, primary ?? Emails.Count == 0));
    }

    private static List<ScimEmail> ReadEmails(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind != JsonValueKind.Array)
            throw ScimRequestException.InvalidValue("'emails' must be an array of { value, type, primary }.");
        if (value.GetArrayLength() > ScimLimits.MaxEmails)
            throw ScimRequestException.InvalidValue($"a user has at most {ScimLimits.MaxEmails} e-mails; {value.GetArrayLength()} were sent.");
        var emails = new List<ScimEmail>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !ScimValues.TryGet(item, "value", out var address))
                throw ScimRequestException.InvalidValue("each e-mail must be an object with a 'value'.");
            var type = ScimValues.TryGet(item, "type", out var t) ? ScimValues.OptionalString(t, "emails.type") : null;
            var primary = ScimValues.TryGet(item, "primary", out var p) && p.ValueKind != JsonValueKind.Null && ScimValues.Boolean(p, "emails.primary");
            emails.Add(new ScimEmail(ScimValues.RequiredString(address, "emails.value").Trim(), type, primary));
        }
        return emails;
    }
}
