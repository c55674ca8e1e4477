using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>The Fleet agent's own version against the policy's range.</summary>
internal static class AgentVersionCheck
{
    public static CheckOutcome Evaluate(VersionRange allowed, string reported)
    {
        if (string.IsNullOrWhiteSpace(reported)) return CheckOutcome.CouldNotRead("the agent did not report its version");
        if (!VersionText.TryParseVersion(reported, out var version)) return CheckOutcome.CouldNotRead($"agent version '{reported}' is not a version number");
        return allowed.Contains(version)
            ? new(CheckStatus.Pass, $"Agent {reported} is current")
            : new(CheckStatus.Fail, $"Agent {reported} is outside the required {allowed.Text}");
    }
}
