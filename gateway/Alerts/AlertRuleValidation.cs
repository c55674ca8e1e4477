using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Xml;
using Fleet.Contracts.Alerts;
using Fleet.Gateway.Api;
using Fleet.Query;
using Fleet.Query.Syntax;

namespace Fleet.Gateway.Alerts;

/// <summary>Turns a request into a rule definition, or into every problem found (field → messages), or a query syntax error.</summary>
public static class AlertRuleValidation
{
    public const int MaxNameLength = 200;
    public const int MaxActions = 10;
    public const int MaxRecipients = 50;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;
    public const int MaxHeaders = 20;
    public const int MaxHeaderNameLength = 100;
    public const int MaxHeaderValueLength = 1_000;
    /// <summary>Longest polling interval a rule may ask for: longer is a typo, and huge values (1e300) overflow timers.</summary>
    public static readonly TimeSpan MaxPollingInterval = TimeSpan.FromDays(31);

    public sealed record Outcome(AlertRuleDefinition? Definition, Dictionary<string, string[]> Errors, QuerySyntaxError? SyntaxError);

    public static Outcome Validate(AlertRuleRequest request, TimeSpan minPollingInterval, bool allowPrivateDestinations)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || ControlCharacters.In(name))
            errors["name"] = [$"A rule needs a name of 1 to {MaxNameLength} characters, without control characters."];

        QuerySyntaxError? syntax = null;
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            errors["query"] = ["A rule needs a J1QL query, e.g. \"FIND HostAgent WITH compliant=false\"."];
        }
        else
        {
            var parsed = J1qlParser.Parse(request.Query, QueryLimits.Default);
            if (!parsed.IsSuccess)
                syntax = parsed.Error;
        }

        var condition = AlertCondition.Parse(request.Condition);
        if (condition.Error is not null)
            errors["condition"] = [condition.Error];

        var actions = new List<AlertAction>();
        var requested = request.Actions ?? [];
        if (requested.Count > MaxActions)
            errors["actions"] = [$"At most {MaxActions} actions per rule."];
        for (var i = 0; i < requested.Count && i < MaxActions; i++)
        {
            var action = requested[i];
            var type = action.Type?.Trim().ToUpperInvariant();
            switch (type)
            {
                case AlertAction.Webhook:
                    if (!Uri.TryCreate(action.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                        errors[$"actions[{i}].endpoint"] = ["A WEBHOOK action needs an absolute http:// or https:// endpoint."];
                    else if (WebhookDestination.Refusal(endpoint, allowPrivateDestinations) is { } range)
                        errors[$"actions[{i}].endpoint"] = [$"The endpoint is in {range} address space, which webhooks may not reach; use a public address."];
                    else if (HeaderProblem(action.Headers) is { } problem)
                        errors[$"actions[{i}].headers"] = [problem];
                    else
                        actions.Add(new AlertAction(AlertAction.Webhook, endpoint.ToString(), action.Headers ?? [], null));
                    break;
                case AlertAction.Email:
                    var recipients = (action.Recipients ?? []).Select(r => r?.Trim() ?? "").ToList();
                    if (recipients.Count is 0 or > MaxRecipients || recipients.Any(r => !MailAddress.TryCreate(r, out _)))
                        errors[$"actions[{i}].recipients"] = [$"An EMAIL action needs 1 to {MaxRecipients} valid e-mail addresses."];
                    else
                        actions.Add(new AlertAction(AlertAction.Email, null, null, recipients));
                    break;
                default:
                    errors[$"actions[{i}].type"] = [$"Action type '{action.Type}' is unknown; use WEBHOOK or EMAIL."];
                    break;
            }
        }

        TimeSpan? polling = null;
        if (request.PollingInterval is { ValueKind: not JsonValueKind.Null } interval)
        {
            polling = ParseInterval(interval);
            if (polling is null || polling < minPollingInterval)
                errors["pollingInterval"] = [$"pollingInterval is seconds (a number) or an ISO 8601 duration such as \"PT15M\", at least {minPollingInterval.TotalSeconds:0} s and at most {MaxPollingInterval.TotalDays:0} days; leave it out to evaluate on every change."];
        }

        var secret = request.Secret;
        if (secret is not null && (secret.Length < MinSecretLength || secret.Length > MaxSecretLength || ControlCharacters.In(secret)))
            errors["secret"] = [$"A secret needs {MinSecretLength} to {MaxSecretLength} characters without control characters; leave it out to have one generated."];

        if (errors.Count > 0 || syntax is not null)
            return new Outcome(null, errors, syntax);
        return new Outcome(
            new AlertRuleDefinition(name!, request.Query!, condition.Condition!.ToString(), actions, polling, request.TriggerOnNewOnly ?? false,
                secret ?? WebhookSignature.NewSecret()),
            errors, null);
    }

    /// <summary>What is wrong with a webhook's extra headers, or null: at most <see cref="MaxHeaders"/>, names are HTTP tokens, values one line.</summary>
    private static string? HeaderProblem(Dictionary<string, string>? headers)
    {
        if (headers is null)
            return null;
        if (headers.Count > MaxHeaders)
            return $"At most {MaxHeaders} headers per webhook (limit: alert-rule headers).";
        foreach (var (name, value) in headers)
        {
            if (name.Length is 0 or > MaxHeaderNameLength || !name.All(IsTokenCharacter))
                return $"A header name is 1 to {MaxHeaderNameLength} letters, digits or !#$%&'*+-.^_`|~.";
            if (value is null || value.Length > MaxHeaderValueLength || ControlCharacters.In(value))
                return $"A header value is at most {MaxHeaderValueLength} characters on one line, without control characters.";
        }
        return null;
    }

    private static bool IsTokenCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    /// <summary>The interval, or null when it is not one or lies outside (0, <see cref="MaxPollingInterval"/>] (1e300 included).</summary>
    private static TimeSpan? ParseInterval(JsonElement value)
    {
        TimeSpan? interval = null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds))
            interval = Seconds(seconds);
        else if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            try { interval = XmlConvert.ToTimeSpan(text); }
            catch (Exception e) when (e is FormatException or OverflowException) { }
            if (interval is null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
                interval = Seconds(seconds);
        }
        return interval > TimeSpan.Zero && interval <= MaxPollingInterval ? interval : null;
    }

    private static TimeSpan? Seconds(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 && seconds <= MaxPollingInterval.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
}
