namespace Fleet.Hosting.Storage;

/// <summary>ADO.NET provider invariant names as Orleans 10.4 maps them to drivers (clustering and reminders, cluster mode).</summary>
public static class AdoNetInvariants
{
    public const string Postgres = "Npgsql";
}
