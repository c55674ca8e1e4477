namespace Fleet.Contracts.Accounts;

/// <summary>Account ids look like <c>acc_3f2a…</c>: the underscore keeps Orleans from reading them as hex numbers.</summary>
public static class AccountIds
{
    public static string New() => "acc_" + Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string id) =>
        id.Length == 36 && id.StartsWith("acc_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(LowerHex.Digits);
}
