using System.Security.Cryptography;
using System.Text;
using Fleet.Contracts.Alerts;
using Fleet.Grains.Alerts;

namespace Fleet.Grains.Tests.Alerts;

public sealed class WebhookSignatureTests
{
    // Proves the header is sha256= and the hex HMAC-SHA256 of the exact body bytes keyed with the secret.
    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_body()
    {
        var body = Encoding.UTF8.GetBytes("{\"status\":\"ACTIVE\"}");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret-s3cret-s3cret"), body));

        Assert.Equal(expected, WebhookSignature.Compute("s3cret-s3cret-s3cret", body));
    }

    // Proves a known vector (RFC 4231 test case 2) so receivers in any language can check their code against it.
    [Fact]
    public void The_signature_matches_a_published_test_vector() =>
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            WebhookSignature.Compute("Jefe", Encoding.ASCII.GetBytes("what do ya want for nothing?")));

    // Proves verification fails for a changed body, a wrong secret or a missing header.
    [Fact]
    public void Verification_fails_for_any_tampering()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var header = WebhookSignature.Compute("secret-one-secret-one", body);

        Assert.True(WebhookSignature.Verify("secret-one-secret-one", body, header));
        Assert.False(WebhookSignature.Verify("secret-one-secret-one", Encoding.UTF8.GetBytes("{ }"), header));
        Assert.False(WebhookSignature.Verify("secret-two-secret-two", body, header));
        Assert.False(WebhookSignature.Verify("secret-one-secret-one", body, null));
    }

    // Proves generated secrets are long and differ.
    [Fact]
    public void Generated_secrets_are_unique_and_long() =>
        Assert.True(WebhookSignature.NewSecret() is var a && WebhookSignature.NewSecret() is var b && a != b && a.Length >= 40);
}

public sealed class DeliveryBackoffTests
{
    private static readonly DeliveryBackoff Backoff = new(5, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

    // Proves the delay doubles from the base and is capped (no jitter at random = 0.5).
    [Fact]
    public void Delays_double_and_are_capped() =>
        Assert.Equal([2, 4, 8, 10], Enumerable.Range(1, 4).Select(n => Backoff.DelayAfter(n, 0.5)!.Value.TotalSeconds));

    // Proves the attempts are bounded: no delay after the last one.
    [Fact]
    public void There_is_no_retry_after_the_last_attempt()
    {
        Assert.Null(Backoff.DelayAfter(5, 0.5));
        Assert.Null(Backoff.DelayAfter(0, 0.5));
    }

    // Proves the jitter stays within ±20 % of the exponential delay.
    [Theory]
    [InlineData(0.0, 1.6)]
    [InlineData(0.999999, 2.4)]
    public void Jitter_stays_within_twenty_percent(double random, double seconds) =>
        Assert.Equal(seconds, Backoff.DelayAfter(1, random)!.Value.TotalSeconds, precision: 3);
}

public sealed class AlertConditionTests
{
    // Proves every supported operator parses and decides as written.
    [Theory]
    [InlineData("count > 0", 1, true)]
    [InlineData("count > 0", 0, false)]
    [InlineData("count >= 2", 2, true)]
    [InlineData("count >= 2", 1, false)]
    [InlineData("count == 3", 3, true)]
    [InlineData("count == 3", 4, false)]
    [InlineData("count < 5", 4, true)]
    [InlineData("count < 5", 5, false)]
    [InlineData("COUNT<=1", 1, true)]
    [InlineData("  count   !=  0 ", 0, false)]
    public void Conditions_decide_on_the_count(string text, long count, bool holds)
    {
        var parsed = AlertCondition.Parse(text);

        Assert.Null(parsed.Error);
        Assert.Equal(holds, parsed.Condition!.Holds(count));
    }

    // Proves the default is count > 0.
    [Fact]
    public void No_condition_means_count_greater_than_zero()
    {
        Assert.Equal("count > 0", AlertCondition.Parse(null).Condition!.ToString());
        Assert.Equal("count > 0", AlertCondition.Parse("  ").Condition!.ToString());
    }

    // Proves anything else is refused with a message naming what is accepted.
    [Theory]
    [InlineData("count > -1")]
    [InlineData("count >")]
    [InlineData("size > 1")]
    [InlineData("count => 1")]
    [InlineData("count > 1.5")]
    [InlineData("count > 1 AND count < 3")]
    public void Other_conditions_are_refused(string text)
    {
        var parsed = AlertCondition.Parse(text);

        Assert.Null(parsed.Condition);
        Assert.Contains("count >= N", parsed.Error);
    }
}
