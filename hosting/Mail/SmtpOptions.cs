namespace Fleet.Hosting.Mail;

/// <summary>
/// Outgoing mail (section <c>Fleet:Smtp</c>). Without a <see cref="Host"/>, every message is written as an
/// <c>.eml</c> file to <c>&lt;data folder&gt;/outbox/</c> instead, so a fresh install works without a mail server.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Fleet:Smtp";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "Fleet <fleet@localhost>";

    /// <summary><c>auto</c> (TLS on 465, STARTTLS when offered elsewhere), <c>starttls</c> (required), <c>tls</c> (TLS on connect), <c>none</c>.</summary>
    public string Tls { get; set; } = "auto";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
