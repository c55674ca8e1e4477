using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Xml;
using Fleet.Contracts.Alerts;
using Fleet.Query;
using Fleet.Query.Syntax;
using Fleet.Silo.Alerts;

namespace Fleet.Gateway.Alerts;

/// <summary>Turns a request into a rule definition, or into every problem found (field → messages), or a query syntax error.</summary>
public static class AlertRuleValidation
{
    public const int MaxNameLength = 200;
    public const int MaxActions = 10;
    public const int MaxRecipients = 50;
    public const int MinSecretLength = 16;

    public sealed record Outcome(AlertRuleDefinition? Definition, Dictionary<string, string[]> Errors, QuerySyntaxError? SyntaxError);

    public static Outcome Validate(AlertRuleRequest request, TimeSpan minPollingInterval, bool allowPrivateDestinations)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            errors["name"] = [$"A rule needs a name of 1 to {MaxNameLength} characters."];

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
                errors["pollingInterval"] = [$"pollingInterval is seconds (a number) or an ISO 8601 duration such as \"PT15M\", at least {minPollingInterval.TotalSeconds:0} s; leave it out to evaluate on every change."];
        }

        var secret = request.Secret;
        if (secret is not null && secret.Length < MinSecretLength)
            errors["secret"] = [$"A secret needs at least {MinSecretLength} characters; leave it out to have one generated."];

        if (errors.Count > 0 || syntax is not null)
            return new Outcome(null, errors, syntax);
        return new Outcome(
            new AlertRuleDefinition(name!, request.Query!, condition.Condition!.ToString(), actions, polling, request.TriggerOnNewOnly ?? false,
                secret ?? WebhookSignature.NewSecret()),
            errors, null);
    }

    private static TimeSpan? ParseInterval(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
            return TimeSpan.FromSeconds(seconds);
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            try { return XmlConvert.ToTimeSpan(text); }
            catch (FormatException) { }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0)
                return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }
}
