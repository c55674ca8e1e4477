using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Fleet.Agent.Configuration;

namespace Fleet.Agent.Connection;

/// <summary>
/// Which servers the agent talks to and how it trusts them: https:// verified against the system's roots, or only
/// against a private CA (<c>enroll --ca-file</c>, kept in agent.json for <c>run</c>); plain http:// only to this machine
/// unless <c>--allow-insecure</c> was given, since the agent token and every report would cross the network readable.
/// </summary>
public sealed record ServerTrust(string? CaCertificatesPem, bool AllowInsecure)
{
    public static readonly ServerTrust SystemRoots = new(null, false);

    public static ServerTrust From(AgentConfig config) => new(config.CaCertificatesPem, config.AllowInsecure);

    /// <summary>Why <paramref name="url"/> may not be used, or null when it may.</summary>
    public string? Refusal(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"'{url}' is not an http:// or https:// URL.";
        if (uri.Scheme == "http" && !uri.IsLoopback && !AllowInsecure)
            return $"'{url}' is plain HTTP to another machine: the agent token and every report would cross the network unencrypted. " +
                   "Use https:// (add --ca-file for a private certificate authority), or --allow-insecure if you really mean it.";
        return null;
    }

    /// <summary>The private CA's certificates; throws <see cref="InvalidDataException"/> when the PEM holds none.</summary>
    public static X509Certificate2Collection ParseCertificates(string pem)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidDataException("The CA file is not PEM certificates: " + e.Message, e);
        }
        return certificates.Count > 0 ? certificates : throw new InvalidDataException("The CA file holds no PEM certificate.");
    }

    /// <summary>TLS settings for https:// servers: null means the system's roots.</summary>
    public SslClientAuthenticationOptions? SslOptions()
    {
        if (CaCertificatesPem is null)
            return null;
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // A private CA rarely publishes revocation lists; the name check and the chain to this CA still apply.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(ParseCertificates(CaCertificatesPem));
        return new SslClientAuthenticationOptions { CertificateChainPolicy = policy };
    }
}
