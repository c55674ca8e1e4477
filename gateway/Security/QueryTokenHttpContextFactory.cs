using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Fleet.Gateway.Security;

/// <summary>
/// Browsers cannot set headers on a WebSocket, so dashboards send their API key to the SignalR hub as
/// <c>?access_token=</c>. Every request log (ASP.NET's "Request starting …" line among them) prints the query string,
/// so the key is taken out of it here, before the request's context exists and before anything logs it: on the hub
/// it becomes the <c>Authorization: Bearer</c> header the authentication handler reads; anywhere else it is dropped.
/// </summary>
internal sealed class QueryTokenHttpContextFactory(IServiceProvider services) : IHttpContextFactory
{
    public const string Parameter = "access_token";
    private readonly DefaultHttpContextFactory _inner = new(services);

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        if (featureCollection.Get<IHttpRequestFeature>() is { } request)
            MoveTokenToHeader(request);
        return _inner.Create(featureCollection);
    }

    public void Dispose(HttpContext httpContext) => _inner.Dispose(httpContext);

    internal static void MoveTokenToHeader(IHttpRequestFeature request)
    {
        if (!request.QueryString.Contains(Parameter, StringComparison.OrdinalIgnoreCase))
            return;
        var query = QueryHelpers.ParseQuery(request.QueryString);
        var token = StringValues.Empty;
        var kept = new List<KeyValuePair<string, string?>>();
        foreach (var (name, values) in query)
        {
            if (string.Equals(name, Parameter, StringComparison.OrdinalIgnoreCase))
                token = values;
            else
                kept.AddRange(values.Select(value => new KeyValuePair<string, string?>(name, value)));
        }
        if (token.Count == 0)
            return;

        var remaining = QueryString.Create(kept).ToUriComponent();
        request.QueryString = remaining;
        var pathEnd = request.RawTarget.IndexOf('?');
        if (pathEnd >= 0)
            request.RawTarget = request.RawTarget[..pathEnd] + remaining;
        if (new PathString(request.Path).StartsWithSegments(ApiKeyAuthenticationHandler.HubPath, StringComparison.OrdinalIgnoreCase)
            && StringValues.IsNullOrEmpty(request.Headers.Authorization))
            request.Headers.Authorization = "Bearer " + token.ToString();
    }
}
