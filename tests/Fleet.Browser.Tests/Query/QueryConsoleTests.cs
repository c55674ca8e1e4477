using Fleet.Agent.V1;
using Fleet.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fleet.Browser.Tests.Query;

[Collection(DashboardCollection.Name)]
public sealed class QueryConsoleTests(DashboardFixture fixture)
{
    // The seed question (RETURN TREE) is drawn as a graph: person, device and agent of each non-compliant laptop.
    [Fact]
    public async Task The_seed_question_is_drawn_as_a_graph_with_non_compliant_agents_highlighted()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(The_seed_question_is_drawn_as_a_graph_with_non_compliant_agents_highlighted));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            await dashboard.NavigateAsync("#/query");
            await page.GetByLabel("J1QL query").FillAsync(SeededFleet.SeedQuestion);
            await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();

            var people = SeededFleet.PeopleWithNonCompliantAgents.Length;
            await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Graph" })).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(page.Locator("svg.graph .node")).ToHaveCountAsync(people * 3);
            await Expect(page.Locator("svg.graph .node[data-class=Person]")).ToHaveCountAsync(people);
            await Expect(page.Locator("svg.graph .node[data-class=HostAgent].noncompliant")).ToHaveCountAsync(people);
            await Expect(page.Locator("svg.graph .edge")).ToHaveCountAsync(people * 2);
            await Expect(page.Locator(".legend")).ToContainTextAsync("HostAgent");
        });
    }

    // A query that does not parse is marked at the line and column the server names, and no result is shown.
    [Fact]
    public async Task A_bad_query_shows_its_error_at_the_line_and_column()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(A_bad_query_shows_its_error_at_the_line_and_column));
        await dashboard.Guard(async () =>
        {
            var page = dashboard.Page;
            await dashboard.NavigateAsync("#/query");
            await page.GetByLabel("J1QL query").FillAsync("FIND Person\nTHAT");
            await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();

            await Expect(page.Locator(".editor-error")).ToContainTextAsync("Line 2, column 5");
            await Expect(page.Locator(".editor-gutter .gutter-line.error")).ToHaveTextAsync("2");
            await Expect(page.Locator(".mirror-line.error")).ToHaveAttributeAsync("data-error-line", "2");
            await Expect(page.Locator(".error-mark")).ToHaveCountAsync(1);
            await Expect(page.Locator("svg.graph")).ToHaveCountAsync(0);
        });
    }

    // Watch turns the query into a standing query: an agent that becomes non-compliant enters the result, and leaves it again.
    [Fact]
    public async Task A_watched_query_adds_and_removes_entities_as_they_change()
    {
        await using var dashboard = await fixture.SignInAsync(nameof(A_watched_query_adds_and_removes_entities_as_they_change));
        var eve = fixture.Laptop("eve-laptop");
        try
        {
            await dashboard.Guard(async () =>
            {
                var page = dashboard.Page;
                await dashboard.NavigateAsync("#/query");
                await page.GetByLabel("J1QL query").FillAsync("FIND HostAgent WITH compliant=false");
                await page.GetByLabel("Watch live").CheckAsync();
                var rows = page.Locator("#query-table tbody tr");
                await Expect(rows).ToHaveCountAsync(SeededFleet.PeopleWithNonCompliantAgents.Length);
                await Expect(page.Locator("#query-status")).ToContainTextAsync("Watching");

                await eve.ReportChangedAsync(f => f.ScreenLock = new Fact { State = FactState.Off, Reason = "no password after sleep" });
                await Expect(rows).ToHaveCountAsync(SeededFleet.PeopleWithNonCompliantAgents.Length + 1);
                await Expect(page.Locator("#query-table")).ToContainTextAsync("eve-laptop");

                await eve.ReportAsync(eve.Facts);
                await Expect(rows).ToHaveCountAsync(SeededFleet.PeopleWithNonCompliantAgents.Length);
            });
        }
        finally
        {
            await eve.ReportAsync(eve.Facts);
        }
    }
}
