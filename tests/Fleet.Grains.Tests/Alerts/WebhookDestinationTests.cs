using System.Net;
using Fleet.Contracts.Alerts;
using Fleet.Grains.Alerts;
using Fleet.Tests.Shared;

namespace Fleet.Grains.Tests.Alerts;

/// <summary>Which webhook destinations an account may reach (docs/security.md, Outbound connections).</summary>
public sealed class WebhookDestinationTests
{
    // Proves every spelling of a loopback, link-local, private, unique-local, unspecified or multicast address is refused at rule creation.
    [Theory]
    [InlineData("http://127.0.0.1/", "loopback")]
    [InlineData("http://2130706433/", "loopback")]
    [InlineData("http://127.1/", "loopback")]
    [InlineData("http://0x7f000001/", "loopback")]
    [InlineData("http://0177.0.0.1/", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/", "loopback")]
    [InlineData("http://[::1]:8080/", "loopback")]
    [InlineData("http://localhost:5000/hook", "loopback")]
    [InlineData("http://LOCALHOST./hook", "loopback")]
    [InlineData("http://api.localhost/hook", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://[fe80::1]/", "link-local")]
    [InlineData("http://[::ffff:169.254.169.254]/", "link-local")]
    [InlineData("http://10.1.2.3/", "private")]
    [InlineData("http://172.16.0.1/", "private")]
    [InlineData("http://192.168.1.1/", "private")]
    [InlineData("http://[fd00::1]/", "unique-local")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("http://0/", "unspecified")]
    [InlineData("http://[::]/", "unspecified")]
    [InlineData("http://224.0.0.1/", "multicast")]
    [InlineData("http://[ff02::1]/", "multicast")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/", "link-local")]
    public void A_special_purpose_destination_is_refused_in_every_spelling(string endpoint, string range)
    {
        Assert.Equal(range, WebhookDestination.Refusal(new Uri(endpoint), allowPrivate: false));
    }

    // Proves public destinations (addresses and names, which are checked again when connecting) pass.
    [Theory]
    [InlineData("https://hooks.example.com/fleet")]
    [InlineData("http://93.184.216.34/")]
    [InlineData("http://[2606:4700::1111]/")]
    [InlineData("http://172.32.0.1/")]
    public void A_public_destination_passes(string endpoint)
    {
        Assert.Null(WebhookDestination.Refusal(new Uri(endpoint), allowPrivate: false));
    }

    // Proves AllowPrivateWebhookDestinations lets loopback and private ranges through but never link-local, unspecified or multicast.
    [Theory]
    [InlineData("http://127.0.0.1/", null)]
    [InlineData("http://localhost/", null)]
    [InlineData("http://10.0.0.1/", null)]
    [InlineData("http://[fd00::1]/", null)]
    [InlineData("http://169.254.169.254/", "link-local")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("http://239.1.1.1/", "multicast")]
    public void Allowing_private_destinations_never_allows_link_local(string endpoint, string? range)
    {
        Assert.Equal(range, WebhookDestination.Refusal(new Uri(endpoint), allowPrivate: true));
    }

    // Proves the connect step checks the address a name resolves to (DNS rebinding): "localhost" resolves to loopback and is refused
    // before any byte is sent; with private destinations allowed, the same request arrives.
    [Fact]
    public async Task A_name_that_resolves_to_a_refused_address_is_refused_when_connecting()
    {
        using var receiver = new WebhookReceiver();
        var endpoint = new UriBuilder(receiver.Endpoint) { Host = "localhost" }.Uri;
        using var refusing = new HttpClient(WebhookConnector.CreateHandler(allowPrivate: false));
        using var allowing = new HttpClient(WebhookConnector.CreateHandler(allowPrivate: true));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => refusing.PostAsync(endpoint, new StringContent("{}")));
        Assert.Equal(DeliveryFailure.DestinationRefused, DeliveryFailure.Categorize(refused));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiver.NextAsync(TimeSpan.FromMilliseconds(500)));

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent("{}") };
        request.Headers.Host = new Uri(receiver.Endpoint).Authority; // the receiver answers its own host name only
        using var delivered = await allowing.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(200, (await receiver.NextAsync()).AnsweredStatus);
    }
}
