using System.Text;

namespace Fleet.Bench.Shared;

/// <summary>
/// One benchmark's result as Markdown: machine, exact command, table, ratio to the baseline and verdict. Printed, and
/// written into docs/benchmarks.md between <c>&lt;!-- bench:key:begin/end --&gt;</c> markers inside the section
/// <c>## title</c> (created at the end of the file if missing), so notes written by hand around the markers stay.
/// </summary>
public sealed class BenchReport(string key, string title, Options options, string subcommand)
{
    private readonly StringBuilder _body = new();
    private readonly string _loadBefore = $"{Machine.LoadAverage()}, {Machine.CpuPressure()}";

    public void Line(string text = "") => _body.AppendLine(text);

    public void Table(string[] header, IEnumerable<string[]> rows)
    {
        _body.AppendLine("| " + string.Join(" | ", header.Select(h => h.Trim())) + " |");
        _body.AppendLine("|" + string.Join("|", header.Select(h => h.EndsWith(' ') ? "---:" : "---")) + "|");
        foreach (var row in rows)
            _body.AppendLine("| " + string.Join(" | ", row) + " |");
        _body.AppendLine();
    }

    public string Render() =>
        $"""
        Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine.Describe()}; load average before the run {_loadBefore}.

        ```
        {options.CommandLine(subcommand)}
        ```

        {_body.ToString().TrimEnd()}
        """;

    /// <summary>Prints the result and, unless <c>--no-docs</c>, writes it into docs/benchmarks.md.</summary>
    public void Publish()
    {
        var text = Render();
        Console.WriteLine();
        Console.WriteLine(text);
        if (options.Flag("--no-docs"))
            return;
        var path = Path.Combine(HostProcess.RepositoryRoot, "docs", "benchmarks.md");
        var doc = File.ReadAllText(path);
        var begin = $"<!-- bench:{key}:begin -->";
        var end = $"<!-- bench:{key}:end -->";
        var block = $"{begin}\n{text}\n{end}";
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        if (start >= 0)
        {
            var stop = doc.IndexOf(end, start, StringComparison.Ordinal) + end.Length;
            doc = doc[..start] + block + doc[stop..];
        }
        else
        {
            doc = doc.TrimEnd() + $"\n\n## {title}\n\n{block}\n";
        }
        File.WriteAllText(path, doc);
        Console.WriteLine($"(written to {path}, section '## {title}')");
    }

    public static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0.0");
    public static string N(double value) => double.IsNaN(value) ? "–" : value.ToString("N0");
}
