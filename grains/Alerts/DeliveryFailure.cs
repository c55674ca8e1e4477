namespace Fleet.Grains.Alerts;

/// <summary>
/// What a failed delivery attempt records in the rule's delivery log: a category (<c>connect_failed</c>,
/// <c>timeout</c>, <c>http_503</c>, …), never an exception's text, which may describe the network behind the silo.
/// </summary>
public static class DeliveryFailure
{
    public const string Timeout = "timeout";
    public const string ConnectFailed = "connect_failed";
    public const string DestinationRefused = "destination_refused";
    public const string RequestFailed = "request_failed";
    public const string MailFailed = "mail_failed";
    public const string UnknownAction = "unknown_action";

    public static string Http(int status) => $"http_{status}";

    public static string Categorize(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is WebhookDestinationRefusedException)
                return DestinationRefused;
        }
        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => ConnectFailed,
            HttpRequestException { InnerException: System.Net.Sockets.SocketException } => ConnectFailed,
            System.Net.Sockets.SocketException => ConnectFailed,
            _ => RequestFailed,
        };
    }
}
