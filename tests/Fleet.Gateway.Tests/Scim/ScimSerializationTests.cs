using Fleet.Contracts;
using Fleet.Contracts.Scim;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Fleet.Gateway.Tests.Scim;

/// <summary>
/// The SCIM records cross silos (gateway → directory grain): a silo-local call only copies them, so a type that
/// cannot be serialized would pass every single-process test. Round-trip each through Orleans' serializer.
/// </summary>
public sealed class ScimSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddFleetLibraries()).BuildServiceProvider().GetRequiredService<Serializer>();

    private static readonly ScimUser User = new("u1",
        new ScimUserInput("ann", "x-1", new ScimName("Ann Smith", "Ann", "Smith"), "Ann", [new ScimEmail("ann@acme.test", "work", true)], Active: false),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), 3);

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    // A filter tree of both node kinds keeps its shape and its e-mail type.
    [Fact]
    public void A_filter_tree_round_trips()
    {
        ScimFilter filter = new ScimLogical(false, new ScimComparison(ScimAttribute.UserName, ScimOperator.StartsWith, "a"),
            new ScimLogical(true, new ScimComparison(ScimAttribute.EmailsValue, ScimOperator.Equal, "a@b", "work"), new ScimComparison(ScimAttribute.Id, ScimOperator.Contains, "1")));

        Assert.Equal(filter, RoundTrip(filter));
    }

    // Results, pages, patches and statuses come back with every field.
    [Fact]
    public void Results_pages_patches_and_statuses_round_trip()
    {
        var result = RoundTrip(ScimResult<ScimUser>.Ok(User)).Value!;
        var error = RoundTrip(ScimResult<ScimGroup>.Fail(ScimErrorKind.Uniqueness, "taken")).Error;
        var page = RoundTrip(new ScimPage<ScimGroup>(7, 2, [new ScimGroup("g1", "Eng", null, ["u1", "u2"], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1)]));
        var patch = RoundTrip(new ScimGroupPatch("New", "", null, ["u1"], ["u2"], RemoveAllMembers: false));
        var status = RoundTrip(new ScimPersonStatus("ann@acme.test", "u1", "ann", false, DateTimeOffset.UnixEpoch));

        Assert.Equal((User.Id, User.Input.UserName, User.Input.Name, User.Version), (result.Id, result.Input.UserName, result.Input.Name, result.Version));
        Assert.Equal(User.Input.Emails, result.Input.Emails);
        Assert.Equal(new ScimError(ScimErrorKind.Uniqueness, "taken"), error);
        Assert.Equal((7, 2), (page.TotalResults, page.StartIndex));
        Assert.Equal(["u1", "u2"], page.Resources[0].MemberIds);
        Assert.Equal(("New", "", false), (patch.DisplayName, patch.ExternalId, patch.RemoveAllMembers));
        Assert.Equal(["u1"], patch.AddMembers);
        Assert.Equal(["u2"], patch.RemoveMembers);
        Assert.Equal(new ScimPersonStatus("ann@acme.test", "u1", "ann", false, DateTimeOffset.UnixEpoch), status);
    }
}
