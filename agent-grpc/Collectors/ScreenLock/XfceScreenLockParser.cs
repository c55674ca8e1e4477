using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Fleet.Agent.Collectors.Files;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.ScreenLock;

/// <summary>
/// XFCE with xfce4-screensaver: ~/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml, properties
/// /saver/enabled, /saver/idle-activation/enabled, /saver/idle-activation/delay (minutes), /lock/enabled,
/// /lock/saver-activation/enabled, /lock/saver-activation/delay (minutes). xfconf stores only changed values;
/// absent ones take xfce4-screensaver's defaults (enabled, 5 min, lock on, no delay). Without the file there is
/// no evidence xfce4-screensaver is in use (light-locker or nothing may be), so that is Unknown.
/// </summary>
public static class XfceScreenLockParser
{
    public static ScreenLockFacts Parse(FileReadResult channel)
    {
        if (channel.Status == FileReadStatus.Missing)
        {
            return ScreenLockFacts.Unknown("XFCE session without xfce4-screensaver settings (xfce4-screensaver.xml absent): light-locker or no locker may be in use, which Fleet does not read");
        }
        if (channel.Status != FileReadStatus.Read)
        {
            return ScreenLockFacts.Unknown(channel.Describe("xfce4-screensaver.xml"));
        }
        Dictionary<string, string> values;
        try
        {
            values = Properties(channel.Content);
        }
        catch (XmlException e)
        {
            return ScreenLockFacts.Unknown("xfce4-screensaver.xml is not valid XML: " + e.Message);
        }
        bool Flag(string path, bool fallback) => values.TryGetValue(path, out var v) ? v.Equals("true", StringComparison.OrdinalIgnoreCase) : fallback;
        long Minutes(string path, long fallback) =>
            values.TryGetValue(path, out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : fallback;

        var saver = Flag("/saver/enabled", true) && Flag("/saver/idle-activation/enabled", true);
        var idle = Minutes("/saver/idle-activation/delay", 5);
        var locks = Flag("/lock/enabled", true) && Flag("/lock/saver-activation/enabled", true);
        var lockDelay = Minutes("/lock/saver-activation/delay", 0);
        if (!saver || idle == 0)
        {
            const string why = "xfce4-screensaver: the screensaver does not start when idle";
            return new ScreenLockFacts(Fact.Off(why), ScreenLockFacts.Never(why));
        }
        if (!locks)
        {
            const string why = "xfce4-screensaver: locking with the screensaver is off";
            return new ScreenLockFacts(Fact.Off(why), ScreenLockFacts.Never(why));
        }
        var evidence = $"xfce4-screensaver: idle {idle} min + lock delay {lockDelay} min";
        return new ScreenLockFacts(Fact.On(evidence), NumericFact.Of((idle + lockDelay) * 60, evidence));
    }

    /// <summary>Nested &lt;property name=… value=…&gt; elements flattened to "/a/b" → value.</summary>
    private static Dictionary<string, string> Properties(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = XDocument.Load(reader).Root;
        if (root is not null)
        {
            Walk(root, "");
        }
        return values;

        void Walk(XElement element, string prefix)
        {
            foreach (var property in element.Elements("property"))
            {
                var path = prefix + "/" + (string?)property.Attribute("name");
                if (property.Attribute("value") is { } value)
                {
                    values[path] = value.Value;
                }
                Walk(property, path);
            }
        }
    }
}
