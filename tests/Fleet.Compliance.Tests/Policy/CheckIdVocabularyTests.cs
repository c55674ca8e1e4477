namespace Fleet.Compliance.Tests.Policy;

using Fleet.Compliance.Policy;

/// <summary>
/// <see cref="CheckIds"/> is the one list of check ids: a check added there must be writable in a policy, and a
/// top-level policy key is either a check or one of the few keys that configure the document itself.
/// </summary>
public sealed class CheckIdVocabularyTests
{
    // The top-level keys that are not checks: the application list, the waivers, an alias and an option of a check.
    private static readonly string[] DocumentKeys =
        [PolicyKeys.Applications, PolicyKeys.Waivers, PolicyKeys.StethoscopeVersion, PolicyKeys.WindowsMaxScreenLockTimeout];

    [Fact]
    public void Every_setting_check_is_a_top_level_policy_key()
    {
        Assert.Empty(CheckIds.Settings.Except(PolicyKeys.TopLevel));
    }

    [Fact]
    public void Every_top_level_policy_key_is_a_check_or_a_document_key()
    {
        Assert.Empty(PolicyKeys.TopLevel.Except(CheckIds.Settings).Except(DocumentKeys));
    }

    [Fact]
    public void No_document_key_is_also_a_check()
    {
        Assert.DoesNotContain(DocumentKeys, CheckIds.IsSetting);
    }

    [Fact]
    public void A_setting_written_in_a_policy_is_read_under_its_check_id()
    {
        var unknown = CheckIds.Settings
            .Where(id => PolicyParser.Parse(id + ": ALWAYS\n").Warnings.Any(w => w.Message.StartsWith("unknown key", StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(unknown);
    }
}
