using System.Xml;
using System.Xml.Linq;

namespace Fleet.Agent.Collectors.Applications;

/// <summary>
/// Reads CFBundleName (or CFBundleDisplayName) and CFBundleShortVersionString from an app's
/// Contents/Info.plist in XML form. Binary plists ("bplist00…") are converted by `plutil` first.
/// </summary>
public static class InfoPlistParser
{
    public static bool IsBinary(string content) => content.StartsWith("bplist", StringComparison.Ordinal);

    /// <returns>Null when the text is not an XML plist with a top-level dict.</returns>
    public static (string? Name, string? Version)? Parse(string xml)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var dict = XDocument.Load(reader).Root?.Element("dict");
            if (dict is null)
            {
                return null;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            string? key = null;
            foreach (var element in dict.Elements())
            {
                if (element.Name == "key")
                {
                    key = element.Value;
                }
                else if (key is not null)
                {
                    if (element.Name == "string")
                    {
                        values[key] = element.Value.Trim();
                    }
                    key = null;
                }
            }
            var name = values.GetValueOrDefault("CFBundleName") ?? values.GetValueOrDefault("CFBundleDisplayName");
            var version = values.GetValueOrDefault("CFBundleShortVersionString") ?? values.GetValueOrDefault("CFBundleVersion");
            return (string.IsNullOrEmpty(name) ? null : name, string.IsNullOrEmpty(version) ? null : version);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
