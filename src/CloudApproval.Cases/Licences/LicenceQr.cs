using QRCoder;

namespace CloudApproval.Cases.Licences;

/// <summary>The QR code printed on a licence: the address of its public verification page, as a PNG.</summary>
public static class LicenceQr
{
    /// <summary><c>&lt;base&gt;/verify/licences/{number}</c>, the number escaped.</summary>
    public static string VerificationUrl(string publicBaseUrl, string number)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        return $"{publicBaseUrl.TrimEnd('/')}/verify/licences/{Uri.EscapeDataString(number)}";
    }

    public static byte[] Png(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
