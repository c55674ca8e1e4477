using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>
/// A private certificate authority made for one test, and a certificate it issued for 127.0.0.1 and localhost (server
/// and client use, so silos can present it to each other), written as PEM (and PFX) into a temp folder.
/// </summary>
public sealed class TestPki : IDisposable
{
    public const string PfxPassword = "test-pfx-password";
    private readonly TempDirectory _folder = new();

    private TestPki(X509Certificate2 authority, X509Certificate2 issued)
    {
        Authority = authority;
        File.WriteAllText(CaPath, authority.ExportCertificatePem());
        File.WriteAllText(CertificatePath, issued.ExportCertificatePem());
        File.WriteAllText(KeyPath, issued.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(PfxPath, issued.Export(X509ContentType.Pkcs12, PfxPassword));
    }

    public X509Certificate2 Authority { get; }
    public string CaPath => Path.Combine(_folder.Path, "ca.pem");
    public string CertificatePath => Path.Combine(_folder.Path, "server.pem");
    public string KeyPath => Path.Combine(_folder.Path, "server.key");
    public string PfxPath => Path.Combine(_folder.Path, "server.pfx");

    /// <summary>The gateway's certificate in ASP.NET's standard settings (PEM certificate and key).</summary>
    public Dictionary<string, string> KestrelSettings() => new()
    {
        ["Kestrel:Certificates:Default:Path"] = CertificatePath,
        ["Kestrel:Certificates:Default:KeyPath"] = KeyPath,
    };

    /// <summary>This certificate for every silo and cluster-mode gateway, members being whoever this CA issued to.</summary>
    public Dictionary<string, string> ClusterTlsSettings() => new()
    {
        ["Fleet:ClusterTls:CertificatePath"] = CertificatePath,
        ["Fleet:ClusterTls:KeyPath"] = KeyPath,
        ["Fleet:ClusterTls:CaPath"] = CaPath,
    };

    public static TestPki Create(string name = "Fleet test")
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest($"CN={name} CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        var authority = authorityRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(2));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var issued = request.Create(authority, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return new TestPki(authority, issued.CopyWithPrivateKey(key));
    }

    /// <summary>An HTTP handler that trusts this CA only (and checks the name, as always).</summary>
    public SocketsHttpHandler CreateHandler()
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(Authority);
        return new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy } };
    }

    public void Dispose() => _folder.Dispose();
}
