namespace Fleet.Hosting;

/// <summary>
/// Mutual TLS between silos and between cluster-mode gateways and silos (section <c>Fleet:ClusterTls</c>). Every process
/// of the cluster gets a certificate issued by the cluster's CA; each side of a connection must present one that chains
/// to <see cref="CaPath"/>, so a process without such a certificate can neither join nor call a grain.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Fleet:ClusterTls";

    /// <summary>This process's certificate: PEM (with <see cref="KeyPath"/>) or PFX (with <see cref="Password"/>). Empty: no TLS.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The PEM private key of <see cref="CertificatePath"/>; empty for a PFX.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>The PFX's password.</summary>
    public string Password { get; set; } = "";

    /// <summary>PEM of the CA that every member's certificate must chain to (required with a certificate).</summary>
    public string CaPath { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
