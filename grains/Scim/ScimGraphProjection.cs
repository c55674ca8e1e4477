using Fleet.Contracts.Graph;
using Fleet.Contracts.Persons;
using Fleet.Contracts.Scim;
using Fleet.Query.Evaluation;

namespace Fleet.Grains.Scim;

/// <summary>
/// The graph form of the directory (docs/scim.md): User <c>scim-user:&lt;id&gt;</c>, <c>Person IS User</c> to the
/// Person of the primary e-mail (the same <c>person:&lt;email&gt;</c> a device enrolled by an invite to that e-mail
/// is owned by), <c>User OWNS Device</c> for that person's devices, UserGroup <c>scim-group:&lt;id&gt;</c> <c>HAS User</c>.
/// Pure: the grain supplies the person's devices.
/// </summary>
public static class ScimGraphProjection
{
    public const string UserClass = "User";
    public const string UserType = "scim_user";
    public const string GroupClass = "UserGroup";
    public const string GroupType = "scim_group";

    /// <summary>The user's entity and edges, removing the edges of <paramref name="previous"/> it no longer has.</summary>
    public static GraphWriteRequest User(string accountId, ScimUser user, IReadOnlyList<string> deviceIds, GraphWriteRequest? previous)
    {
        var input = user.Input;
        var userKey = ScimKeys.UserEntity(user.Id);
        var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
        {
            ["scimId"] = user.Id,
            ["userName"] = input.UserName,
            ["active"] = input.Active,
            ["emails"] = PropertyValue.List([.. input.Emails.Select(e => e.Value)]),
            ["lastModifiedOn"] = user.LastModified,
        };
        Optional(properties, "externalId", input.ExternalId);
        Optional(properties, "email", input.PrimaryEmail is { } primary ? PersonIds.NormalizeEmail(primary) : null);
        Optional(properties, "name", input.Name?.Formatted ?? JoinName(input.Name));
        Optional(properties, "givenName", input.Name?.GivenName);
        Optional(properties, "familyName", input.Name?.FamilyName);
        Optional(properties, "displayNameInIdp", input.DisplayName);

        var entities = new List<GraphEntityInput> { new(userKey, UserClass, UserType, input.DisplayName ?? input.UserName, properties) };
        var relationships = new List<GraphRelationshipInput>();
        if (input.PrimaryEmail is { } email && !string.IsNullOrWhiteSpace(email))
        {
            var normalized = PersonIds.NormalizeEmail(email);
            var personKey = GraphKeys.Person(normalized);
            // Exactly what the device projection publishes for this person, so the two never overwrite each other.
            var person = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
            {
                ["email"] = normalized,
                ["personId"] = PersonIds.For(accountId, normalized),
            };
            entities.Insert(0, new GraphEntityInput(personKey, "Person", "fleet_person", normalized, person));
            relationships.Add(new GraphRelationshipInput("IS", personKey, userKey, []));
            relationships.Add(new GraphRelationshipInput("HAS", GraphKeys.Account(accountId), personKey, []));
            relationships.AddRange(deviceIds.Select(d => new GraphRelationshipInput("OWNS", userKey, GraphKeys.Device(d), [])));
        }
        return new GraphWriteRequest(entities, relationships, [], Stale(previous, relationships));
    }

    public static GraphWriteRequest Group(ScimGroup group, GraphWriteRequest? previous)
    {
        var groupKey = ScimKeys.GroupEntity(group.Id);
        var properties = new Dictionary<string, PropertyValue>(StringComparer.Ordinal)
        {
            ["scimId"] = group.Id,
            ["memberCount"] = group.MemberIds.Count,
            ["lastModifiedOn"] = group.LastModified,
        };
        Optional(properties, "externalId", group.ExternalId);
        var relationships = group.MemberIds.Select(m => new GraphRelationshipInput("HAS", groupKey, ScimKeys.UserEntity(m), [])).ToList();
        return new GraphWriteRequest([new GraphEntityInput(groupKey, GroupClass, GroupType, group.DisplayName, properties)], relationships, [], Stale(previous, relationships));
    }

    public static GraphWriteRequest Delete(string entityKey) => new([], [], [entityKey], []);

    /// <summary>Edges the previous projection had and this one has not (the writer deletes after it upserts).</summary>
    private static List<GraphRelationshipRef> Stale(GraphWriteRequest? previous, List<GraphRelationshipInput> current)
    {
        if (previous is null)
            return [];
        var now = current.Select(r => (r.Class, r.From, r.To)).ToHashSet();
        // Account HAS Person stays: the person remains the account's (a device may own them) when the user's e-mail changes.
        return [.. previous.Relationships
            .Where(r => !r.From.StartsWith("account:", StringComparison.Ordinal) && !now.Contains((r.Class, r.From, r.To)))
            .Select(r => new GraphRelationshipRef(r.Class, r.From, r.To))];
    }

    private static string? JoinName(ScimName? name) =>
        name is null ? null : string.Join(' ', new[] { name.GivenName, name.FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } joined ? joined : null;

    private static void Optional(Dictionary<string, PropertyValue> properties, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            properties[name] = value;
    }
}
