using Fleet.Simulation;

namespace Fleet.Gateway.Demo;

/// <summary>
/// A little identity data for the demo, as an IdP sync would send it to <c>POST /api/v1/graph</c>: one User per
/// person (<c>Person IS User</c>) and a few Applications they are ASSIGNED, so the seed questions
/// ("non-compliant laptops of people who can reach AWS") return something.
/// </summary>
public static class DemoGraph
{
    private static readonly (string Key, string Name, string ShortName)[] Applications =
    [
        ("app:aws", "AWS", "aws"), ("app:github", "GitHub", "github"), ("app:salesforce", "Salesforce", "salesforce"), ("app:workday", "Workday", "workday"),
    ];

    /// <summary>
    /// Two requests: users, applications and ASSIGNED first; then <c>Person IS User</c>, which needs the Person
    /// entities that device enrolment projects into the graph (asynchronously, so the caller retries the second).
    /// </summary>
    public static (object Identities, object PersonLinks) Build(IReadOnlyList<SimulatedDevice> devices)
    {
        var people = devices.GroupBy(d => d.OwnerEmail).Select(g => g.First()).ToList();
        var entities = new List<object>();
        var relationships = new List<object>();
        var personLinks = new List<object>();
        foreach (var (key, name, shortName) in Applications)
            entities.Add(new { _key = key, _class = "Application", _type = "okta_application", displayName = name, properties = new { shortName } });
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            var userKey = $"okta:{person.OwnerEmail}";
            entities.Add(new
            {
                _key = userKey, _class = "User", _type = "okta_user", displayName = person.OwnerName,
                properties = new { email = person.OwnerEmail, active = true, department = Departments[i % Departments.Length] },
            });
            personLinks.Add(new { _class = "IS", from = $"person:{person.OwnerEmail}", to = userKey, properties = new { } });
            // Everyone has Workday; engineers (every other person) GitHub and AWS; sales Salesforce.
            relationships.Add(new { _class = "ASSIGNED", from = userKey, to = "app:workday", properties = new { } });
            if (i % 2 == 0)
            {
                relationships.Add(new { _class = "ASSIGNED", from = userKey, to = "app:github", properties = new { } });
                relationships.Add(new { _class = "ASSIGNED", from = userKey, to = "app:aws", properties = new { } });
            }
            else if (i % 3 == 1)
            {
                relationships.Add(new { _class = "ASSIGNED", from = userKey, to = "app:salesforce", properties = new { } });
            }
        }
        return (new { entities, relationships }, new { entities = Array.Empty<object>(), relationships = personLinks });
    }

    private static readonly string[] Departments = ["Engineering", "Sales", "Engineering", "Finance", "Engineering", "People"];
}
