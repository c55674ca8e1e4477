using System.Security.Cryptography;
using Fleet.Contracts.Accounts;

namespace Fleet.Contracts.Agents;

/// <summary>
/// Per-device agent tokens: 256 random bits, handed to the agent once at enrollment and stored on the
/// server only as their SHA-256 (the grain key of <see cref="IAgentTokenGrain"/>).
/// </summary>
public static class AgentTokens
{
    private const string Prefix = "fat_";
    public const int MaxLength = 128;

    public static string Generate() => Prefix + ApiKeys.Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of the token, lower-case hex: what the device grain remembers as its current token.</summary>
    public static string Hash(string token) => ApiKeys.Sha256Hex(token);

    /// <summary>The grain key: <c>tok_</c> + SHA-256 (the prefix keeps Orleans from reading the key as a hex number).</summary>
    public static string GrainKey(string token) => GrainKeyOfHash(Hash(token));

    public static string GrainKeyOfHash(string tokenHash) => "tok_" + tokenHash;

    public static bool IsWellFormed(string token) =>
        token.Length is > 0 and <= MaxLength && !token.AsSpan().ContainsAnyExcept(UrlSafeAlphabet);

    private static readonly System.Buffers.SearchValues<char> UrlSafeAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
