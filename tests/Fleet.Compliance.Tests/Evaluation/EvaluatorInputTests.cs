namespace Fleet.Compliance.Tests.Evaluation;

using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

/// <summary>The evaluator refuses missing inputs instead of evaluating them as empty.</summary>
public sealed class EvaluatorInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    // Proves a missing policy, device or subject is an ArgumentNullException, never an empty evaluation.
    [Fact]
    public void Missing_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => PolicyEvaluator.Evaluate(null!, new DeviceFacts(), new("d1", null), Now));
        Assert.Throws<ArgumentNullException>(() => PolicyEvaluator.Evaluate(Policy.Empty, null!, new("d1", null), Now));
        Assert.Throws<ArgumentNullException>(() => PolicyEvaluator.Evaluate(Policy.Empty, new DeviceFacts(), null!, Now));
    }
}
