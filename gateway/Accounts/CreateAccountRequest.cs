namespace Fleet.Gateway.Accounts;

public sealed record CreateAccountRequest(string? Name);
