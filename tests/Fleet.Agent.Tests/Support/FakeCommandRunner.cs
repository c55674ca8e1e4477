using Fleet.Agent.Collectors.Commands;

namespace Fleet.Agent.Tests.Support;

/// <summary>Answers commands from a table keyed by "program arg1 arg2"; anything else is "not found".</summary>
internal sealed class FakeCommandRunner : ICommandRunner
{
    private readonly Dictionary<string, CommandResult> _answers = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public FakeCommandRunner On(string commandLine, CommandResult result)
    {
        _answers[commandLine] = result;
        return this;
    }

    public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var line = string.Join(' ', [program, .. arguments]);
        lock (Calls)
        {
            Calls.Add(line);
        }
        return Task.FromResult(_answers.TryGetValue(line, out var result) ? result : CommandResult.NotFound());
    }
}
