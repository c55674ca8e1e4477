using System.Security.Claims;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Invites;
using Fleet.Contracts.Persons;
using Fleet.Gateway.Hosting;
using Fleet.Gateway.Security;
using Fleet.Hosting.Mail;
using MimeKit;

namespace Fleet.Gateway.Invites;

public static class InviteEndpoints
{
    private const int MaxEmailLength = 254;

    public static WebApplicationBuilder AddFleetInvites(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(InviteOptions.Section).Get<InviteOptions>() ?? new InviteOptions();
        if (options.Lifetime <= TimeSpan.Zero)
            throw new InvalidOperationException($"Fleet:Invites:Lifetime must be positive; got {options.Lifetime}.");
        builder.Services.AddSingleton(options);
        builder.Services.AddFleetMail(builder.Configuration);
        return builder;
    }

    public static IEndpointRouteBuilder MapInviteEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var invites = endpoints.MapGroup("/api/v1/invites").RequireAuthorization(FleetPolicies.Account);
        invites.MapPost("/", CreateAsync);
        invites.MapGet("/", ListAsync);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(
        CreateInvitesRequest request, ClaimsPrincipal user, IGrainFactory grains, InviteOptions options,
        IMailTransport mail, SmtpOptions smtp, PublicUrls urls, CancellationToken cancellationToken)
    {
        var accountId = user.GetAccountId()!;
        var (emails, errors) = Validate(request.Emails);
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "Invalid invite request");

        var account = await grains.GetGrain<IAccountGrain>(accountId).Get();
        if (account is null)
            return Results.Problem(title: "Account not found", detail: "The account of this key no longer exists.", statusCode: StatusCodes.Status404NotFound);

        var pending = (await Task.WhenAll(InviteIndex.AllGrainKeys(accountId).Select(k => grains.GetGrain<IInviteIndexGrain>(k).CountPending()))).Sum();
        if (pending + emails.Count > options.MaxPendingPerAccount)
            return Results.Problem(
                title: "Too many pending invites",
                detail: $"This account has {pending} pending invites; {emails.Count} more would pass the limit of {options.MaxPendingPerAccount}. Wait for invites to be used or to expire.",
                statusCode: StatusCodes.Status409Conflict);

        var codes = emails.Select(_ => InviteCodes.Generate()).ToList();
        var created = await Task.WhenAll(emails.Select((email, i) =>
            grains.GetGrain<IInviteGrain>(InviteCodes.InviteId(codes[i])).Create(accountId, email, options.Lifetime)));
        // One write per partition for the whole batch.
        await Task.WhenAll(created
            .GroupBy(invite => InviteIndex.PartitionOf(invite.Email))
            .Select(group => grains.GetGrain<IInviteIndexGrain>(InviteIndex.GrainKey(accountId, group.Key)).Add(group.ToList())));

        var messages = created.Select((invite, i) => InviteMessage.Compose(smtp.From, account.Name, invite.Email, codes[i], invite.ExpiresOn, urls)).ToList();
        var deliveries = await mail.SendAsync(messages, cancellationToken);

        return Results.Ok(created.Select((invite, i) => new CreatedInvite(
            invite.Email, codes[i], invite.ExpiresOn, deliveries[i].Delivered, deliveries[i].Error)));
    }

    private static async Task<IResult> ListAsync(string? status, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time)
    {
        InviteStatus? wanted = status?.ToLowerInvariant() switch
        {
            null or "" => null,
            "pending" => InviteStatus.Pending,
            "used" => InviteStatus.Used,
            "expired" => InviteStatus.Expired,
            _ => (InviteStatus)(-1),
        };
        if (wanted == (InviteStatus)(-1))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"status must be pending, used or expired; got '{status}'."] });

        var accountId = user.GetAccountId()!;
        var partitions = await Task.WhenAll(InviteIndex.AllGrainKeys(accountId).Select(k => grains.GetGrain<IInviteIndexGrain>(k).List()));
        var now = time.GetUtcNow();
        var invites = partitions
            .SelectMany(p => p)
            .Select(i => new ListedInvite(i.Id, i.Email, i.StatusAt(now).ToWire(), i.CreatedOn, i.ExpiresOn, i.UsedOn, i.DeviceId))
            .Where(i => wanted is null || i.Status == wanted.Value.ToWire())
            .OrderByDescending(i => i.CreatedAt)
            .ThenBy(i => i.Email, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(invites);
    }

    /// <summary>Every problem at once, keyed by where it is (<c>emails[3]</c>); distinct addresses (case-insensitive), in request order.</summary>
    internal static (List<string> Emails, Dictionary<string, string[]> Errors) Validate(IReadOnlyList<string?>? emails)
    {
        var errors = new Dictionary<string, string[]>();
        var distinct = new List<string>();
        if (emails is null || emails.Count == 0)
        {
            errors["emails"] = ["Give at least one e-mail address: {\"emails\": [\"ann@example.com\"]}."];
            return (distinct, errors);
        }
        if (emails.Count > InviteOptions.MaxPerRequest)
        {
            errors["emails"] = [$"At most {InviteOptions.MaxPerRequest} addresses per request; got {emails.Count}. Send them in several requests."];
            return (distinct, errors);
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < emails.Count; i++)
        {
            var problem = CheckAddress(emails[i], out var normalized);
            if (problem is not null)
                errors[$"emails[{i}]"] = [problem];
            else if (seen.Add(normalized!))
                distinct.Add(normalized!);
        }
        return (distinct, errors);
    }

    private static string? CheckAddress(string? text, out string? normalized)
    {
        normalized = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return "An address is empty.";
        if (trimmed.Length > MaxEmailLength)
            return $"'{trimmed[..40]}…' is longer than {MaxEmailLength} characters.";
        if (trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox)
            || mailbox.Address != trimmed || mailbox.Name is { Length: > 0 })
            return $"'{trimmed}' is not a plain e-mail address such as ann@example.com.";
        var at = trimmed.LastIndexOf('@');
        var domain = trimmed[(at + 1)..];
        if (at <= 0 || trimmed.IndexOf('@') != at || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.'))
            return $"'{trimmed}' is not a plain e-mail address such as ann@example.com (it needs one @ and a domain such as example.com).";
        normalized = PersonIds.NormalizeEmail(trimmed);
        return null;
    }
}

public sealed record CreateInvitesRequest(IReadOnlyList<string?>? Emails);

/// <param name="Mailed">Whether the invitation e-mail was accepted by the SMTP server (or written to the outbox).</param>
public sealed record CreatedInvite(string Email, string Code, DateTimeOffset ExpiresAt, bool Mailed, string? MailError);

public sealed record ListedInvite(string Id, string Email, string Status, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, string? DeviceId);
