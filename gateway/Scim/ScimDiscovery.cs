using System.Text.Json.Nodes;
using Fleet.Contracts.Scim;

namespace Fleet.Gateway.Scim;

/// <summary>The discovery documents (RFC 7644 §4): what Fleet supports, so an IdP can check before it provisions.</summary>
public static class ScimDiscovery
{
    private const string ConfigSchema = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private const string ResourceTypeSchema = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private const string SchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ConfigSchema),
        ["documentationUri"] = "https://github.com/fleet/fleet/blob/main/docs/scim.md",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimLimits.MaxPageSize },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Account API key",
            ["description"] = "An account API key of Fleet, sent as 'Authorization: Bearer <key>'.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/ServiceProviderConfig" },
    };

    public static JsonObject ResourceTypes(string baseUrl) => List([UserType(baseUrl), GroupType(baseUrl)]);

    public static JsonObject UserType(string baseUrl) => ResourceType("User", "/Users", ScimJson.UserSchema, baseUrl);

    public static JsonObject GroupType(string baseUrl) => ResourceType("Group", "/Groups", ScimJson.GroupSchema, baseUrl);

    public static JsonObject Schemas(string baseUrl) => List([UserSchema(baseUrl), GroupSchema(baseUrl)]);

    public static JsonObject UserSchema(string baseUrl) => Schema(ScimJson.UserSchema, "User", "User Account", baseUrl,
    [
        Attribute("userName", "string", required: true, caseExact: false, uniqueness: "server"),
        Complex("name", [Attribute("formatted", "string"), Attribute("familyName", "string"), Attribute("givenName", "string")]),
        Attribute("displayName", "string"),
        Attribute("active", "boolean"),
        Complex("emails", [Attribute("value", "string"), Attribute("type", "string"), Attribute("primary", "boolean")], multiValued: true),
        Attribute("externalId", "string", caseExact: true),
    ]);

    public static JsonObject GroupSchema(string baseUrl) => Schema(ScimJson.GroupSchema, "Group", "Group", baseUrl,
    [
        Attribute("displayName", "string", required: true, caseExact: false, uniqueness: "server"),
        Complex("members", [Attribute("value", "string", mutability: "immutable"), Attribute("$ref", "reference", mutability: "immutable"), Attribute("type", "string", mutability: "immutable")], multiValued: true),
        Attribute("externalId", "string", caseExact: true),
    ]);

    private static JsonObject List(JsonNode[] resources) => new()
    {
        ["schemas"] = new JsonArray(ScimJson.ListSchema),
        ["totalResults"] = resources.Length,
        ["startIndex"] = 1,
        ["itemsPerPage"] = resources.Length,
        ["Resources"] = new JsonArray(resources),
    };

    private static JsonObject ResourceType(string name, string endpoint, string schema, string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ResourceTypeSchema),
        ["id"] = name,
        ["name"] = name,
        ["endpoint"] = endpoint,
        ["schema"] = schema,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/{name}" },
    };

    private static JsonObject Schema(string id, string name, string description, string baseUrl, JsonNode[] attributes) => new()
    {
        ["schemas"] = new JsonArray(SchemaSchema),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray(attributes),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/Schemas/{id}" },
    };

    private static JsonObject Attribute(string name, string type, bool required = false, bool caseExact = false, string uniqueness = "none", string mutability = "readWrite") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["required"] = required,
        ["caseExact"] = caseExact,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, JsonNode[] subAttributes, bool multiValued = false) => new()
    {
        ["name"] = name,
        ["type"] = "complex",
        ["multiValued"] = multiValued,
        ["required"] = false,
        ["mutability"] = "readWrite",
        ["returned"] = "default",
        ["subAttributes"] = new JsonArray(subAttributes),
    };
}
