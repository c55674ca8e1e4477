using System.Globalization;
using System.Text.Json.Nodes;
using Fleet.Contracts.Scim;

namespace Fleet.Gateway.Scim;

/// <summary>The SCIM wire form of users, groups and list responses (RFC 7643 §4, RFC 7644 §3.4.2).</summary>
public static class ScimJson
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string ListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static string ETag(int version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static JsonObject User(ScimUser user, string baseUrl)
    {
        var input = user.Input;
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(UserSchema),
            ["id"] = user.Id,
            ["userName"] = input.UserName,
        };
        if (input.ExternalId is not null)
            json["externalId"] = input.ExternalId;
        if (input.Name is { } name)
        {
            var nameJson = new JsonObject();
            if (name.Formatted is not null) nameJson["formatted"] = name.Formatted;
            if (name.GivenName is not null) nameJson["givenName"] = name.GivenName;
            if (name.FamilyName is not null) nameJson["familyName"] = name.FamilyName;
            json["name"] = nameJson;
        }
        if (input.DisplayName is not null)
            json["displayName"] = input.DisplayName;
        json["emails"] = new JsonArray([.. input.Emails.Select(e =>
        {
            var email = new JsonObject { ["value"] = e.Value, ["primary"] = e.Primary };
            if (e.Type is not null) email["type"] = e.Type;
            return (JsonNode)email;
        })]);
        json["active"] = input.Active;
        json["meta"] = Meta("User", user.Created, user.LastModified, user.Version, $"{baseUrl}/Users/{user.Id}");
        return json;
    }

    public static JsonObject Group(ScimGroup group, string baseUrl, bool withMembers)
    {
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(GroupSchema),
            ["id"] = group.Id,
            ["displayName"] = group.DisplayName,
        };
        if (group.ExternalId is not null)
            json["externalId"] = group.ExternalId;
        if (withMembers)
            json["members"] = new JsonArray([.. group.MemberIds.Select(m => (JsonNode)new JsonObject { ["value"] = m, ["$ref"] = $"{baseUrl}/Users/{m}", ["type"] = "User" })]);
        json["meta"] = Meta("Group", group.Created, group.LastModified, group.Version, $"{baseUrl}/Groups/{group.Id}");
        return json;
    }

    public static JsonObject List<T>(ScimPage<T> page, Func<T, JsonNode> resource) => new()
    {
        ["schemas"] = new JsonArray(ListSchema),
        ["totalResults"] = page.TotalResults,
        ["startIndex"] = page.StartIndex,
        ["itemsPerPage"] = page.Resources.Count,
        ["Resources"] = new JsonArray([.. page.Resources.Select(resource)]),
    };

    private static JsonObject Meta(string type, DateTimeOffset created, DateTimeOffset lastModified, int version, string location) => new()
    {
        ["resourceType"] = type,
        ["created"] = created.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["lastModified"] = lastModified.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["location"] = location,
        ["version"] = ETag(version),
    };
}
