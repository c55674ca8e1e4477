using System.ComponentModel;
using System.Diagnostics;

namespace Fleet.Agent.Collectors.Commands;

/// <summary>Runs real processes as the current user, each bounded by a per-command timeout.</summary>
public sealed class ProcessCommandRunner(TimeSpan timeout) : ICommandRunner
{
    // ENOENT on Unix and ERROR_FILE_NOT_FOUND on Windows are both 2.
    private const int FileNotFound = 2;
    private const int PermissionDenied = 13;

    public TimeSpan Timeout { get; } = timeout;

    public async Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Closed at once so a tool that would prompt (for a password, say) reads EOF instead of hanging.
            RedirectStandardInput = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        if (!System.OperatingSystem.IsWindows())
        {
            // Parsers expect untranslated output; Windows tools ignore these and are parsed defensively.
            startInfo.Environment["LC_ALL"] = "C";
            startInfo.Environment["LANG"] = "C";
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            if (!process.Start())
            {
                return CommandResult.FailedToStart("process did not start");
            }
        }
        catch (Win32Exception e) when (e.NativeErrorCode == FileNotFound)
        {
            return CommandResult.NotFound();
        }
        catch (Win32Exception e) when (e.NativeErrorCode == PermissionDenied)
        {
            return CommandResult.FailedToStart("permission denied");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return CommandResult.FailedToStart(e.Message);
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return CommandResult.Exited(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            return CommandResult.TimedOut(cancellationToken.IsCancellationRequested
                ? "was cancelled (scan budget exhausted)"
                : $"timed out after {Timeout.TotalSeconds:0.#} s");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited, or not ours to kill: nothing more to do.
        }
    }
}
