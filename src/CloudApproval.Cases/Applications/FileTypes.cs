namespace CloudApproval.Cases.Applications;

/// <summary>
/// What a file is, by its first bytes: a name says what the sender claims, the content what it is. A renamed executable
/// (an <c>MZ</c> header called .pdf) must not reach a clerk's desktop as a PDF.
/// </summary>
public static class FileTypes
{
    /// <summary>How many leading bytes are read to recognise a file.</summary>
    public const int HeadLength = 64;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = "PK\x03\x04"u8.ToArray();
    private static readonly byte[] TiffLittle = "II*\0"u8.ToArray();
    private static readonly byte[] TiffBig = "MM\0*"u8.ToArray();
    private static readonly byte[] Dwg = "AC10"u8.ToArray();
    private static readonly byte[] Elf = [0x7F, 0x45, 0x4C, 0x46];

    /// <summary>The type a file name claims (its extension, lower case, jpeg → jpg, tiff → tif); null without one.</summary>
    public static string? OfName(string fileName)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        return extension switch
        {
            "" => null,
            "jpeg" => "jpg",
            "tiff" => "tif",
            _ => extension,
        };
    }

    /// <summary>Whether the leading bytes are those of <paramref name="type"/>.</summary>
    public static bool Matches(string type, ReadOnlySpan<byte> head) => type switch
    {
        "pdf" => head.StartsWith(Pdf),
        "png" => head.StartsWith(Png),
        "jpg" => head.StartsWith(Jpeg),
        // OFD (GB/T 33190), Office Open XML and zip are all zip containers.
        "ofd" or "docx" or "xlsx" or "zip" => head.StartsWith(Zip),
        "tif" => head.StartsWith(TiffLittle) || head.StartsWith(TiffBig),
        "dwg" => head.StartsWith(Dwg),
        "mp4" => head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8),
        // DXF is text: group code 0 then SECTION (binary DXF has its own sentinel).
        "dxf" => IsTextDxf(head) || head.StartsWith("AutoCAD Binary DXF"u8),
        _ => false,
    };

    /// <summary>What the leading bytes show, for a refusal that says why (“a Windows executable (MZ header)”).</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("MZ"u8)) return "a Windows executable (MZ header)";
        if (head.StartsWith(Elf)) return "an ELF executable";
        if (head.StartsWith("#!"u8)) return "a script (#!)";
        foreach (var type in Known)
            if (Matches(type, head)) return $"a {type} file";
        return "of no accepted type";
    }

    /// <summary>The signature a type must start with, for messages.</summary>
    public static string Signature(string type) => type switch
    {
        "pdf" => "%PDF-",
        "png" => "\\x89PNG",
        "jpg" => "\\xFF\\xD8\\xFF",
        "ofd" or "docx" or "xlsx" or "zip" => "PK\\x03\\x04 (a zip container)",
        "tif" => "II* or MM*",
        "dwg" => "AC10",
        "mp4" => "ftyp at byte 4",
        "dxf" => "0 SECTION",
        _ => "none known",
    };

    /// <summary>The media type a file of <paramref name="type"/> is served with.</summary>
    public static string ContentType(string type) => type switch
    {
        "pdf" => "application/pdf",
        "ofd" => "application/ofd",
        "png" => "image/png",
        "jpg" => "image/jpeg",
        "tif" => "image/tiff",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "dwg" => "image/vnd.dwg",
        "dxf" => "image/vnd.dxf",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    };

    private static readonly string[] Known = ["pdf", "png", "jpg", "zip", "tif", "dwg", "mp4"];

    private static bool IsTextDxf(ReadOnlySpan<byte> head)
    {
        var text = System.Text.Encoding.ASCII.GetString(head).TrimStart();
        return text.StartsWith('0') && text.Contains("SECTION", StringComparison.Ordinal);
    }
}
