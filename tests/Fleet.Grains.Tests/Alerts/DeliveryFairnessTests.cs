using System.Net;
using System.Net.Sockets;
using Fleet.Contracts.Alerts;
using Fleet.Grains.Alerts;
using Fleet.Grains.Tests.Push;
using Fleet.Hosting.Mail;
using Fleet.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleet.Grains.Tests.Alerts;

/// <summary>
/// One account's failing webhook endpoint never delays another account's deliveries (docs/security.md, Fair sharing):
/// a real delivery worker with few slots, real HTTP endpoints on 127.0.0.1.
/// </summary>
[Collection(PushClusterCollection.Name)]
public sealed class DeliveryFairnessTests(PushClusterFixture fixture)
{
    // Proves an account whose endpoint hangs holds at most its own share of slots: another account's delivery goes through meanwhile.
    [Fact]
    public async Task A_hanging_endpoint_of_one_account_does_not_delay_another_accounts_delivery()
    {
        using var hanging = new HangingEndpoint();
        using var receiver = new WebhookReceiver();
        var options = Options(total: 2, perAccount: 1, retryBase: TimeSpan.FromMinutes(10));
        await using var worker = await StartWorkerAsync(options);

        for (var i = 0; i < 3; i++)
            Assert.True(worker.Dispatcher.TryEnqueue(Job("acc_slow", hanging.Endpoint)));
        await hanging.ConnectedAsync(); // the slow account's first attempt is under way and hangs
        Assert.True(worker.Dispatcher.TryEnqueue(Job("acc_other", receiver.Endpoint)));

        Assert.Equal(200, (await receiver.NextAsync(TimeSpan.FromSeconds(30))).AnsweredStatus);
    }

    // Proves a delivery waiting out its back-off holds no slot: with a single slot, another account's delivery goes through during the wait.
    [Fact]
    public async Task A_delivery_in_back_off_holds_no_worker_slot()
    {
        using var failing = new WebhookReceiver(503, 503, 503, 503);
        using var receiver = new WebhookReceiver();
        var options = Options(total: 1, perAccount: 1, retryBase: TimeSpan.FromMinutes(10));
        await using var worker = await StartWorkerAsync(options);

        Assert.True(worker.Dispatcher.TryEnqueue(Job("acc_failing", failing.Endpoint)));
        Assert.Equal(503, (await failing.NextAsync()).AnsweredStatus); // now waiting 10 minutes before its second attempt
        Assert.True(worker.Dispatcher.TryEnqueue(Job("acc_other", receiver.Endpoint)));

        Assert.Equal(200, (await receiver.NextAsync(TimeSpan.FromSeconds(30))).AnsweredStatus);
    }

    private static AlertsOptions Options(int total, int perAccount, TimeSpan retryBase) => new()
    {
        MaxConcurrentDeliveries = total,
        MaxConcurrentDeliveriesPerAccount = perAccount,
        RetryBaseDelay = retryBase,
        RetryMaxDelay = retryBase,
        WebhookTimeout = TimeSpan.FromMinutes(10),
        AllowPrivateWebhookDestinations = true,
    };

    private static AlertDeliveryJob Job(string accountId, string endpoint) =>
        new(AlertIds.RuleGrainKey(accountId, "rul_" + Guid.NewGuid().ToString("N")), Guid.NewGuid().ToString("N"),
            new AlertAction(AlertAction.Webhook, endpoint, null, null), "{}"u8.ToArray(), "a-secret-of-enough-length", "s", "t");

    private async Task<RunningWorker> StartWorkerAsync(AlertsOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFleetMail(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Fleet:DataDirectory"] = Path.Combine(fixture.DataDirectory, "fairness") })
            .Build());
        services.AddSingleton(new SmtpOptions());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AlertMail>();
        services.AddHttpClient(AlertDeliveryWorker.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => WebhookConnector.CreateHandler(options.AllowPrivateWebhookDestinations));
        var provider = services.BuildServiceProvider();
        var dispatcher = new AlertDispatcher(options);
        var worker = new AlertDeliveryWorker(dispatcher, options, provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<AlertMail>(), fixture.Client, TimeProvider.System, NullLogger<AlertDeliveryWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        return new RunningWorker(worker, dispatcher, provider);
    }

    private sealed class RunningWorker(AlertDeliveryWorker worker, AlertDispatcher dispatcher, ServiceProvider provider) : IAsyncDisposable
    {
        public AlertDispatcher Dispatcher => dispatcher;

        public async ValueTask DisposeAsync()
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
            await provider.DisposeAsync();
        }
    }

    /// <summary>An HTTP endpoint that accepts connections and never answers.</summary>
    private sealed class HangingEndpoint : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<Socket> sockets = [];

        public HangingEndpoint()
        {
            listener.Start();
            Endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook";
            _ = AcceptAsync();
        }

        public string Endpoint { get; }

        public Task ConnectedAsync() => connected.Task.WaitAsync(TimeSpan.FromSeconds(30));

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await listener.AcceptSocketAsync();
                    lock (sockets)
                        sockets.Add(socket);
                    connected.TrySetResult();
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            listener.Stop();
            lock (sockets)
                sockets.ForEach(s => s.Dispose());
        }
    }
}
