namespace Fleet.Agent.Collectors.Commands;

/// <summary>How an external command ended. Collectors turn anything but a clean exit into an Unknown with a reason.</summary>
public enum CommandOutcome
{
    Exited = 0,
    NotFound = 1,
    TimedOut = 2,
    FailedToStart = 3,
}

/// <summary>The outcome, exit code and captured output of one external command.</summary>
public sealed record CommandResult(
    CommandOutcome Outcome,
    int ExitCode,
    string Stdout,
    string Stderr,
    string? Error = null)
{
    public bool Succeeded => Outcome == CommandOutcome.Exited && ExitCode == 0;

    public static CommandResult Exited(int exitCode, string stdout, string stderr = "") =>
        new(CommandOutcome.Exited, exitCode, stdout, stderr);

    public static CommandResult NotFound() => new(CommandOutcome.NotFound, -1, "", "", "not found");

    public static CommandResult TimedOut(string detail) => new(CommandOutcome.TimedOut, -1, "", "", detail);

    public static CommandResult FailedToStart(string detail) => new(CommandOutcome.FailedToStart, -1, "", "", detail);

    /// <summary>A one-line reason for a fact's Unknown, e.g. "`lsblk` exited 1: lsblk: unknown column".</summary>
    public string Describe(string command) => Outcome switch
    {
        CommandOutcome.NotFound => $"`{command}` not found",
        CommandOutcome.TimedOut => $"`{command}` {Error}",
        CommandOutcome.FailedToStart => $"`{command}` could not start: {Error}",
        _ when ExitCode == 0 => $"`{command}` succeeded",
        _ => $"`{command}` exited {ExitCode}{FirstLine(Stderr, Stdout)}",
    };

    private static string FirstLine(string stderr, string stdout)
    {
        var text = string.IsNullOrWhiteSpace(stderr) ? stdout : stderr;
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? "" : ": " + (line.Length > 160 ? line[..160] + "…" : line);
    }
}
