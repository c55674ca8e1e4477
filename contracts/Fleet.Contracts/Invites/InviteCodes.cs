using System.Security.Cryptography;
using System.Text;
using Fleet.Contracts.Accounts;

namespace Fleet.Contracts.Invites;

/// <summary>
/// One-time invite codes: 160 random bits in base32 (32 characters, A–Z and 2–7, easy to read out and to
/// paste into a terminal). The server stores only their SHA-256, as the key of <see cref="IInviteGrain"/>.
/// </summary>
public static class InviteCodes
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const int RandomBytes = 20;
    public const int Length = RandomBytes * 8 / 5;

    public static string Generate()
    {
        var bytes = RandomNumberGenerator.GetBytes(RandomBytes);
        var code = new StringBuilder(Length);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                code.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return code.ToString();
    }

    /// <summary>
    /// The code as typed: spaces and dashes dropped, upper-cased. Null when it cannot be a code (wrong length
    /// or characters), so a malformed code never reaches a grain.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 4 * Length)
            return null;
        var code = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-')
                continue;
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper))
                return null;
            code.Append(upper);
        }
        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>The invite's id and grain key: <c>inv_</c> + SHA-256 of the normalized code.</summary>
    public static string InviteId(string normalizedCode) => "inv_" + ApiKeys.Sha256Hex(normalizedCode);

    /// <summary>Invite ids as they appear in the invite list.</summary>
    public static bool IsInviteId(string id) =>
        id.Length == 68 && id.StartsWith("inv_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(LowerHex.Digits);
}
