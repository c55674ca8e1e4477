namespace Fleet.Silo.Accounts;

public sealed class ApiKeyState
{
    public string? AccountId { get; set; }
}
