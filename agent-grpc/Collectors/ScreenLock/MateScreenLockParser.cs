using Fleet.Agent.Collectors.Commands;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// MATE: gsettings org.mate.screensaver idle-activation-enabled and lock-enabled (true|false), lock-delay
/// (minutes after the screensaver starts), and org.mate.session idle-delay (minutes idle before it starts).
/// </summary>
public static class MateScreenLockParser
{
    public static ScreenLockFacts Parse(CommandResult idleActivation, CommandResult lockEnabled, CommandResult idleDelay, CommandResult lockDelay)
    {
        var all = new[] { idleActivation, lockEnabled, idleDelay, lockDelay };
        if (all.Any(r => r.Stderr.Contains("'memory' GSettings backend", StringComparison.OrdinalIgnoreCase)))
        {
            return ScreenLockFacts.Unknown("gsettings fell back to the memory backend: values are defaults, not this user's settings");
        }
        if (all.FirstOrDefault(r => !r.Succeeded) is { } failed)
        {
            return ScreenLockFacts.Unknown(failed.Describe("gsettings get org.mate.screensaver/org.mate.session"));
        }
        if (idleActivation.Stdout.Trim() != "true")
        {
            const string why = "MATE idle-activation-enabled is false: the screensaver does not start when idle";
            return new ScreenLockFacts(Fact.Off(why), ScreenLockFacts.Never(why));
        }
        if (lockEnabled.Stdout.Trim() != "true")
        {
            const string why = "MATE lock-enabled is false";
            return new ScreenLockFacts(Fact.Off(why), ScreenLockFacts.Never(why));
        }
        var idle = GnomeScreenLockParser.Seconds(StripInt32(idleDelay.Stdout));
        var grace = GnomeScreenLockParser.Seconds(StripInt32(lockDelay.Stdout)) ?? 0;
        if (idle is null or 0)
        {
            var why = idle is null ? $"unrecognised MATE idle-delay: {idleDelay.Stdout.Trim()}" : "MATE idle-delay 0";
            return idle is null ? ScreenLockFacts.Unknown(why) : new ScreenLockFacts(Fact.Off(why), ScreenLockFacts.Never(why));
        }
        var evidence = $"MATE idle-delay {idle} min + lock-delay {grace} min";
        return new ScreenLockFacts(Fact.On("MATE lock-enabled is true"), NumericFact.Of((idle.Value + grace) * 60, evidence));
    }

    private static string StripInt32(string value) =>
        value.Trim().StartsWith("int32 ", StringComparison.Ordinal) ? value.Trim()["int32 ".Length..] : value.Trim();
}
