namespace Fleet.Gateway.Hosting;

/// <summary>
/// TLS for the gateway's two ports, configured the standard ASP.NET way: <c>Kestrel:Certificates:Default:Path</c> with
/// <c>:KeyPath</c> (PEM) or <c>:Password</c> (PFX), or <c>:Subject</c> + <c>:Store</c>. With a certificate, both ports
/// serve TLS only (agents: HTTP/2 negotiated by ALPN) and the public URLs are https://; without one, plain HTTP.
/// </summary>
public static class GatewayTls
{
    public const string DefaultCertificate = "Kestrel:Certificates:Default";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[DefaultCertificate + ":Path"]) ||
        !string.IsNullOrWhiteSpace(configuration[DefaultCertificate + ":Subject"]);
}
