using System.Security.Cryptography;
using System.Text;

namespace Fleet.Contracts.Alerts;

/// <summary>
/// <c>X-Fleet-Signature: sha256=&lt;hex&gt;</c>: the lower-case hex HMAC-SHA256 of the exact body bytes, keyed with the
/// rule's secret (UTF-8). A receiver recomputes it over the raw body and compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Fleet-Signature";

    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(header));

    /// <summary>A new random secret (32 bytes, URL-safe base64).</summary>
    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
