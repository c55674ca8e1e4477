using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Fleet.Hosting;

/// <summary>
/// The mutual TLS both ends of every Orleans connection use when <see cref="ClusterTlsOptions"/> names a certificate:
/// each presents its certificate, and the other accepts it only if it chains to the cluster's CA. Host names are not
/// checked (silos reach each other by advertised IP address); membership of the CA is the test.
/// </summary>
public static class ClusterTls
{
    public static ClusterTlsOptions Read(IConfiguration configuration) =>
        configuration.GetSection(ClusterTlsOptions.Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();

    public static X509Certificate2 LoadCertificate(ClusterTlsOptions options) =>
        string.IsNullOrWhiteSpace(options.KeyPath)
            ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.Password)
            : X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);

    public static void Configure(TlsOptions tls, ClusterTlsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CaPath))
            throw new InvalidOperationException($"{ClusterTlsOptions.Section}:CaPath is required with {ClusterTlsOptions.Section}:CertificatePath: the CA every cluster member's certificate is issued by.");
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(options.CaPath);
        if (authority.Count == 0)
            throw new InvalidOperationException($"{ClusterTlsOptions.Section}:CaPath ({options.CaPath}) holds no PEM certificate.");

        tls.LocalCertificate = LoadCertificate(options);
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (certificate, _, errors) => ChainsTo(certificate, authority, errors);
    }

    private static bool ChainsTo(X509Certificate2? certificate, X509Certificate2Collection authority, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
