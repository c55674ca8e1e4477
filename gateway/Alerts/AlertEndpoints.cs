using System.Security.Claims;
using Fleet.Contracts.Alerts;
using Fleet.Gateway.Api;
using Fleet.Gateway.Push;
using Fleet.Gateway.Security;

namespace Fleet.Gateway.Alerts;

/// <summary>
/// Alert rules (<c>/api/v1/alert-rules</c>) and alert instances (<c>/api/v1/alerts</c>) of the caller's account.
/// A rule's secret is answered once, on creation. Another account's ids answer like missing ones (404).
/// </summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var rules = endpoints.MapGroup("/api/v1/alert-rules").RequireAuthorization(FleetPolicies.Account);
        rules.MapGet("/", ListRulesAsync);
        rules.MapPost("/", CreateRuleAsync);
        rules.MapDelete("/{id}", DeleteRuleAsync);
        rules.MapGet("/{id}/deliveries", DeliveriesAsync);
        rules.MapGet("/{id}/history", HistoryAsync);

        var alerts = endpoints.MapGroup("/api/v1/alerts").RequireAuthorization(FleetPolicies.Account);
        alerts.MapGet("/", ListAlertsAsync);
        alerts.MapPost("/{id}/dismiss", DismissAsync);
        return endpoints;
    }

    private static async Task<IResult> ListRulesAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        Results.Ok(new { data = (await Index(grains, user).List()).Select(RuleJson) });

    private static async Task<IResult> CreateRuleAsync(AlertRuleRequest request, ClaimsPrincipal user, IGrainFactory grains, IConfiguration configuration)
    {
        var alerts = configuration.GetSection(AlertsOptions.Section).Get<AlertsOptions>() ?? new AlertsOptions();
        var outcome = AlertRuleValidation.Validate(request, alerts.MinPollingInterval, alerts.AllowPrivateWebhookDestinations);
        if (outcome.SyntaxError is { } syntax)
        {
            return Results.Problem(
                title: "Invalid query",
                detail: $"The query does not parse at line {syntax.Line}, column {syntax.Column}: {syntax.Message}",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?>
                {
                    ["line"] = syntax.Line,
                    ["column"] = syntax.Column,
                    ["expected"] = syntax.Expected,
                    ["errors"] = outcome.Errors,
                });
        }
        if (outcome.Definition is null)
            return Results.ValidationProblem(outcome.Errors);

        var created = await Index(grains, user).Create(outcome.Definition);
        if (created is null)
        {
            return Results.Problem(title: "Too many alert rules",
                detail: $"An account may have at most {IAlertRulesGrain.MaxRules} alert rules (limit: alertRulesPerAccount); delete one first.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["limit"] = "alertRulesPerAccount", ["max"] = IAlertRulesGrain.MaxRules });
        }
        // The only time the secret is shown.
        return Results.Created($"/api/v1/alert-rules/{created.Rule.Id}", new Dictionary<string, object?>(RuleJson(created.Rule)) { ["secret"] = created.Secret });
    }

    private static async Task<IResult> DeleteRuleAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        AlertIds.IsRuleId(id) && await Index(grains, user).Delete(id) ? Results.NoContent() : RuleNotFound(id);

    private static async Task<IResult> DeliveriesAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await Rule(grains, user, id) is not { } rule)
            return RuleNotFound(id);
        return Results.Ok(new { data = await rule.Deliveries() });
    }

    private static async Task<IResult> HistoryAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await Rule(grains, user, id) is not { } rule)
            return RuleNotFound(id);
        return Results.Ok(new { data = await rule.History() });
    }

    private static async Task<IResult> ListAlertsAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        Results.Ok(new { data = (await Index(grains, user).ListAlerts()).Select(PushMessages.ToMessage) });

    private static async Task<IResult> DismissAsync(string id, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains)
    {
        DismissRequest? body = null;
        if (http.ContentLength > 0)
        {
            try
            {
                body = await http.ReadFromJsonAsync<DismissRequest>();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                return Results.Problem(title: "Bad request", detail: "The body is optional; when given it is {\"by\": \"who dismissed it\"}.",
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }
        if (!AlertIds.IsAlertId(id))
            return AlertNotFound(id);
        if (body?.By is { } who && ControlCharacters.In(who))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["by"] = ["Who dismissed the alert, without control characters."] });
        var by = string.IsNullOrWhiteSpace(body?.By) ? "account key" : body.By.Trim()[..Math.Min(body.By.Trim().Length, 200)];
        var alert = await Index(grains, user).Dismiss(id, by);
        return alert is null ? AlertNotFound(id) : Results.Ok(PushMessages.ToMessage(alert));
    }

    private static IAlertRulesGrain Index(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IAlertRulesGrain>(user.GetAccountId()!);

    /// <summary>The rule grain, only when the caller's account has this rule.</summary>
    private static async Task<IAlertRuleGrain?> Rule(IGrainFactory grains, ClaimsPrincipal user, string id)
    {
        if (!AlertIds.IsRuleId(id))
            return null;
        var rule = grains.GetGrain<IAlertRuleGrain>(AlertIds.RuleGrainKey(user.GetAccountId()!, id));
        return await rule.Get() is null ? null : rule;
    }

    private static Dictionary<string, object?> RuleJson(AlertRuleInfo rule) => new()
    {
        ["id"] = rule.Id,
        ["name"] = rule.Name,
        ["query"] = rule.Query,
        ["condition"] = rule.Condition,
        ["actions"] = rule.Actions.Select(a => a.Type == AlertAction.Webhook
            ? (object)new { type = a.Type, endpoint = a.Endpoint, headers = a.Headers?.ToDictionary(h => h.Key, _ => "***") }
            : new { type = a.Type, recipients = a.Recipients }),
        ["pollingInterval"] = rule.PollingInterval is { } p ? (int)p.TotalSeconds : null,
        ["triggerOnNewOnly"] = rule.TriggerOnNewOnly,
        ["createdOn"] = rule.CreatedOn,
        ["activeAlertId"] = rule.ActiveAlertId,
    };

    private static IResult RuleNotFound(string id) =>
        Results.Problem(title: "Alert rule not found", detail: $"No alert rule '{id}' is visible to this key.", statusCode: StatusCodes.Status404NotFound);

    private static IResult AlertNotFound(string id) =>
        Results.Problem(title: "Alert not found", detail: $"No alert '{id}' is visible to this key.", statusCode: StatusCodes.Status404NotFound);
}
