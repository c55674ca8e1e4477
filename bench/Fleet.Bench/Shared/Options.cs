using System.Globalization;

namespace Fleet.Bench.Shared;

/// <summary>A tiny `--name value` / `--flag` parser: every option a subcommand reads is listed in its usage line.</summary>
public sealed class Options(string[] args)
{
    public string[] Args { get; } = args;

    public bool Flag(string name) => Args.Contains(name);

    public string String(string name, string fallback)
    {
        var index = Array.IndexOf(Args, name);
        return index >= 0 && index + 1 < Args.Length ? Args[index + 1] : fallback;
    }

    public int Int(string name, int fallback) => int.Parse(String(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Double(string name, double fallback) => double.Parse(String(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>The command line as typed (for the docs: "the exact command").</summary>
    public string CommandLine(string subcommand) =>
        "dotnet run -c Release --no-build --project bench/Fleet.Bench -- " + string.Join(' ', Args.Prepend(subcommand));
}
