using System.Globalization;
using Fleet.Agent.Collectors.Commands;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// GNOME (and Unity/Budgie/Pantheon): `gsettings get org.gnome.desktop.screensaver lock-enabled` (true|false),
/// `org.gnome.desktop.session idle-delay` ("uint32 300", 0 = never blank) and
/// `org.gnome.desktop.screensaver lock-delay` (seconds between blanking and locking).
/// Cinnamon keeps the same keys under org.cinnamon.desktop.*. Null when the schema is not installed.
/// </summary>
public static class GnomeScreenLockParser
{
    public static ScreenLockFacts? Parse(CommandResult lockEnabled, CommandResult idleDelay, CommandResult lockDelay, string desktop = "GNOME")
    {
        if (lockEnabled.Outcome == CommandOutcome.NotFound || lockEnabled.Stderr.Contains("No such schema", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (new[] { lockEnabled, idleDelay, lockDelay }.Any(r => r.Stderr.Contains("'memory' GSettings backend", StringComparison.OrdinalIgnoreCase)))
        {
            // The memory backend answers with schema defaults, not the user's settings.
            return ScreenLockFacts.Unknown("gsettings fell back to the memory backend: values are defaults, not this user's settings");
        }
        if (!lockEnabled.Succeeded)
        {
            return ScreenLockFacts.Unknown(lockEnabled.Describe("gsettings get org.gnome.desktop.screensaver lock-enabled"));
        }
        var enabled = lockEnabled.Stdout.Trim() switch { "true" => true, "false" => (bool?)false, _ => null };
        if (enabled is null)
        {
            return ScreenLockFacts.Unknown($"unrecognised lock-enabled value: {lockEnabled.Stdout.Trim()}");
        }
        var idle = idleDelay.Succeeded ? Seconds(idleDelay.Stdout) : null;
        var grace = lockDelay.Succeeded ? Seconds(lockDelay.Stdout) ?? 0 : 0;

        var idleFact = idle switch
        {
            null => Fleet.Compliance.Facts.NumericFact.Unknown(idleDelay.Succeeded
                ? $"unrecognised idle-delay value: {idleDelay.Stdout.Trim()}"
                : idleDelay.Describe("gsettings get org.gnome.desktop.session idle-delay")),
            0 => ScreenLockFacts.Never("idle-delay 0: the screen never blanks"),
            _ => Fleet.Compliance.Facts.NumericFact.Of(idle.Value + grace, $"idle-delay {idle} s + lock-delay {grace} s"),
        };
        if (enabled == false)
        {
            return new ScreenLockFacts(Fleet.Compliance.Facts.Fact.Off($"{desktop} lock-enabled is false"), idleFact);
        }
        return idle == 0
            ? new ScreenLockFacts(Fleet.Compliance.Facts.Fact.Off($"{desktop} lock-enabled is true but idle-delay is 0, so the screen never locks by itself"), idleFact)
            : new ScreenLockFacts(Fleet.Compliance.Facts.Fact.On($"{desktop} lock-enabled is true"), idleFact);
    }

    /// <summary>"uint32 300" → 300; a bare "300" also parses.</summary>
    public static long? Seconds(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("uint32 ", StringComparison.Ordinal))
        {
            text = text["uint32 ".Length..];
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }
}
