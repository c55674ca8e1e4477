using System.Security.Cryptography;
using System.Text;

namespace Fleet.Contracts.Persons;

/// <summary>Person ids are <c>per_</c> + the first 32 hex digits of SHA-256(account id + "/" + lower-case e-mail): stable, no lookup needed.</summary>
public static class PersonIds
{
    public static string For(string accountId, string email)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(email);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(accountId + "/" + NormalizeEmail(email)));
        return "per_" + Convert.ToHexStringLower(bytes)[..32];
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
