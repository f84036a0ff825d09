using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// The CJK TrueType font documents are set in. PDF needs the font's glyphs embedded; without a CJK font on the machine
/// documents are issued as self-contained HTML instead (the start-up log says what to install).
/// </summary>
public static class CjkFont
{
    /// <summary>Where Debian, Ubuntu, Fedora and Windows put a CJK TrueType font (TrueType collections are not used).</summary>
    public static IReadOnlyList<string> KnownPaths { get; } =
    [
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansSC-Regular.ttf",
        "/usr/share/fonts/truetype/arphic/uming.ttf",
        @"C:\Windows\Fonts\simhei.ttf",
    ];

    /// <summary>
    /// Latin fonts for the runs of Latin letters, digits and ASCII punctuation: the common CJK fallback font (Droid Sans
    /// Fallback) has no Latin glyphs at all. Without one, the CJK font sets those runs too.
    /// </summary>
    public static IReadOnlyList<string> LatinPaths { get; } =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    /// <summary>The Latin font beside a CJK font: the first known one that exists, else the CJK font itself.</summary>
    public static string LatinFor(string cjkPath) => LatinPaths.FirstOrDefault(File.Exists) ?? cjkPath;

    /// <summary>What to install where none is found.</summary>
    public const string InstallHint = "apt-get install fonts-droid-fallback (Debian/Ubuntu), or set the document font path to a CJK TrueType file";

    /// <summary>The configured font file if it exists; with none configured, the first known path that exists; else null.</summary>
    public static string? Find(string? configured) =>
        configured is not null ? (File.Exists(configured) ? configured : null) : KnownPaths.FirstOrDefault(File.Exists);

    /// <summary>The font family name to draw with, after making the file known to PDFsharp.</summary>
    public static string FamilyFor(string path) => Resolver.Register(path);

    private static readonly FileFontResolver Resolver = FileFontResolver.Install();

    /// <summary>
    /// PDFsharp's font resolver is process-wide and can be set only once: one resolver serves every font file any host
    /// of this process configured, each under a family name of its own.
    /// </summary>
    private sealed class FileFontResolver : IFontResolver
    {
        private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

        public static FileFontResolver Install()
        {
            var resolver = new FileFontResolver();
            GlobalFontSettings.FontResolver = resolver;
            return resolver;
        }

        public string Register(string path)
        {
            var family = "cjk-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..12];
            _faces.GetOrAdd(family, _ => File.ReadAllBytes(path));
            return family;
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            _faces.ContainsKey(familyName) ? new FontResolverInfo(familyName) : null;

        public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
    }
}
