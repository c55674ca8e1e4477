using System.Net.Http.Json;
using System.Text.Json;
using Fleet.Agent.V1;
using Fleet.Gateway.Tests.Agents;
using Fleet.Gateway.Tests.Infrastructure;
using Fleet.Gateway.Tests.Invites;
using Microsoft.Playwright;

namespace Fleet.Browser.Tests.Infrastructure;

/// <summary>
/// One real gateway process (embedded mode) with the <see cref="SeededFleet"/> enrolled through invites and
/// connected over real gRPC streams that stay open, plus one headless Chromium. Shared by every browser test
/// (one collection: the tests run one after another and each leaves the fleet as it found it).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, ConnectedLaptop> _laptops = new(StringComparer.Ordinal);
    private AgentClient _agents = null!;
    private IPlaywright _playwright = null!;

    public GatewayProcess Gateway { get; private set; } = null!;
    public CreatedAccount Account { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gateway = await StartGatewayAsync();
        Account = await Gateway.CreateOperatorClient().CreateAccountAsync("Acme");
        Api = Gateway.CreateClient(Account.ApiKey);
        using (var put = await Api.PutAsync("/api/v1/policy", new StringContent(SeededFleet.Policy, System.Text.Encoding.UTF8, "application/yaml")))
            await EnsureAsync(put);

        _agents = new AgentClient(Gateway);
        var invites = await Api.InviteAsync(SeededFleet.Laptops.Select(l => l.Email).ToArray());
        foreach (var laptop in SeededFleet.Laptops)
        {
            var facts = SeededFleet.Facts(laptop, Guid.NewGuid().ToString("N"));
            var enrolled = await _agents.EnrollAsync(invites.Single(i => i.Email == laptop.Email).Code, facts);
            var session = await _agents.ConnectAsync(enrolled.AgentToken);
            var connected = new ConnectedLaptop(enrolled.DeviceId, facts, session);
            await connected.ReportAsync(facts);
            _laptops[laptop.Hostname] = connected;
        }

        // Identity data through the graph API; "Person IS User" once enrolment has projected the Person entities.
        using (var identities = await Api.PostAsJsonAsync("/api/v1/graph", SeededFleet.Identities()))
            await EnsureAsync(identities);
        await Eventually.SucceedsAsync(async () =>
        {
            using var links = await Api.PostAsJsonAsync("/api/v1/graph", SeededFleet.PersonLinks());
            await EnsureAsync(links);
        }, Patience, "linking people to users");
        await Eventually.SucceedsAsync(async () =>
        {
            var vertices = await TreeVertexCountAsync(SeededFleet.SeedQuestion);
            if (vertices != SeededFleet.PeopleWithNonCompliantAgents.Length * 3)
                throw new InvalidOperationException($"the seed question has {vertices} vertices so far");
        }, Patience, "the seed question answering from the graph");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>
    /// Other test runs on this machine start gateways on OS-chosen free ports too; if one took a port between our
    /// pick and our bind, our process dies while theirs answers /readyz. Checked through our own agent port and our
    /// own output; then it starts again on new ports (a fresh data folder each time).
    /// </summary>
    private async Task<GatewayProcess> StartGatewayAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var data = Path.Combine(_data.Path, $"attempt-{attempt}");
            var gateway = await GatewayProcess.StartEmbeddedAsync(data);
            if (await AcceptsAsync(gateway.AgentPort) && !gateway.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                return gateway;
            var output = gateway.Output;
            await gateway.DisposeAsync();
            if (attempt == 3)
                throw new InvalidOperationException($"The gateway did not get its ports after 3 attempts:{Environment.NewLine}{output}");
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }

    public ConnectedLaptop Laptop(string hostname) => _laptops[hostname];

    /// <summary>A fresh browser context (its own sessionStorage) with a page signed in to the dashboard.</summary>
    public async Task<DashboardSession> SignInAsync(string testName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });
        var page = await context.NewPageAsync();
        var session = new DashboardSession(context, page, testName);
        await session.Guard(async () =>
        {
            await page.GotoAsync(Gateway.BaseAddress.ToString());
            await page.GetByLabel("Account API key").FillAsync(Account.ApiKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "live");
        });
        return session;
    }

    private async Task<int> TreeVertexCountAsync(string query)
    {
        using var response = await Api.PostAsJsonAsync("/api/v1/query", new { query });
        await EnsureAsync(response);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return result.RootElement.GetProperty("data").GetProperty("vertices").GetArrayLength();
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        foreach (var laptop in _laptops.Values)
            await laptop.Session.DisposeAsync();
        _agents?.Dispose();
        if (Gateway is not null)
            await Gateway.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>An enrolled laptop with its stream open: sends reports and waits for their acks (the report is durable then).</summary>
public sealed class ConnectedLaptop(string deviceId, DeviceFacts facts, AgentSession session)
{
    private long _sequence;

    public string DeviceId { get; } = deviceId;
    public DeviceFacts Facts { get; } = facts;
    public AgentSession Session { get; } = session;

    public async Task<ReportAck> ReportAsync(DeviceFacts facts)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        await Session.SendReportAsync(AgentClient.Report(sequence, facts));
        return await Session.AckAsync(sequence);
    }

    /// <summary>Reports these facts changed by <paramref name="change"/>; the original facts stay as they were.</summary>
    public Task<ReportAck> ReportChangedAsync(Action<DeviceFacts> change)
    {
        var changed = Facts.Clone();
        change(changed);
        return ReportAsync(changed);
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard";
}
