using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Evaluation;

/// <summary>
/// Evaluates device facts against a policy (docs/policy.md). Pure and deterministic: the same inputs
/// give an equal result, checks in <see cref="CheckIds.Settings"/> order then applications in
/// policy order. Runs in the silo (authoritative, for every device after a policy change) and in
/// the agent.
/// </summary>
public static class PolicyEvaluator
{
    public static EvaluationResult Evaluate(Policy.Policy policy, DeviceFacts facts, WaiverSubject subject, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(subject);

        var checks = new List<CheckResult>(8 + policy.Applications.Count);
        var context = new Context(policy, subject, now, checks);

        if (OsVersionCheck.Evaluate(policy, facts) is { } os) context.Add(CheckIds.OsVersion, os);
        context.AddSetting(CheckIds.Firewall, policy.Firewall, facts.Firewall, facts.Platform);
        context.AddSetting(CheckIds.DiskEncryption, policy.DiskEncryption, facts.DiskEncryption, facts.Platform);
        context.AddSetting(CheckIds.AutomaticUpdates, policy.AutomaticUpdates, facts.AutomaticUpdates, facts.Platform);
        if (policy.ScreenLock is { } screenLock)
        {
            var outcome = SettingCheck.Evaluate(screenLock, facts.ScreenLock, SettingName.For(CheckIds.ScreenLock, facts.Platform));
            context.Add(CheckIds.ScreenLock, WindowsLockTimeoutCheck.Apply(outcome, screenLock, policy.WindowsMaxScreenLockTimeout, facts));
        }
        if (policy.ScreenIdle is not null) context.Add(CheckIds.ScreenIdle, ScreenIdleCheck.Evaluate(policy.ScreenIdle, facts.ScreenIdleSeconds));
        context.AddSetting(CheckIds.RemoteLogin, policy.RemoteLogin, facts.RemoteLogin, facts.Platform);
        if (policy.AgentVersion is not null) context.Add(CheckIds.AgentVersion, AgentVersionCheck.Evaluate(policy.AgentVersion, facts.AgentVersion));
        context.AddSetting(CheckIds.OpenWifiConnections, policy.OpenWifiConnections, facts.OpenWifiConnections, facts.Platform);
        foreach (var application in policy.Applications)
        {
            if (ApplicationCheck.Evaluate(application, facts) is { } outcome) context.Add(application.CheckId, outcome);
        }

        var status = Overall(checks);
        return new EvaluationResult(status, status is ComplianceStatus.Pass or ComplianceStatus.Nudge, ValueList<CheckResult>.From(checks));
    }

    /// <summary>FAIL if any FAIL, else UNKNOWN if any UNKNOWN, else NUDGE if any NUDGE, else PASS; waived results do not count.</summary>
    private static ComplianceStatus Overall(List<CheckResult> checks)
    {
        bool anyUnknown = false, anyNudge = false;
        foreach (var check in checks)
        {
            if (check.Waiver is not null) continue;
            switch (check.Status)
            {
                case CheckStatus.Fail: return ComplianceStatus.Fail;
                case CheckStatus.Unknown: anyUnknown = true; break;
                case CheckStatus.Nudge: anyNudge = true; break;
            }
        }
        return anyUnknown ? ComplianceStatus.Unknown : anyNudge ? ComplianceStatus.Nudge : ComplianceStatus.Pass;
    }

    private sealed class Context(Policy.Policy policy, WaiverSubject subject, DateTimeOffset now, List<CheckResult> checks)
    {
        public void AddSetting(string checkId, Requirement? requirement, Fact fact, Platform platform)
        {
            if (requirement is { } value) Add(checkId, SettingCheck.Evaluate(value, fact, SettingName.For(checkId, platform)));
        }

        public void Add(string checkId, CheckOutcome outcome)
        {
            // Only results that would count against the device are waived; a PASS needs no excuse.
            var waiver = outcome.Status is CheckStatus.Fail or CheckStatus.Unknown or CheckStatus.Nudge
                ? FindWaiver(checkId)
                : null;
            checks.Add(new CheckResult(checkId, outcome.Status, outcome.Detail, waiver));
        }

        private CheckWaiver? FindWaiver(string checkId)
        {
            var comparison = CheckIds.IsApplication(checkId) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            Waiver? best = null;
            foreach (var waiver in policy.Waivers)
            {
                if (!string.Equals(waiver.Check, checkId, comparison)) continue;
                if (!waiver.IsInEffect(now) || !waiver.Covers(subject.DeviceId, subject.PersonEmail)) continue;
                // Several matching waivers: the one lasting longest, so the choice does not depend on order.
                if (best is null || waiver.Expires > best.Expires) best = waiver;
            }
            return best is null ? null : new CheckWaiver(best.Justification, best.Expires, best.Device, best.Person);
        }
    }
}
