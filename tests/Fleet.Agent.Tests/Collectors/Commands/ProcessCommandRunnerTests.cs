using Fleet.Agent.Collectors.Commands;

namespace Fleet.Agent.Tests.Collectors.Commands;

public sealed class ProcessCommandRunnerTests
{
    private readonly ProcessCommandRunner _runner = new(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task MissingProgram_IsNotFound_NotAnException()
    {
        var result = await _runner.RunAsync("fleet-no-such-program-7f3a", [], CancellationToken.None);

        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        Assert.Contains("not found", result.Describe("fleet-no-such-program-7f3a"));
    }

    [Fact]
    public async Task Arguments_ArePassedWithoutAShell()
    {
        if (System.OperatingSystem.IsWindows())
        {
            return;
        }

        var result = await _runner.RunAsync("echo", ["a b", "$HOME", "; rm -rf /"], CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("a b $HOME ; rm -rf /\n", result.Stdout);
    }

    [Fact]
    public async Task NonZeroExit_KeepsExitCodeAndStderr()
    {
        if (System.OperatingSystem.IsWindows())
        {
            return;
        }

        var result = await _runner.RunAsync("ls", ["/fleet-no-such-directory"], CancellationToken.None);

        Assert.Equal(CommandOutcome.Exited, result.Outcome);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No such file", result.Stderr);
    }

    [Fact]
    public async Task CommandOverItsTimeout_IsKilledAndReportedTimedOut()
    {
        if (System.OperatingSystem.IsWindows())
        {
            return;
        }
        var runner = new ProcessCommandRunner(TimeSpan.FromMilliseconds(200));

        var result = await runner.RunAsync("sleep", ["30"], CancellationToken.None);

        Assert.Equal(CommandOutcome.TimedOut, result.Outcome);
        Assert.Contains("timed out", result.Describe("sleep"));
    }
}
