using System.Security.Cryptography;
using System.Text;

namespace Fleet.Contracts.Accounts;

/// <summary>Account API keys: generated with 256 random bits, identified by their SHA-256.</summary>
public static class ApiKeys
{
    private const string Prefix = "fleet_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The grain key for an API key. "k" first: Orleans stores hex-looking string keys as integers.</summary>
    public static string GrainKey(string apiKey) => "k" + Sha256Hex(apiKey);

    public static string Sha256Hex(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
