namespace Fleet.Gateway.Tests.Infrastructure;

/// <summary>The built gateway, silo and agent programs, run as real processes (same configuration as this test build).</summary>
public static class BuiltHost
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string GatewayDll => Dll("gateway", "fleet-gateway.dll");
    public static string SiloDll => Dll("silo", "fleet-silo.dll");
    public static string AgentDll => Dll("agent-grpc", "fleet-agent.dll");

    private static string Dll(string project, string file)
    {
        // tests/Fleet.Gateway.Tests/bin/<Configuration>/net10.0/ → <project>/bin/<Configuration>/net10.0/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(RepositoryRoot, project, "bin", configuration, testOutput.Name, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first (dotnet build Fleet.sln).", path);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Fleet.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Fleet.sln not found above the test output folder.");
    }
}
