using System.Security.Cryptography;
using System.Text;
using Fleet.Contracts.Accounts;
using Fleet.Hosting;
using Fleet.Hosting.Storage;

namespace Fleet.Gateway.Security;

/// <summary>
/// The key that may create accounts: from configuration (<c>Fleet:OperatorKey</c>), or in embedded mode
/// generated on first start into the data folder (owner-only file; the start-up banner says where).
/// </summary>
public sealed class OperatorKey
{
    private const string FileName = "operator.key";
    private readonly byte[] _hash;

    private OperatorKey(string key) => _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Constant-time comparison, so response timing tells nothing about the key.</summary>
    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Returns the key and, when it was generated just now, the key itself so the caller can print it once.</summary>
    public static (OperatorKey Key, string? Generated) Load(FleetOptions options, bool mayGenerate)
    {
        if (!string.IsNullOrWhiteSpace(options.OperatorKey))
            return (new OperatorKey(options.OperatorKey), null);
        if (!mayGenerate)
            throw new InvalidOperationException("Fleet:OperatorKey is required in cluster mode (env Fleet__OperatorKey).");

        var dataDirectory = PrivateFiles.CreateFolder(options.ResolveDataDirectory());
        var path = PathIn(dataDirectory);
        if (File.Exists(path))
            return (new OperatorKey(File.ReadAllText(path).Trim()), null);

        var key = "op_" + ApiKeys.Base64Url(RandomNumberGenerator.GetBytes(32));
        using (var writer = new StreamWriter(PrivateFiles.CreateNew(path), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            writer.Write(key);
        return (new OperatorKey(key), key);
    }
}
