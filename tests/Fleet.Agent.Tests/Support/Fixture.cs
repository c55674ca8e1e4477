namespace Fleet.Agent.Tests.Support;

/// <summary>Reads a captured tool output from Fixtures/ (copied next to the test assembly).</summary>
internal static class Fixture
{
    public static string Text(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));

    public static Fleet.Agent.Collectors.Commands.CommandResult Stdout(string relativePath, int exitCode = 0) =>
        Fleet.Agent.Collectors.Commands.CommandResult.Exited(exitCode, Text(relativePath));

    public static Fleet.Agent.Collectors.Commands.CommandResult Stderr(string relativePath, int exitCode = 1) =>
        Fleet.Agent.Collectors.Commands.CommandResult.Exited(exitCode, "", Text(relativePath));
}
