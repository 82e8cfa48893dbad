using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace MultiTask.PackageTests;

/// <summary>One packed .nupkg as the tests read it: its file list and its nuspec.</summary>
internal sealed class Package
{
    private Package(IReadOnlyList<string> entries, XElement metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    public IReadOnlyList<string> Entries { get; }

    /// <summary>The nuspec's &lt;metadata&gt; element.</summary>
    public XElement Metadata { get; }

    public string Id => Value("id");

    public string Version => Value("version");

    /// <summary>Every &lt;dependency&gt; of every target framework group, by id.</summary>
    public IReadOnlyDictionary<string, XElement> Dependencies =>
        Metadata.Descendants().Where(e => e.Name.LocalName == "dependency").ToDictionary(e => (string)e.Attribute("id")!);

    public string Value(string element) => Element(element).Value;

    public XElement Element(string name) => Metadata.Elements().Single(e => e.Name.LocalName == name);

    public static Package Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var nuspec = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec"));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new Package(zip.Entries.Select(e => e.FullName).ToList(), metadata);
    }

    /// <summary>The package <paramref name="id"/> among the .nupkg files of <paramref name="folder"/>.</summary>
    public static Package Find(string folder, string id) =>
        Directory.GetFiles(folder, "*.nupkg").Select(Open).Single(p => p.Id == id);
}
