using System.Text;
using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Facts;
using Fleet.Compliance.Policy;
using Fleet.Compliance.Remediation;

namespace Fleet.Agent.Status;

/// <summary>
/// The text `fleet-agent status` prints: a table of checks, then how to fix each one that does not
/// pass, with this platform's (and Linux desktop's) directions. Pure, so the wording is tested.
/// </summary>
public static class StatusReport
{
    public static string Format(EvaluationResult result, Policy policy, Platform platform, LinuxDesktop desktop, long policyVersion)
    {
        var text = new StringBuilder();
        text.Append("Device status: ").Append(Label(result.Status))
            .Append(result.Compliant ? " (compliant)" : " (NOT compliant)")
            .Append(" — policy version ").Append(policyVersion).AppendLine();
        text.AppendLine();

        var checkWidth = Math.Max("CHECK".Length, result.Checks.Select(c => c.CheckId.Length).DefaultIfEmpty(0).Max());
        text.Append("CHECK".PadRight(checkWidth)).Append("  STATUS       DETAIL").AppendLine();
        foreach (var check in result.Checks)
        {
            var status = Label(check.Status) + (check.IsWaived ? " (waived)" : "");
            text.Append(check.CheckId.PadRight(checkWidth)).Append("  ").Append(status.PadRight(11)).Append("  ").Append(OneLine(check.Detail)).AppendLine();
        }

        var toFix = result.Checks.Where(c => !c.IsWaived && c.Status is CheckStatus.Fail or CheckStatus.Unknown or CheckStatus.Nudge).ToList();
        if (toFix.Count == 0)
        {
            return text.ToString();
        }
        text.AppendLine().AppendLine("How to fix:");
        foreach (var check in toFix)
        {
            var remediation = RemediationFor(check.CheckId, policy, platform, desktop);
            text.AppendLine().Append('[').Append(Label(check.Status)).Append("] ").Append(check.CheckId);
            if (remediation is null)
            {
                text.AppendLine().AppendLine("   No directions for this check on this platform; ask your IT team.");
                continue;
            }
            text.Append(" — ").AppendLine(remediation.Title);
            text.Append("   Why: ").AppendLine(OneLine(remediation.Why));
            foreach (var line in remediation.DirectionsMarkdown.Split('\n'))
            {
                if (line.Trim().Length > 0)
                {
                    text.Append("   ").AppendLine(line.TrimEnd());
                }
            }
            if (remediation.DeepLink is not null)
            {
                // Shown for the person to open; the agent never opens links by itself.
                text.Append("   Open: ").AppendLine(remediation.DeepLink);
            }
        }
        return text.ToString();
    }

    public static Remediation? RemediationFor(string checkId, Policy policy, Platform platform, LinuxDesktop desktop)
    {
        if (CheckIds.IsApplication(checkId))
        {
            var application = policy.Applications.FirstOrDefault(a => a.CheckId == checkId);
            return application is null ? null : RemediationCatalog.ForApplication(application);
        }
        return RemediationCatalog.For(checkId, platform, desktop);
    }

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "PASS",
        CheckStatus.Nudge => "NUDGE",
        CheckStatus.Fail => "FAIL",
        CheckStatus.Unsupported => "UNSUPPORTED",
        _ => "UNKNOWN",
    };

    public static string Label(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Pass => "PASS",
        ComplianceStatus.Nudge => "NUDGE",
        ComplianceStatus.Fail => "FAIL",
        _ => "UNKNOWN",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
